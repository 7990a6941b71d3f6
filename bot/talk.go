package bot

import (
	"context"
	"fmt"

	"sibu/flows"
	"sibu/reports"
)

// talkReports renders the talk feature's OutReport kinds (name → renderer):
// the coverage chart (PNG) and the talk ledger (XLSX) of a round, whose id
// is in Output.SurveyID.
func (b *Bot) talkReports() map[string]func(context.Context, flows.Output) ([]file, error) {
	return map[string]func(context.Context, flows.Output) ([]file, error){
		flows.ReportTalkChart: b.talkChart,
		flows.ReportTalkXLSX:  b.talkLedger,
	}
}

func (b *Bot) talkNames(ctx context.Context) reports.TalkNames {
	env := b.engine.Env()
	names := map[string]string{}
	var order []string
	for _, u := range env.Units {
		names[u.ID] = u.Name
		order = append(order, u.ID)
	}
	people := map[int64]string{}
	return reports.TalkNames{
		Units: order,
		Unit:  func(id string) string { return names[id] },
		Person: func(id int64) string {
			if n, ok := people[id]; ok {
				return n
			}
			p, ok, err := b.store.Person(ctx, id)
			if err != nil || !ok {
				return ""
			}
			people[id] = p.Name
			return p.Name
		},
	}
}

func (b *Bot) talkChart(ctx context.Context, o flows.Output) ([]file, error) {
	rs, ok, err := b.store.TalkRound(ctx, o.SurveyID)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("chart of unknown talk round %q", o.SurveyID)
	}
	cov, err := b.store.TalkCoverage(ctx, rs.Round.ID)
	if err != nil {
		return nil, err
	}
	img, err := reports.TalkChartPNG(rs.Round.Title, cov, b.talkNames(ctx), reports.ChartOptions{})
	if err != nil {
		return nil, err
	}
	day := b.opt.Now().In(b.engine.Env().Location).Format("20060102")
	return []file{{name: fmt.Sprintf("%s-谈话覆盖-%s.png", rs.Round.ID, day), data: img, photo: true}}, nil
}

// talkLedger exports the rows the requesting official may see: summaries
// are for the officials of the person's unit, so a unit official gets
// their subtree and the root's officials (and admins) everything.
func (b *Bot) talkLedger(ctx context.Context, o flows.Output) ([]file, error) {
	rs, ok, err := b.store.TalkRound(ctx, o.SurveyID)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("ledger of unknown talk round %q", o.SurveyID)
	}
	env := b.engine.Env()
	scope := ""
	if !env.Admins[o.ChatID] {
		p, ok, err := b.store.Person(ctx, o.ChatID)
		if err != nil {
			return nil, err
		}
		if !ok || p.Role != flows.RoleOfficial {
			return nil, nil
		}
		scope = p.Unit
	}
	all, err := b.store.TalkLedger(ctx, rs.Round.ID)
	if err != nil {
		return nil, err
	}
	entries := all[:0:0]
	for _, en := range all {
		if scope == "" || b.engine.Subtree(scope, en.Unit) {
			entries = append(entries, en)
		}
	}
	data, err := reports.TalkLedgerXLSX(rs.Round.Title, entries, b.talkNames(ctx), env.Location)
	if err != nil {
		return nil, err
	}
	day := b.opt.Now().In(env.Location).Format("20060102")
	return []file{{name: fmt.Sprintf("%s-谈话台帐-%s.xlsx", rs.Round.ID, day), data: data,
		caption: fmt.Sprintf("「%s」谈话台帐 %d 人", rs.Round.Title, len(entries))}}, nil
}
