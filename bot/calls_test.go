package bot

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"

	"sibu/flows"
	"sibu/flows/kit"
	"sibu/internal/redistest"
	"sibu/storage"
	"sibu/tgemu"
)

const callsToken = "42:TEST-token-for-calls"

// newCallsBot returns a bot whose Bot API client talks to emu, with limits
// high enough that pacing never slows a test down.
func newCallsBot(t *testing.T, emu *tgemu.Server) *Bot {
	t.Helper()
	tg, err := tgbot.New(callsToken, tgbot.WithServerURL(emu.URL()), tgbot.WithSkipGetMe(),
		tgbot.WithHTTPClient(time.Minute, HTTPClient()))
	if err != nil {
		t.Fatal(err)
	}
	rdb, prefix := redistest.Client(t)
	units := []kit.Unit{{ID: "root", Name: "区委"}}
	store := storage.New(rdb, prefix, storage.Options{Units: units, Root: "root"})
	engine := flows.NewEngine(flows.Env{Env: kit.Env{BotUsername: "sibu_demo_bot", Units: units, Root: "root"}})
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	return New(tg, store, engine, log, nil, Options{Admins: []int64{7},
		Limits: Limits{Global: 1000, PerChat: 1000, Burst: 100, PerGroupMinute: 60000}})
}

// TestEveryCallMatchesTheSpec sends every kind of output the flows produce,
// at and beyond Telegram's limits, through the bot's own send path to the
// emulator, which checks each call against the Bot API specification. Any
// violation (a text over 4096 UTF-16 units, a caption over 1024, a callback
// answer over 200 characters, a command menu Telegram refuses, a method the
// emulator cannot check) fails the test.
func TestEveryCallMatchesTheSpec(t *testing.T) {
	emu := tgemu.New(tgemu.WithToken(callsToken), tgemu.WithBotUser(4242, "sibu_demo_bot", "四步"))
	emu.Start()
	defer emu.Close()
	b := newCallsBot(t, emu)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	u := tgemu.User{ID: 7, FirstName: "张", LastName: "<b>三</b> & co"}
	emu.SendText(u, "/start")
	photo := emu.SendPhoto(u, nil, "").Message.Photo[0].FileID
	doc := emu.SendDocument(u, "证明.pdf", []byte("%PDF-1.4"), "").Message.Document.FileID
	voice := emu.SendVoice(u, []byte("OggS"), 2).Message.Voice.FileID
	emu.AddGroup(tgemu.Group{ID: -9, Title: "支部群"})

	long := strings.Repeat("党建引领基层治理。\n", 1000) // ~10,000 characters
	emoji := strings.Repeat("👍🏽", 1500)         // 6,000 UTF-16 units
	blankTail := strings.Repeat("字", kit.MaxText) + "\n\n  "
	var rating []kit.Button
	for i := 0; i <= 10; i++ {
		rating = append(rating, kit.Button{Text: strings.Repeat("★", i+1), Data: "1:a:" + strings.Repeat("9", i)})
	}
	sent, _ := b.tg.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: u.ID, Text: "to edit"})
	press := func() string { return emu.Press(u, u.ID, sent.ID, "x").CallbackQuery.ID }

	outs := []struct {
		name string
		o    kit.Output
	}{
		{"long text with buttons", kit.Output{Kind: kit.OutSend, ChatID: u.ID, Text: long,
			Buttons: [][]kit.Button{{{Text: "开始填写", Data: "sv:demo"}}}}},
		{"astral emoji", kit.Output{Kind: kit.OutSend, ChatID: u.ID, Text: emoji}},
		{"blank tail after a cut", kit.Output{Kind: kit.OutSend, ChatID: u.ID, Text: blankTail}},
		{"user text that looks like HTML", kit.Output{Kind: kit.OutSend, ChatID: u.ID, Text: "欢迎 <b>三</b> & <i>co</i> 1 < 2"}},
		{"reply keyboard", kit.Output{Kind: kit.OutSend, ChatID: u.ID, Text: "请发送手机号",
			Keyboard: [][]kit.KeyButton{{{Text: "📱 发送我的手机号", RequestContact: true}}}}},
		{"keyboard removal", kit.Output{Kind: kit.OutSend, ChatID: u.ID, Text: "号码已记下", RemoveKeyboard: true}},
		{"push to a group", kit.Output{Kind: kit.OutPush, ChatID: -9, Text: "公示：" + long[:300]}},
		{"long edit", kit.Output{Kind: kit.OutEdit, ChatID: u.ID, MessageID: sent.ID, Text: long,
			Buttons: [][]kit.Button{{{Text: "✅", Data: "2:y"}}}}},
		{"answer without text", kit.Output{Kind: kit.OutAnswer, CallbackID: press()}},
		{"long alert", kit.Output{Kind: kit.OutAnswer, CallbackID: press(), Alert: true,
			Text: "该问卷「" + strings.Repeat("关于进一步加强基层党组织建设", 20) + "」已结束。"}},
		{"photo with a long caption", kit.Output{Kind: kit.OutPush, ChatID: u.ID, Text: long[:3000],
			File: &kit.File{Kind: "photo", ID: photo}}},
		{"document", kit.Output{Kind: kit.OutPush, ChatID: u.ID, Text: "佐证材料", File: &kit.File{Kind: "document", ID: doc}}},
		{"voice", kit.Output{Kind: kit.OutPush, ChatID: u.ID, Text: "录音", File: &kit.File{Kind: "voice", ID: voice}}},
		{"contact card", kit.Output{Kind: kit.OutSend, ChatID: u.ID, Text: "📞 张三：138 0000 0002",
			Contact: &kit.Contact{Phone: "+8613800000002", FirstName: "张三"}}},
		{"eleven-step rating in one row", kit.Output{Kind: kit.OutSend, ChatID: u.ID, Text: "请打分",
			Buttons: [][]kit.Button{rating}}},
	}
	for _, role := range []kit.Role{"", kit.RoleMember, kit.RoleSupervisor, kit.RoleMonitor, kit.RoleOfficial} {
		for _, lang := range []string{"zh", "en"} {
			outs = append(outs, struct {
				name string
				o    kit.Output
			}{"commands " + string(role) + " " + lang, kit.Output{Kind: kit.OutCommands, ChatID: u.ID, Role: role, Lang: lang}})
		}
	}
	for _, tt := range outs {
		before := len(emu.Violations())
		if err := b.send(ctx, tt.o, Reply); err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
		if v := emu.Violations(); len(v) > before {
			t.Errorf("%s: spec violations: %q", tt.name, v[before:])
		}
	}
	if err := b.Setup(ctx); err != nil {
		t.Errorf("Setup: %v", err)
	}
	for _, c := range emu.Calls() {
		if c.Status != 200 {
			t.Errorf("%s answered %d %s", c.Method, c.Status, c.Description)
		}
	}
	if v := emu.Violations(); len(v) > 0 {
		t.Errorf("spec violations: %q", v)
	}
	// The keyboard of a cut text sits under its last piece.
	var withButtons int
	for _, m := range emu.BotMessages(u.ID) {
		if m.ReplyMarkup != nil && len(m.ReplyMarkup.InlineKeyboard) > 0 && m.ReplyMarkup.InlineKeyboard[0][0].CallbackData == "sv:demo" {
			withButtons++
			if !strings.HasSuffix(strings.TrimSpace(m.Text), strings.TrimSpace(long[len(long)-40:])) {
				t.Errorf("the keyboard is not under the last piece of the text: %q", m.Text[len(m.Text)-40:])
			}
		}
	}
	if withButtons != 1 {
		t.Errorf("%d messages carry the keyboard, want 1", withButtons)
	}
}

