package bot

import (
	"context"
	"fmt"

	"sibu/flows/kit"
	"sibu/reports"
)

// Reports rendered as documents rather than figures: a 复盘's DOCX. Their
// kinds are rows of the renderer table (reports.go).

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
