package tgemu

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

func TestSpecChecks(t *testing.T) {
	tests := []struct {
		name          string
		method        string
		params        map[string]string
		status        int
		desc          string
		wantViolation bool
	}{
		{"missing chat_id", "sendMessage", map[string]string{"text": "hi"}, 400, "Bad Request: chat_id is empty", true},
		{"missing text", "sendMessage", map[string]string{"chat_id": "1001"}, 400, "Bad Request: message text is empty", true},
		{"unknown method", "sendTelepathy", map[string]string{}, 404, "Not Found", true},
		{"method names are case-insensitive", "SENDMESSAGE", map[string]string{"chat_id": "1001", "text": "hi"}, 200, "", false},
		{"integer type", "deleteMessage", map[string]string{"chat_id": "1001", "message_id": "one"}, 400, `Bad Request: parameter "message_id" must be an Integer, got "one"`, true},
		{"boolean type", "sendMessage", map[string]string{"chat_id": "1001", "text": "x", "disable_notification": "maybe"}, 400, `Bad Request: parameter "disable_notification" must be a Boolean, got "maybe"`, true},
		{"invalid JSON", "sendMessage", map[string]string{"chat_id": "1001", "text": "x", "reply_markup": "{"}, 400, "Bad Request: can't parse reply keyboard markup JSON object", true},
		{"unknown chat", "sendMessage", map[string]string{"chat_id": "777", "text": "x"}, 400, "Bad Request: chat not found", false},
		{"chat by bad username", "sendMessage", map[string]string{"chat_id": "@nobody", "text": "x"}, 400, "Bad Request: chat not found", false},
		{"chat action", "sendChatAction", map[string]string{"chat_id": "1001", "action": "dancing"}, 400, "Bad Request: wrong parameter action in request", true},
		{"not emulated", "sendDice", map[string]string{"chat_id": "1001"}, 501, "Not Implemented: tgemu does not emulate sendDice", false},
		{"parse_mode", "sendMessage", map[string]string{"chat_id": "1001", "text": "x", "parse_mode": "BBCode"}, 400, "Bad Request: unsupported parse_mode", true},
		{"command too long", "setMyCommands", map[string]string{"commands": `[{"command":"` + strings.Repeat("a", 33) + `","description":"d"}]`}, 400, "Bad Request: BOT_COMMAND_INVALID", true},
		{"command uppercase", "setMyCommands", map[string]string{"commands": `[{"command":"Start","description":"d"}]`}, 400, "Bad Request: BOT_COMMAND_INVALID", true},
		{"command description empty", "setMyCommands", map[string]string{"commands": `[{"command":"start","description":""}]`}, 400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID", true},
		{"too many commands", "setMyCommands", map[string]string{"commands": manyCommands(101)}, 400, "Bad Request: BOT_COMMANDS_TOO_MUCH", true},
		{"secret token", "setWebhook", map[string]string{"url": "https://example.org/hook", "secret_token": "no spaces"}, 400, "Bad Request: secret token contains unallowed characters", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := newServer(t)
			srv.SendText(User{ID: 1001, FirstName: "Alice"}, "/start")
			r := call(t, srv, tt.method, tt.params)
			if r.Status != tt.status || r.Description != tt.desc {
				t.Errorf("got %d %q, want %d %q", r.Status, r.Description, tt.status, tt.desc)
			}
			if got := len(srv.Violations()) > 0; got != tt.wantViolation {
				t.Errorf("violations = %q, want some: %v", srv.Violations(), tt.wantViolation)
			}
		})
	}
}

func manyCommands(n int) string {
	var cmds []models.BotCommand
	for i := range n {
		cmds = append(cmds, models.BotCommand{Command: "c" + strings.Repeat("x", i%30), Description: "d"})
	}
	raw, _ := json.Marshal(cmds)
	return string(raw)
}

func TestRequestEncodings(t *testing.T) {
	srv, _ := newServer(t)
	srv.SendText(User{ID: 1001, FirstName: "Alice"}, "/start")
	markup := map[string]any{"inline_keyboard": [][]map[string]string{{{"text": "A", "callback_data": "a"}}}}
	tests := []struct {
		name string
		do   func() apiResponse
	}{
		{"form", func() apiResponse {
			raw, _ := json.Marshal(markup)
			return call(t, srv, "sendMessage", map[string]string{"chat_id": "1001", "text": "form", "reply_markup": string(raw)})
		}},
		{"json with nested object", func() apiResponse {
			return callJSON(t, srv, "sendMessage", map[string]any{"chat_id": 1001, "text": "json", "reply_markup": markup, "disable_notification": true})
		}},
		{"query string", func() apiResponse {
			resp, err := http.Get(srv.URL() + "/bot" + testToken + "/sendMessage?chat_id=1001&text=query")
			if err != nil {
				t.Fatal(err)
			}
			return decode(t, resp)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if r := tt.do(); !r.OK {
				t.Errorf("%d %s", r.ErrorCode, r.Description)
			}
		})
	}
	assertNoViolations(t, srv)
}

