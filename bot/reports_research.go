package bot

import (
	"context"
	"fmt"

	"sibu/flows/commitment"
	"sibu/flows/kit"
	"sibu/flows/research"
	"sibu/reports"
)

// The research campaign's reports (调研 听·问·访·谈): the dashboard chart,
// the 调研报告 and the 意见台账, rows of the renderer table in reports.go.

// viewer is the person a report is for (the chat it goes to): a configured
// admin is an official of the root; ok=false for nobody known.
func (b *Bot) viewer(ctx context.Context, chat int64) (kit.Person, bool, error) {
	env := b.engine.Env()
	p, ok, err := b.store.Person(ctx, chat)
	if env.Admins[chat] {
		p.ID, p.Unit, p.Role, ok = chat, env.Root, kit.RoleOfficial, true
	}
	return p, ok, err
}

// researchFigures reads the campaign of a report and its figures within
// the report's scope.
func (b *Bot) researchFigures(ctx context.Context, o kit.Output) (research.Figures, error) {
	f := b.engine.Research()
	c, ok := f.Campaign(o.SurveyID)
	if !ok {
		return research.Figures{}, fmt.Errorf("%s of unknown campaign %q", o.Report, o.SurveyID)
	}
	return f.Figures(b.store.Directory(ctx), c, o.Scope)
}

// researchChart draws the dashboard: four bars per unit.
func (b *Bot) researchChart(ctx context.Context, o kit.Output) ([]file, error) {
	fig, err := b.researchFigures(ctx, o)
	if err != nil {
		return nil, err
	}
	env := b.engine.Env()
	img, err := reports.ResearchChartPNG(fig, env.UnitName, reports.ChartOptions{})
	if err != nil {
		return nil, err
	}
	return []file{{name: fileName("png", fig.Campaign.Title, "调研进度", b.today()), data: img, photo: true}}, nil
}

// researchReport writes the 调研报告 of the report's scope as DOCX: the
// figures, the campaign's opinions the requester may read, and the
// commitment items drawn from them.
func (b *Bot) researchReport(ctx context.Context, o kit.Output) ([]file, error) {
	fig, err := b.researchFigures(ctx, o)
	if err != nil {
		return nil, err
	}
	data, err := b.researchDOCX(ctx, o, fig)
	if err != nil {
		return nil, err
	}
	return []file{{name: fileName("docx", fig.Campaign.Title, "调研报告", b.today()), data: data,
		caption: fmt.Sprintf("「%s」调研报告", fig.Campaign.Title)}}, nil
}

// researchDOCX builds and writes the document of fig for the requester.
func (b *Bot) researchDOCX(ctx context.Context, o kit.Output, fig research.Figures) ([]byte, error) {
	env, f := b.engine.Env(), b.engine.Research()
	me, ok, err := b.viewer(ctx, o.ChatID)
	if err != nil || !ok {
		return nil, fmt.Errorf("report for %d: %v (known %v)", o.ChatID, err, ok)
	}
	issuer := o.Scope
	if issuer == "" {
		issuer = env.Root
	}
	all, err := f.Visible(b.store.Directory(ctx), me, issuer)
	if err != nil {
		return nil, err
	}
	ops := f.CampaignOpinions(all, fig.Campaign, o.Scope)
	items := map[string]commitment.Item{}
	for _, op := range ops {
		if op.Handling.Kind != research.HandledCommitment {
			continue
		}
		if it, ok, err := b.store.Commitment(ctx, op.Handling.Item); err != nil {
			return nil, err
		} else if ok {
			items[it.ID] = it
		}
	}
	return reports.DOCX(f.Report(fig, ops, items, env.UnitName(issuer), b.opt.Now()))
}

// researchOpinions exports the 意见台账 of the unit in o.SurveyID that the
// requester may read.
func (b *Bot) researchOpinions(ctx context.Context, o kit.Output) ([]file, error) {
	env, f := b.engine.Env(), b.engine.Research()
	me, ok, err := b.viewer(ctx, o.ChatID)
	if err != nil || !ok {
		return nil, err
	}
	ops, err := f.Visible(b.store.Directory(ctx), me, o.SurveyID)
	if err != nil {
		return nil, err
	}
	data, err := reports.OpinionsXLSX(ops, reports.OpinionNames{Unit: env.UnitName, Source: f.SourceLabel})
	if err != nil {
		return nil, err
	}
	return []file{{name: fileName("xlsx", env.UnitName(o.SurveyID), "意见台账", b.today()), data: data,
		caption: fmt.Sprintf("「%s」意见台账：%d 条", env.UnitName(o.SurveyID), len(ops))}}, nil
}
