package bot

import (
	"cmp"
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"sibu/flows/join"
	"sibu/flows/kit"
	"sibu/flows/when"
	"sibu/reports"
)

// The roster's reports (join.ReportImport, join.ReportRoster) and a unit
// link's QR poster (join.ReportPoster), rendered at send time from what is
// stored then, like every report (reports.go).

// rosterNames names units and roles for the roster workbooks, in Chinese.
func (b *Bot) rosterNames() reports.RosterNames {
	env := b.engine.Env()
	st := &kit.Step{Lang: "zh"}
	return reports.RosterNames{Unit: env.UnitName, Role: st.RoleName}
}

// rosterImport sends an import's rejected rows (with their reason) and the
// people its file no longer lists; nothing once the import's record has
// expired (a week).
func (b *Bot) rosterImport(ctx context.Context, o kit.Output) ([]file, error) {
	rep, ok, err := b.store.RosterImport(ctx, o.SurveyID)
	if err != nil || !ok {
		return nil, err
	}
	data, err := reports.ImportXLSX(rep.Rejected, rep.Missing, b.rosterNames())
	if err != nil {
		return nil, err
	}
	base := strings.TrimSuffix(rep.File, filepath.Ext(rep.File))
	caption := fmt.Sprintf("「%s」未接受的行 %d 行（“原因”一列），文件中没有的人 %d 人", rep.File, len(rep.Rejected), len(rep.Missing))
	return []file{{name: fileName("xlsx", base, "未接受的行", b.today()), data: data, caption: caption}}, nil
}

// rosterTable sends the roster of the unit named in o.SurveyID and the
// units below it, the people not joined first, with their numbers (the
// access policy let only officials of the unit ask for it).
func (b *Bot) rosterTable(ctx context.Context, o kit.Output) ([]file, error) {
	env := b.engine.Env()
	r := b.store.Roster(ctx)
	var entries []join.Entry
	for _, unit := range env.SubUnits(o.SurveyID) {
		found, err := r.RosterOf(unit)
		if err != nil {
			return nil, err
		}
		start := len(entries)
		for phone, cur := range found {
			entries = append(entries, join.Entry{Expected: cur.Expected, Phone: phone, Joined: cur.Joined != 0})
		}
		slices.SortFunc(entries[start:], func(a, b join.Entry) int { return strings.Compare(a.Name+a.Phone, b.Name+b.Phone) })
	}
	slices.SortStableFunc(entries, func(a, b join.Entry) int {
		if a.Joined != b.Joined {
			return cmp.Compare(boolRank(a.Joined), boolRank(b.Joined))
		}
		return 0
	})
	data, err := reports.RosterXLSX(entries, b.rosterNames())
	if err != nil {
		return nil, err
	}
	waiting := 0
	for _, e := range entries {
		if !e.Joined {
			waiting++
		}
	}
	caption := fmt.Sprintf("「%s」名单 %d 人，未加入 %d 人", env.UnitName(o.SurveyID), len(entries), waiting)
	return []file{{name: fileName("xlsx", env.UnitName(o.SurveyID), "名单", b.today()), data: data, caption: caption}}, nil
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// joinPoster sends the QR poster of the unit link o.SurveyID: A4 as a file
// (print quality), phone size as a photo; nothing when the link was
// stopped or expired meanwhile.
func (b *Bot) joinPoster(ctx context.Context, o kit.Output) ([]file, error) {
	env := b.engine.Env()
	link, ok, err := b.store.Roster(ctx).UnitLink(o.SurveyID)
	if err != nil || !ok || !link.Usable(b.opt.Now()) {
		return nil, err
	}
	title, line, valid, note := join.PosterText("zh", when.Deadline(link.ExpiresAt.In(env.Location), "zh"))
	p := reports.Poster{Unit: env.UnitName(link.Unit), Link: join.DeepLink(env.BotUsername, link.Code),
		Title: title, Instruction: line, Valid: valid, Note: note}
	var out []file
	for _, size := range []reports.PosterSize{reports.PosterA4, reports.PosterPhone} {
		data, err := reports.PosterPNG(p, size)
		if err != nil {
			return nil, err
		}
		out = append(out, file{name: fileName("png", p.Unit, "加入二维码", size.Name), data: data,
			photo: size == reports.PosterPhone, caption: fmt.Sprintf("「%s」加入二维码（%s）", p.Unit, size.Name)})
	}
	return out, nil
}
