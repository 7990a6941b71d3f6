package bot

import (
	"context"
	"fmt"

	"sibu/flows/discipline"
	"sibu/flows/kit"
	"sibu/reports"
)

// Reports of the 复盘 and the election-discipline work: a 复盘's DOCX and a
// checklist's completion. Their kinds are rows of the renderer table
// (reports.go).

// retroDOCX renders a 复盘 as the 工作复盘模板 (a DOCX), for the facilitator
// and the participants (the flow asked the access policy before it
// committed the report).
func (b *Bot) retroDOCX(ctx context.Context, o kit.Output) ([]file, error) {
	r, ok, err := b.store.Retro(ctx, o.SurveyID)
	if err != nil || !ok {
		return nil, err
	}
	cs, err := b.store.RetroContributions(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	data, err := reports.RetroDOCX(r, cs, b.opt.Now(), b.engine.Env().Location)
	if err != nil {
		return nil, fmt.Errorf("retro %s: %w", r.ID, err)
	}
	return []file{{name: fileName("docx", r.Title, "复盘报告", b.today()), data: data}}, nil
}

// checklistXLSX renders a checklist's completion (the people of the
// requester's subtree when the report is scoped).
func (b *Bot) checklistXLSX(ctx context.Context, o kit.Output) ([]file, error) {
	c, ok, err := b.store.Checklist(ctx, o.SurveyID)
	if err != nil || !ok {
		return nil, err
	}
	all, err := b.store.ChecklistTargets(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	done, err := b.store.ChecklistConfirmations(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	var targets []discipline.Target
	for _, t := range all {
		if o.Scope == "" || b.engine.Subtree(o.Scope, t.Unit) {
			targets = append(targets, t)
		}
	}
	env := b.engine.Env()
	role := func(r kit.Role) string { return (&kit.Step{Lang: "zh"}).RoleName(r) }
	data, err := reports.ChecklistXLSX(c, targets, done, env.UnitName, role, env.Location)
	if err != nil {
		return nil, fmt.Errorf("checklist %s: %w", c.ID, err)
	}
	return []file{{name: fileName("xlsx", c.Title, "完成情况", b.today()), data: data}}, nil
}
