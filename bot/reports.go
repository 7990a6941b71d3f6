package bot

import (
	"bytes"
	"context"
	"fmt"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"sibu/flows"
	"sibu/reports"
)

// file is one generated file to send.
type file struct {
	name    string
	data    []byte
	photo   bool
	caption string
}

// reportFiles renders an OutReport from the stored counters and responses.
// It runs at send time (after the commit), so a resent reply renders again.
func (b *Bot) reportFiles(ctx context.Context, o flows.Output) ([]file, error) {
	for _, reports := range []map[string]func(context.Context, flows.Output) ([]file, error){b.commitmentReports(), b.talkReports()} {
		if render, ok := reports[o.Report]; ok {
			return render(ctx, o)
		}
	}
	sv := b.engine.Env().Surveys[o.SurveyID]
	if sv == nil {
		return nil, fmt.Errorf("report of unknown questionnaire %q", o.SurveyID)
	}
	stats, err := b.store.SurveyStats(ctx, sv.ID, true)
	if err != nil {
		return nil, err
	}
	if sv.Campaign.Anonymous && stats.Submitted < int64(sv.Campaign.MinGroup) {
		return nil, nil // too few to show without singling people out
	}
	qs := flows.QuestionTallies(sv, stats.Tallies)
	day := b.opt.Now().In(b.engine.Env().Location).Format("20060102")
	switch o.Report {
	case flows.ReportChart:
		sub := fmt.Sprintf("回收 %d/%d 份", stats.Submitted, stats.Issued)
		if sv.Campaign.Satisfied != nil && stats.SatisfiedAnswered > 0 {
			sub += fmt.Sprintf(" · 满意率 %.1f%%", float64(stats.Satisfied)*100/float64(stats.SatisfiedAnswered))
		}
		pages, err := reports.ChartPages(sv.Title, qs, reports.ChartOptions{Subtitle: sub})
		if err != nil {
			return nil, err
		}
		out := make([]file, len(pages))
		for i, p := range pages {
			out[i] = file{name: fmt.Sprintf("%s-%s-%d.png", sv.ID, day, i+1), data: p, photo: true}
		}
		return out, nil
	case flows.ReportXLSX, flows.ReportCSV:
		rows, err := b.store.Responses(ctx, sv.ID)
		if err != nil {
			return nil, err
		}
		var data []byte
		if o.Report == flows.ReportXLSX {
			data, err = reports.XLSX(sv, rows, qs)
		} else {
			data, err = reports.CSV(sv, rows)
		}
		if err != nil {
			return nil, err
		}
		name := fmt.Sprintf("%s-答卷-%s.%s", sv.ID, day, o.Report)
		return []file{{name: name, data: data, caption: fmt.Sprintf("「%s」%d 份答卷", sv.Title, len(rows))}}, nil
	}
	return nil, fmt.Errorf("unknown report %q", o.Report)
}

// sendReport renders and uploads a report.
func (b *Bot) sendReport(ctx context.Context, o flows.Output, kind Kind) error {
	files, err := b.reportFiles(ctx, o)
	if err != nil {
		return permanent{fmt.Errorf("render %s of %s: %w", o.Report, o.SurveyID, err)}
	}
	for _, f := range files {
		method := "sendDocument"
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
