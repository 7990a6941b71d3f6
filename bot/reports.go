package bot

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"strings"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"sibu/flows/commitment"
	"sibu/flows/discipline"
	"sibu/flows/join"
	"sibu/flows/kit"
	"sibu/flows/research"
	"sibu/flows/retro"
	"sibu/flows/survey"
	"sibu/flows/talk"
	"sibu/reports"
)

// file is one generated file to send.
type file struct {
	name    string
	data    []byte
	photo   bool
	caption string
}

// render makes the files of one OutReport kind from stored data. The id of
// what it reports on (a questionnaire, a unit, a talk round) is in
// Output.SurveyID.
type render func(ctx context.Context, o kit.Output) ([]file, error)

// renderers are the OutReport kinds by name, one line per feature's report.
func (b *Bot) renderers() map[string]render {
	return map[string]render{
		survey.ReportChart:         b.surveyChart,
		survey.ReportXLSX:          b.surveyExport,
		survey.ReportCSV:           b.surveyExport,
		commitment.ReportLedger:    b.commitmentLedger,
		talk.ReportChart:           b.talkChart,
		talk.ReportXLSX:            b.talkLedger,
		retro.ReportDOCX:           b.retroDOCX,
		discipline.ReportChecklist: b.checklistXLSX,
		join.ReportImport:          b.rosterImport,
		join.ReportRoster:          b.rosterTable,
		join.ReportPoster:          b.joinPoster,
		research.ReportChart:       b.researchChart,
		research.ReportDOCX:        b.researchReport,
		research.ReportOpinions:    b.researchOpinions,
	}
}

// sendReport renders and uploads a report. It runs at send time (after the
// commit), so a resent reply renders again, from what is stored then.
func (b *Bot) sendReport(ctx context.Context, o kit.Output, kind Kind) error {
	r, ok := b.reports[o.Report]
	if !ok {
		return permanent{fmt.Errorf("unknown report %q", o.Report)}
	}
	files, err := r(ctx, o)
	if err != nil {
		return renderError{fmt.Errorf("render %s of %s: %w", o.Report, o.SurveyID, err)}
	}
	for _, f := range files {
		method := "sendDocument"
		f.photo = f.photo && photoFits(f.data) // else Telegram refuses it as a photo: a document then
		if f.photo {
			method = "sendPhoto"
		}
		err := b.sender.Do(ctx, method, o.ChatID, kind, func(ctx context.Context, chat int64) error {
			up := &models.InputFileUpload{Filename: f.name, Data: bytes.NewReader(f.data)}
			if f.photo {
				_, err := b.tg.SendPhoto(ctx, &tgbot.SendPhotoParams{ChatID: chat, Photo: up, Caption: f.caption})
				return err
			}
			_, err := b.tg.SendDocument(ctx, &tgbot.SendDocumentParams{ChatID: chat, Document: up, Caption: f.caption})
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// photoFits reports whether Telegram takes a PNG as a photo: at most 10 MB,
// width and height adding up to at most 10,000 pixels, neither side more
// than 20 times the other.
func photoFits(data []byte) bool {
	if len(data) > 10<<20 {
		return false
	}
	c, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return false
	}
	return c.Width+c.Height <= 10000 && max(c.Width, c.Height) <= 20*min(c.Width, c.Height)
}

// today is the date for file names, in the configured location.
func (b *Bot) today() string {
	return b.opt.Now().In(b.engine.Env().Location).Format("20060102")
}

// fileName names a report file for people: what it is about (a unit's, a
// questionnaire's or a round's name), what it is, the date, joined by "-"
// ("通川区委-承诺台账-20261125.xlsx"), without the characters file systems
// refuse.
func fileName(ext string, parts ...string) string {
	clean := strings.NewReplacer("/", "／", "\\", "＼", ":", "：", "*", "＊", "?", "？", "\"", "“", "<", "〈", ">", "〉", "|", "｜", "\n", " ")
	for i, p := range parts {
		parts[i] = clean.Replace(strings.TrimSpace(p))
	}
	return strings.Join(parts, "-") + "." + ext
}

// surveyFigures reads a questionnaire's counts and per-question tallies;
// sv is nil when an anonymous one has too few answers to show without
// singling people out.
func (b *Bot) surveyFigures(ctx context.Context, id string) (*survey.Survey, survey.Stats, []survey.QuestionStats, error) {
	sv := b.engine.Env().Surveys[id]
	if sv == nil {
		return nil, survey.Stats{}, nil, fmt.Errorf("report of unknown questionnaire %q", id)
	}
	stats, err := b.store.SurveyStats(ctx, sv.ID, true)
	if err != nil {
		return nil, stats, nil, err
	}
	if sv.Campaign.Anonymous && stats.Submitted < int64(sv.Campaign.MinGroup) {
		return nil, stats, nil, nil
	}
	return sv, stats, survey.QuestionTallies(sv, stats.Tallies), nil
}

// surveyChart draws a questionnaire's results as PNG pages.
func (b *Bot) surveyChart(ctx context.Context, o kit.Output) ([]file, error) {
	sv, stats, qs, err := b.surveyFigures(ctx, o.SurveyID)
	if sv == nil || err != nil {
		return nil, err
	}
	sub := fmt.Sprintf("回收 %d/%d 份", stats.Submitted, stats.Issued)
	if sv.Campaign.Satisfied != nil && stats.SatisfiedAnswered > 0 {
		sub += fmt.Sprintf(" · 满意率 %.1f%%", float64(stats.Satisfied)*100/float64(stats.SatisfiedAnswered))
	}
	pages, err := reports.ChartPages(sv.Title, qs, reports.ChartOptions{Subtitle: sub})
	if err != nil {
		return nil, err
	}
	day := b.today()
	out := make([]file, len(pages))
	for i, p := range pages {
		out[i] = file{name: fileName("png", sv.Title, "统计图", day, fmt.Sprint(i+1)), data: p, photo: true}
	}
	return out, nil
}

// surveyExport exports a questionnaire's responses as XLSX or CSV
// (o.Report).
func (b *Bot) surveyExport(ctx context.Context, o kit.Output) ([]file, error) {
	sv, _, qs, err := b.surveyFigures(ctx, o.SurveyID)
	if sv == nil || err != nil {
		return nil, err
	}
	rows, err := b.store.Responses(ctx, sv.ID)
	if err != nil {
		return nil, err
	}
	var data []byte
	env := b.engine.Env()
	unit := env.UnitName
	if o.Report == survey.ReportXLSX {
		data, err = reports.XLSX(sv, rows, qs, unit)
	} else {
		data, err = reports.CSV(sv, rows, unit)
	}
	if err != nil {
		return nil, err
	}
	name := fileName(o.Report, sv.Title, "答卷", b.today())
	return []file{{name: name, data: data, caption: fmt.Sprintf("「%s」%d 份答卷", sv.Title, len(rows))}}, nil
}

// commitmentLedger renders the 台账 of the unit named in o.SurveyID and its
// sub-units as XLSX, from the stored items and their history.
func (b *Bot) commitmentLedger(ctx context.Context, o kit.Output) ([]file, error) {
	env := b.engine.Env()
	now := b.opt.Now().In(env.Location)
	var rows []commitment.LedgerRow
	for _, unit := range env.SubUnits(o.SurveyID) {
		items, err := b.store.UnitCommitments(ctx, unit)
		if err != nil {
			return nil, err
		}
		for _, c := range items {
			log, err := b.store.CommitmentLog(ctx, c.ID)
			if err != nil {
				return nil, err
			}
			rows = append(rows, commitment.LedgerRow{Item: c, Unit: env.UnitName(c.Unit), Overdue: c.Overdue(now, env.Location), Log: log})
		}
	}
	data, err := reports.Ledger(rows, reports.LedgerNames{Unit: env.UnitName, Owner: b.engine.Commitment().OwnerLabel,
		Status: commitment.StatusName, What: commitment.WhatName}, env.Location)
	if err != nil {
		return nil, err
	}
	name := fileName("xlsx", env.UnitName(o.SurveyID), "承诺台账", now.Format("20060102"))
	return []file{{name: name, data: data, caption: fmt.Sprintf("「%s」公开承诺台账：%d 项", env.UnitName(o.SurveyID), len(rows))}}, nil
}

// talkRound reads the talk round a report is about.
func (b *Bot) talkRound(ctx context.Context, o kit.Output) (talk.RoundState, error) {
	rs, ok, err := b.store.TalkRound(ctx, o.SurveyID)
	if err == nil && !ok {
		err = fmt.Errorf("%s of unknown talk round %q", o.Report, o.SurveyID)
	}
	return rs, err
}

// talkNames names units (in configuration order) and people for a talk
// report, reading each person once.
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
			if err == nil && !ok && env.Admins[id] {
				return kit.AdminName // an admin who never gave a name, not their id
			}
			if err != nil || !ok {
				return ""
			}
			people[id] = p.Name
			return p.Name
		},
	}
}

