package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"sibu/flows/kit"
	"sibu/flows/survey"
	"sibu/storage"
	"sibu/tgemu"
)

// TestPanickingReportDoesNotWedge (issue 12, finding 1): a report whose
// rendering panics at send time does not take the process down nor hold
// the chat's pending replies for ever: it is set aside in the dead list
// with the panic, the person gets an apology, and their next message is
// answered.
func TestPanickingReportDoesNotWedge(t *testing.T) {
	emu := tgemu.New(tgemu.WithToken(callsToken), tgemu.WithBotUser(4242, "sibu_demo_bot", "四步"))
	emu.Start()
	defer emu.Close()
	b := newCallsBot(t, emu)
	b.reports[survey.ReportChart] = func(context.Context, kit.Output) ([]file, error) { panic("boom: chart") }
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	u := tgemu.User{ID: 7, FirstName: "组织部"}
	emu.SendText(u, "/start") // the chat exists; nobody polls this update
	if _, err := b.store.Commit(ctx, storage.Commit{ChatID: u.ID, NoSession: true, Now: time.Now(), Outputs: []kit.Output{
		{Kind: kit.OutSend, ChatID: u.ID, Text: "统计如下"},
		{Kind: kit.OutReport, ChatID: u.ID, Report: survey.ReportChart, SurveyID: "demo"}}}); err != nil {
		t.Fatal(err)
	}
	raw := `{"update_id":900,"message":{"message_id":900,"date":1,"chat":{"id":7,"type":"private"},"from":{"id":7,"is_bot":false,"first_name":"x"},"text":"/help","entities":[{"type":"bot_command","offset":0,"length":5}]}}`
	if _, err := b.store.Record(ctx, storage.Update{ID: 900, ChatID: u.ID, Raw: []byte(raw)}); err != nil {
		t.Fatal(err)
	}
	run, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); b.Run(run, time.Second) }()
	defer func() { stop(); <-done }()
	sorry, err := emu.WaitFor(ctx, u.ID, func(m tgemu.Message) bool { return m.FromBot && m.Text == kit.T("zh", kit.MsgSomethingWrong) })
	if err != nil {
		t.Fatalf("no apology: %v", emu.BotMessages(u.ID))
	}
	if _, err := emu.WaitFor(ctx, u.ID, func(m tgemu.Message) bool { return m.FromBot && m.ID > sorry.ID && strings.Contains(m.Text, "/help") }); err != nil {
		t.Fatalf("the chat stopped answering: %v", emu.BotMessages(u.ID))
	}
	dead, err := b.store.DeadLetters(ctx, 10)
	if err != nil || len(dead) != 1 || dead[0].Kind != storage.DeadReply || !strings.Contains(dead[0].Error, "boom: chart") {
		t.Fatalf("dead list %+v, %v", dead, err)
	}
}
