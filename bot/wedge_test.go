package bot_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"sibu/bot"
	"sibu/flows"
	"sibu/flows/join"
	"sibu/flows/kit"
	"sibu/flows/survey"
	"sibu/storage"
	"sibu/tgemu"
)

// The tests of issue 12, finding 1: nothing an update or a reply does can
// wedge its chat.

// commentsSurvey asks for twelve comments.
func commentsSurvey(t *testing.T) *survey.Survey {
	t.Helper()
	var els []string
	for i := range 12 {
		els = append(els, fmt.Sprintf(`{"type": "comment", "name": "c%d", "title": "第%d条意见和建议", "isRequired": true}`, i, i+1))
	}
	sv, err := survey.Parse("yijian", []byte(`{"campaign": {"units": ["root"], "max_answer_length": 4000}, "survey": {"title": "征求意见", "elements": [`+
		strings.Join(els, ",")+`]}}`), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	return sv
}

// joined makes u a member of the root unit.
func (r *rig) joined(t *testing.T, u tgemu.User) {
	t.Helper()
	if _, err := r.store.Commit(r.ctx, storage.Commit{ChatID: u.ID, NoSession: true, Now: time.Now(), Effects: []kit.Effect{
		join.MemberJoined{Person: kit.Person{ID: u.ID, Name: u.FirstName, Unit: "root", Role: kit.RoleMember}}}}); err != nil {
		t.Fatal(err)
	}
}

// answered waits, within a short time, for the bot's first message in
// chat after message id that contains want.
func (r *rig) answered(t *testing.T, chat int64, after int, want string, within time.Duration) tgemu.Message {
	t.Helper()
	ctx, cancel := context.WithTimeout(r.ctx, within)
	defer cancel()
	m, err := r.emu.WaitFor(ctx, chat, func(m tgemu.Message) bool {
		return m.FromBot && m.ID > after && strings.Contains(m.Text, want)
	})
	if err != nil {
		t.Fatalf("chat %d: no %q within %v; the bot said:%s", chat, want, within, texts(r.emu.BotMessages(chat)))
	}
	return m
}

// TestLongSummaryDoesNotWedge: a member who wrote twelve long comments (72
// KB: more than one commit took, and more than one message holds) gets the
// questionnaire's closing summary — long answers shortened, in pieces
// Telegram accepts, with 提交 on the last; /cancel then answers at once.
func TestLongSummaryDoesNotWedge(t *testing.T) {
	r := newRig(t, flows.Env{Env: kit.Env{Admins: map[int64]bool{1: true}},
		Surveys: map[string]*survey.Survey{"yijian": commentsSurvey(t)}})
	member, admin := tgemu.User{ID: 4300, FirstName: "钱七"}, tgemu.User{ID: 1, FirstName: "组织部"}
	r.joined(t, member)
	r.help(t, member.ID, member)
	r.emu.SendText(admin, "/survey open yijian")
	inv := r.answered(t, member.ID, 0, "征求意见", 20*time.Second)
	r.emu.Press(member, member.ID, inv.ID, inv.ReplyMarkup.InlineKeyboard[0][0].CallbackData)
	last := 0
	for i := range 12 {
		r.answered(t, member.ID, last, fmt.Sprintf("第%d条意见和建议", i+1), 20*time.Second)
		last = r.emu.SendText(member, strings.Repeat("群众反映的问题要件件有回音", 150)).Message.ID // 1,950 字
	}
	if _, err := r.emu.WaitFor(r.ctx, member.ID, func(m tgemu.Message) bool { return m.FromBot && m.ID > last && m.ReplyMarkup != nil }); err != nil {
		t.Fatalf("no summary with its buttons: %s", texts(r.emu.BotMessages(member.ID)))
	}
	var pieces []tgemu.Message
	for _, m := range r.emu.BotMessages(member.ID) {
		if m.ID > last {
			pieces = append(pieces, m)
		}
	}
	if len(pieces) == 0 || pieces[len(pieces)-1].ReplyMarkup == nil {
		t.Errorf("the summary came as %d messages, the last with buttons %v", len(pieces), pieces[len(pieces)-1].ReplyMarkup)
	}
	id := r.emu.SendText(member, "/cancel").Message.ID
	r.answered(t, member.ID, id, "", 10*time.Second)
	if v := r.emu.Violations(); len(v) > 0 {
		t.Errorf("spec violations: %q", v)
	}
}

// TestRefusedReportDoesNotWedge: an export Telegram refuses for good (413
// Request Entity Too Large) is tried a few times, then set aside with an
// apology; the official's chat answers again.
func TestRefusedReportDoesNotWedge(t *testing.T) {
	sv := commentsSurvey(t)
	r := newRigWith(t, flows.Env{Env: kit.Env{Admins: map[int64]bool{1: true}}, Surveys: map[string]*survey.Survey{"yijian": sv}},
		bot.Options{Attempts: 3})
	admin := tgemu.User{ID: 1, FirstName: "组织部"}
	at := time.Now()
	for _, ef := range []kit.Effect{
		survey.Opened{SurveyID: sv.ID, Version: sv.Version, Issued: []int64{2}, Units: []string{"root"}},
		survey.ResponseSubmitted{SurveyID: sv.ID, Version: sv.Version, Respondent: 2, Unit: "root",
			Answers: map[string]any{"c0": "意见"}, At: at},
	} {
		if _, err := r.store.Commit(r.ctx, storage.Commit{ChatID: 2, NoSession: true, Now: at, Effects: []kit.Effect{ef}}); err != nil {
			t.Fatal(err)
		}
	}
	r.emu.Inject(func(c tgemu.Call) *tgemu.APIError {
		if c.Method == "sendDocument" {
			return &tgemu.APIError{Code: 413, Description: "Request Entity Too Large"}
		}
		return nil
	})
	r.help(t, admin.ID, admin)
	id := r.emu.SendText(admin, "/export yijian").Message.ID
	sorry := r.answered(t, admin.ID, id, kit.T("zh", kit.MsgSomethingWrong), 40*time.Second)
	r.help(t, admin.ID, admin)
	for _, m := range r.botSaidBetween(admin.ID, sorry.ID, 1<<30) {
		if m.Text != sorry.Text && !strings.Contains(m.Text, "/help") {
			t.Errorf("after the apology: %q", m.Text)
		}
	}
	dead, err := r.store.DeadLetters(r.ctx, 10)
	if err != nil || len(dead) != 2 {
		t.Fatalf("dead list %+v, %v: want both files of the export", dead, err)
	}
	for _, d := range dead {
		if d.Kind != storage.DeadReply || d.Chat != admin.ID || !strings.Contains(d.Error, "413") || !strings.Contains(string(d.Body), `"report"`) {
			t.Errorf("dead entry %+v", d)
		}
	}
	// Once Telegram takes the files again, the operator puts them back.
	r.emu.Inject(nil)
	if n, err := r.store.ReplayDead(r.ctx, 10); n != 2 || err != nil {
		t.Fatalf("replay = %d, %v", n, err)
	}
	r.help(t, admin.ID, admin)
	if got := len(r.emu.CallsTo("sendDocument")); got < 2 {
		t.Errorf("the replayed files were not sent: %d sendDocument calls", got)
	}
}

// TestFailingCommitDoesNotWedge: an update whose commit keeps failing
// with an error that is not a conflict (here Redis refuses to write the
// invite: its key holds a value of another type) is tried a few times,
// then set aside with an apology; the chat answers its next update.
func TestFailingCommitDoesNotWedge(t *testing.T) {
	r := newRigWith(t, flows.Env{Env: kit.Env{Admins: map[int64]bool{1: true}, NewCode: func() string { return "fixed" }}},
		bot.Options{Attempts: 3})
	admin := tgemu.User{ID: 1, FirstName: "组织部"}
	r.help(t, admin.ID, admin)
	r.rdb.Set(r.ctx, r.store.Keys().Invite("fixed"), "not a hash", 0)
	id := r.emu.SendText(admin, "/invite").Message.ID
	r.answered(t, admin.ID, id, kit.T("zh", kit.MsgSomethingWrong), 40*time.Second)
	r.help(t, admin.ID, admin)
	dead, err := r.store.DeadLetters(r.ctx, 10)
	if err != nil || len(dead) != 1 {
		t.Fatalf("dead list %+v, %v", dead, err)
	}
	if d := dead[0]; d.Kind != storage.DeadUpdate || d.Chat != admin.ID || !strings.Contains(d.Error, "WRONGTYPE") ||
		!strings.Contains(string(d.Body), `"/invite"`) {
		t.Errorf("dead entry %+v", d)
	}
	// Repaired, the update is put back and applied.
	r.rdb.Del(r.ctx, r.store.Keys().Invite("fixed"))
	if n, err := r.store.ReplayDead(r.ctx, 10); n != 1 || err != nil {
		t.Fatalf("replay = %d, %v", n, err)
	}
	r.answered(t, admin.ID, id, "start=fixed", 20*time.Second)
	if n, _ := r.store.DeadCount(r.ctx); n != 0 {
		t.Errorf("%d left in the dead list", n)
	}
}