// talkChart draws a talk round's coverage as PNG, of the report's scope
// (kit.Output.Scope) when the flow set one.
func (b *Bot) talkChart(ctx context.Context, o kit.Output) ([]file, error) {
	rs, err := b.talkRound(ctx, o)
	if err != nil {
		return nil, err
	}
	cov, err := b.store.TalkCoverage(ctx, rs.Round.ID)
	if err != nil {
		return nil, err
	}
	img, err := reports.TalkChartPNG(rs.Round.Title, b.scoped(o, cov), b.talkNames(ctx), reports.ChartOptions{})
	if err != nil {
		return nil, err
	}
	return []file{{name: fileName("png", rs.Round.Title, "谈话覆盖", b.today()), data: img, photo: true}}, nil
}

// scoped is the part of cov a report may show: the subtree of o.Scope
// (an official of a sub-unit), or all of it.
func (b *Bot) scoped(o kit.Output, cov talk.Coverage) talk.Coverage {
	if o.Scope == "" {
		return cov
	}
	env := b.engine.Env()
	return talk.CoverageIn(cov, env.SubUnits(o.Scope))
}

// talkLedger exports the rows the requesting official may see: summaries
// are for the officials of the person's unit, so a unit official gets
// their subtree and the root's officials (and admins) everything.
func (b *Bot) talkLedger(ctx context.Context, o kit.Output) ([]file, error) {
	rs, err := b.talkRound(ctx, o)
	if err != nil {
		return nil, err
	}
	env := b.engine.Env()
	scope := ""
	if !env.Admins[o.ChatID] {
		p, ok, err := b.store.Person(ctx, o.ChatID)
		if err != nil {
			return nil, err
		}
		if !ok || p.Role != kit.RoleOfficial {
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
	return []file{{name: fileName("xlsx", rs.Round.Title, "谈话台账", b.today()), data: data,
		caption: fmt.Sprintf("「%s」谈话台账 %d 人", rs.Round.Title, len(entries))}}, nil
}