// TestSetupDescribes: Setup sets the descriptions an empty chat and the
// profile show, per language, and a second Setup (a restart, another
// replica) sets nothing that has not changed.
func TestSetupDescribes(t *testing.T) {
	emu := tgemu.New(tgemu.WithToken(callsToken), tgemu.WithBotUser(4242, "sibu_demo_bot", "四步"))
	emu.Start()
	defer emu.Close()
	b := newCallsBot(t, emu)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	emu.SendText(tgemu.User{ID: 7, FirstName: "管理员"}, "/start") // the admin's chat, for their menu

	if err := b.Setup(ctx); err != nil {
		t.Fatalf("Setup: %v", err)
	}
	want, _ := flows.Description("")
	if long, short := emu.Description("zh-hans"); long != want || short == "" {
		t.Errorf("a Chinese client sees the description %q and short description %q", long, short)
	}
	if long, _ := emu.Description("en"); !strings.Contains(long, "Four Steps") {
		t.Errorf("an English client sees %q", long)
	}
	sets := func() int { return emu.Counts()["setMyDescription"] + emu.Counts()["setMyShortDescription"] }
	before := sets()
	if err := b.Setup(ctx); err != nil {
		t.Errorf("second Setup: %v", err)
	}
	if n := sets() - before; n != 0 {
		t.Errorf("a second Setup set the unchanged descriptions again (%d calls)", n)
	}
	if v := emu.Violations(); len(v) > 0 {
		t.Errorf("spec violations: %q", v)
	}
}