func TestAuthAndWarnings(t *testing.T) {
	srv, _ := newServer(t)
	resp, err := http.Get(srv.URL() + "/botWRONG:token/getMe")
	if err != nil {
		t.Fatal(err)
	}
	if r := decode(t, resp); r.Status != 401 || r.Description != "Unauthorized" {
		t.Errorf("wrong token: %d %q", r.Status, r.Description)
	}
	r := call(t, srv, "getMe", map[string]string{"frobnicate": "1"})
	var me models.User
	json.Unmarshal(r.Result, &me)
	if !r.OK || me.Username != "sibu_demo_bot" || !me.IsBot {
		t.Errorf("getMe = %s", r.Result)
	}
	if w := srv.Warnings(); len(w) != 1 || !strings.Contains(w[0], "frobnicate") {
		t.Errorf("warnings = %q", w)
	}
	assertNoViolations(t, srv)
}

func TestCommandScopes(t *testing.T) {
	ctx := context.Background()
	srv, _ := newServer(t)
	b := newBot(t, srv)
	admin, member := User{ID: 1, FirstName: "Admin"}, User{ID: 2, FirstName: "Member"}
	srv.SendText(admin, "/start")
	srv.SendText(member, "/start")
	srv.AddGroup(Group{ID: -100, Title: "Branch", Admins: []int64{admin.ID}})
	srv.AddGroup(Group{ID: -200, Title: "Other", Admins: []int64{admin.ID}})
	set := func(name string, scope models.BotCommandScope, lang string) {
		t.Helper()
		_, err := b.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{Commands: []models.BotCommand{{Command: name, Description: name}}, Scope: scope, LanguageCode: lang})
		if err != nil {
			t.Fatalf("set %s: %v", name, err)
		}
	}
	set("default", &models.BotCommandScopeDefault{}, "")
	set("default_zh", &models.BotCommandScopeDefault{}, "zh")
	set("private", &models.BotCommandScopeAllPrivateChats{}, "")
	set("groups", &models.BotCommandScopeAllGroupChats{}, "")
	set("all_admins", &models.BotCommandScopeAllChatAdministrators{}, "")
	set("chat_admin", &models.BotCommandScopeChatAdministrators{ChatID: -100}, "")
	set("member2", &models.BotCommandScopeChatMember{ChatID: -200, UserID: member.ID}, "")
	set("chat_admin1", &models.BotCommandScopeChat{ChatID: admin.ID}, "")

	tests := []struct {
		name   string
		chat   int64
		user   int64
		lang   string
		expect string
	}{
		{"private chat scope", admin.ID, admin.ID, "", "chat_admin1"},
		{"all private chats", member.ID, member.ID, "zh", "private"},
		{"chat administrators", -100, admin.ID, "", "chat_admin"},
		{"member of group", -100, member.ID, "", "groups"},
		{"all chat administrators", -200, admin.ID, "", "all_admins"},
		{"chat member", -200, member.ID, "", "member2"},
		{"unknown group falls to groups", -300, member.ID, "en", "groups"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := srv.CommandsFor(tt.chat, tt.user, tt.lang)
			if len(got) != 1 || got[0].Command != tt.expect {
				t.Errorf("CommandsFor = %v, want %s", got, tt.expect)
			}
		})
	}
	t.Run("language precedence", func(t *testing.T) {
		srv, _ := newServer(t)
		b := newBot(t, srv)
		_, _ = b.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{Commands: []models.BotCommand{{Command: "en", Description: "d"}}})
		_, _ = b.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{Commands: []models.BotCommand{{Command: "zh", Description: "d"}}, LanguageCode: "zh"})
		if got := srv.CommandsFor(5, 5, "zh"); got[0].Command != "zh" {
			t.Errorf("zh user got %v", got)
		}
		if got := srv.CommandsFor(5, 5, "fr"); got[0].Command != "en" {
			t.Errorf("fr user got %v", got)
		}
		cmds, err := b.GetMyCommands(ctx, &tgbot.GetMyCommandsParams{LanguageCode: "zh"})
		if err != nil || len(cmds) != 1 || cmds[0].Command != "zh" {
			t.Errorf("getMyCommands = %v, %v", cmds, err)
		}
		b.DeleteMyCommands(ctx, &tgbot.DeleteMyCommandsParams{LanguageCode: "zh"})
		if got := srv.CommandsFor(5, 5, "zh"); got[0].Command != "en" {
			t.Errorf("after delete got %v", got)
		}
	})
	assertNoViolations(t, srv)
}

func TestFormatting(t *testing.T) {
	tests := []struct {
		name, mode, in string
		text           string
		entities       []string // "type:offset:length"
		err            string
	}{
		{"html", "HTML", "<b>bold</b> &amp; <i>it</i>", "bold & it", []string{"bold:0:4", "italic:7:2"}, ""},
		{"html link", "HTML", `<a href="https://t.me">t</a>`, "t", []string{"text_link:0:1"}, ""},
		{"html utf16 offsets", "HTML", "😀<b>x</b>", "😀x", []string{"bold:2:1"}, ""},
		{"html unmatched", "HTML", "<b>x</i>", "", nil, `Unmatched end tag at byte offset 4, expected "</b>", found "</i>"`},
		{"html unclosed", "HTML", "<b>x", "", nil, `Can't find end tag corresponding to start tag "b"`},
		{"html bare lt", "HTML", "1 < 2", "", nil, "Unclosed start tag at byte offset 2"},
		{"html br", "HTML", "a<br/>b", "", nil, `Unsupported start tag "br"`},
		{"markdownv2", "MarkdownV2", `*bold* _it_ __u__ ~s~ ||sp|| \.`, "bold it u s sp .", []string{"bold:0:4", "italic:5:2", "underline:8:1", "strikethrough:10:1", "spoiler:12:2"}, ""},
		{"markdownv2 link", "MarkdownV2", `[here](https://x.org/a\)b)`, "here", []string{"text_link:0:4"}, ""},
		{"markdownv2 code", "MarkdownV2", "`a.b` ```go\nx := 1\n```", "a.b x := 1", []string{"code:0:3", "pre:4:6"}, ""},
		{"markdownv2 reserved", "MarkdownV2", "1-2", "", nil, "Character '-' is reserved"},
		{"markdownv2 unclosed", "MarkdownV2", "*x", "", nil, "Can't find end of Bold entity at byte offset 0"},
		{"markdown", "Markdown", "*b* _i_ [l](http://x.org) 1.2", "b i l 1.2", []string{"bold:0:1", "italic:2:1", "text_link:4:1"}, ""},
		{"markdown unclosed", "Markdown", "snake_case", "", nil, "Can't find end of the entity starting at byte offset 5"},
		{"trimmed", "", "  hi  ", "hi", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, ents, err := formatText(tt.in, tt.mode, "")
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Description, tt.err) {
					t.Errorf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range ents {
				got = append(got, string(e.Type)+":"+strconv.Itoa(e.Offset)+":"+strconv.Itoa(e.Length))
			}
			if text != tt.text || !slices.Equal(got, tt.entities) {
				t.Errorf("got %q %v, want %q %v", text, got, tt.text, tt.entities)
			}
		})
	}
}

// TestBotEndToEnd runs a go-telegram/bot polling bot against the emulator:
// a /start handler replies with a keyboard, a callback handler answers and
// edits. It checks that library and emulator agree on the whole loop.
func TestBotEndToEnd(t *testing.T) {
	srv, _ := newServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var mu sync.Mutex
	var errs []error
	report := func(err error) {
		if err != nil {
			mu.Lock()
			errs = append(errs, err)
			mu.Unlock()
		}
	}
	b := newBot(t, srv, tgbot.WithDefaultHandler(func(ctx context.Context, b *tgbot.Bot, u *models.Update) {
		switch {
		case u.Message != nil && u.Message.Text == "/start":
			_, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: u.Message.Chat.ID, Text: "<b>满意吗？</b>", ParseMode: models.ParseModeHTML, ReplyMarkup: keyboard("yes", "no")})
			report(err)
		case u.CallbackQuery != nil:
			_, err := b.AnswerCallbackQuery(ctx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: u.CallbackQuery.ID, Text: "已记录"})
			report(err)
			m := u.CallbackQuery.Message.Message
			_, err = b.EditMessageText(ctx, &tgbot.EditMessageTextParams{ChatID: m.Chat.ID, MessageID: m.ID, Text: "谢谢: " + u.CallbackQuery.Data})
			report(err)
		}
	}), tgbot.WithHTTPClient(5*time.Second, &http.Client{Timeout: 10 * time.Second}))
	done := make(chan struct{})
	go func() { b.Start(ctx); close(done) }()
	defer func() { cancel(); <-done }()

	alice := User{ID: 1001, FirstName: "Alice", LanguageCode: "zh"}
	srv.SendText(alice, "/start")
	q, err := srv.WaitFor(ctx, alice.ID, func(m Message) bool { return m.FromBot })
	if err != nil {
		t.Fatal(err)
	}
	if q.Text != "满意吗？" || len(q.Entities) != 1 || q.Entities[0].Length != 4 || q.ReplyMarkup == nil {
		t.Fatalf("question = %+v", q.Message)
	}
	upd := srv.Press(alice, alice.ID, q.ID, "yes")
	edited, err := srv.WaitFor(ctx, alice.ID, func(m Message) bool { return m.ID == q.ID && m.EditDate != 0 })
	if err != nil {
		t.Fatal(err)
	}
	if edited.Text != "谢谢: yes" || edited.ReplyMarkup != nil {
		t.Errorf("edited = %+v", edited.Message)
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if a, _ := srv.CallbackAnswer(upd.CallbackQuery.ID); a.Answered {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if a, _ := srv.CallbackAnswer(upd.CallbackQuery.ID); a.Text != "已记录" {
		t.Errorf("answer = %+v", a)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(errs) > 0 {
		t.Errorf("bot errors: %v", errs)
	}
	assertNoViolations(t, srv)
}
