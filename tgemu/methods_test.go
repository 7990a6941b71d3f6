package tgemu

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

func keyboard(data ...string) *models.InlineKeyboardMarkup {
	var row []models.InlineKeyboardButton
	for _, d := range data {
		row = append(row, models.InlineKeyboardButton{Text: d, CallbackData: d})
	}
	return &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{row}}
}

func TestMessageIDsPerChat(t *testing.T) {
	srv, _ := newServer(t)
	b := newBot(t, srv)
	ctx := context.Background()
	alice, bob := User{ID: 1001, FirstName: "Alice"}, User{ID: 1002, FirstName: "Bob"}
	srv.SendText(alice, "/start")
	srv.SendText(bob, "/start")
	steps := []struct {
		chat int64
		want int
	}{{alice.ID, 2}, {alice.ID, 3}, {bob.ID, 2}, {alice.ID, 4}}
	for _, st := range steps {
		m, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: st.chat, Text: "hi"})
		if err != nil {
			t.Fatal(err)
		}
		if m.ID != st.want || m.Chat.ID != st.chat || m.From == nil || !m.From.IsBot {
			t.Errorf("message %d in chat %d from %+v, want id %d", m.ID, m.Chat.ID, m.From, st.want)
		}
	}
	if u := srv.SendText(alice, "more"); u.Message.ID != 5 {
		t.Errorf("user message id = %d, want 5", u.Message.ID)
	}
	if msgs := srv.Messages(alice.ID); len(msgs) != 5 || msgs[0].FromBot || !msgs[1].FromBot {
		t.Errorf("history = %+v", msgs)
	}
	assertNoViolations(t, srv)
}

func TestEditMessage(t *testing.T) {
	ctx := context.Background()
	alice := User{ID: 1001, FirstName: "Alice"}
	tests := []struct {
		name    string
		params  func(botMsg, userMsg int) *tgbot.EditMessageTextParams
		wantErr string
	}{
		{"new text", func(b, _ int) *tgbot.EditMessageTextParams {
			return &tgbot.EditMessageTextParams{ChatID: alice.ID, MessageID: b, Text: "new", ReplyMarkup: keyboard("a")}
		}, ""},
		{"markup removed counts as change", func(b, _ int) *tgbot.EditMessageTextParams {
			return &tgbot.EditMessageTextParams{ChatID: alice.ID, MessageID: b, Text: "old"}
		}, ""},
		{"not modified", func(b, _ int) *tgbot.EditMessageTextParams {
			return &tgbot.EditMessageTextParams{ChatID: alice.ID, MessageID: b, Text: "old", ReplyMarkup: keyboard("a")}
		}, "Bad Request: " + descNotModified},
		{"not found", func(_, _ int) *tgbot.EditMessageTextParams {
			return &tgbot.EditMessageTextParams{ChatID: alice.ID, MessageID: 99, Text: "x"}
		}, "Bad Request: message to edit not found"},
		{"someone else's", func(_, u int) *tgbot.EditMessageTextParams {
			return &tgbot.EditMessageTextParams{ChatID: alice.ID, MessageID: u, Text: "x"}
		}, "Bad Request: message can't be edited"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := newServer(t)
			b := newBot(t, srv)
			userMsg := srv.SendText(alice, "/start").Message.ID
			sent, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: "old", ReplyMarkup: keyboard("a")})
			if err != nil {
				t.Fatal(err)
			}
			got, err := b.EditMessageText(ctx, tt.params(sent.ID, userMsg))
			if tt.wantErr != "" {
				if err == nil || !strings.HasSuffix(err.Error(), tt.wantErr) || !errors.Is(err, tgbot.ErrorBadRequest) {
					t.Errorf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			stored, _ := srv.GetMessage(alice.ID, sent.ID)
			if got.EditDate == 0 || stored.Text != got.Text || (stored.ReplyMarkup == nil) != (got.ReplyMarkup == nil) {
				t.Errorf("returned %+v, stored %+v", got, stored.Message)
			}
			assertNoViolations(t, srv)
		})
	}
}

func TestDeleteMessage(t *testing.T) {
	srv, _ := newServer(t)
	alice := User{ID: 1001, FirstName: "Alice"}
	srv.SendText(alice, "/start")
	r := call(t, srv, "sendMessage", map[string]string{"chat_id": "1001", "text": "bye"})
	if !r.OK {
		t.Fatal(r.Description)
	}
	if r := call(t, srv, "deleteMessage", map[string]string{"chat_id": "1001", "message_id": "2"}); !r.OK {
		t.Fatal(r.Description)
	}
	if m, _ := srv.GetMessage(alice.ID, 2); !m.Deleted {
		t.Error("message not flagged deleted")
	}
	if r := call(t, srv, "deleteMessage", map[string]string{"chat_id": "1001", "message_id": "2"}); r.Description != "Bad Request: message to delete not found" {
		t.Errorf("second delete: %q", r.Description)
	}
}

func TestCallbackQueries(t *testing.T) {
	ctx := context.Background()
	alice := User{ID: 1001, FirstName: "Alice"}
	tests := []struct {
		name    string
		before  func(srv *Server, b *tgbot.Bot, clock *fakeClock, id string)
		id      func(id string) string
		wantErr bool
	}{
		{"answered", nil, nil, false},
		{"answered twice", func(_ *Server, b *tgbot.Bot, _ *fakeClock, id string) {
			b.AnswerCallbackQuery(ctx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: id})
		}, nil, true},
		{"too old", func(_ *Server, _ *tgbot.Bot, clock *fakeClock, _ string) { clock.Advance(16 * time.Minute) }, nil, true},
		{"unknown id", nil, func(string) string { return "123" }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, clock := newServer(t)
			b := newBot(t, srv)
			srv.SendText(alice, "/start")
			m, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: "pick", ReplyMarkup: keyboard("yes", "no")})
			if err != nil {
				t.Fatal(err)
			}
			u := srv.Press(alice, alice.ID, m.ID, "yes")
			cq := u.CallbackQuery
			if cq == nil || cq.Message.Message == nil || cq.Message.Message.ID != m.ID || cq.Data != "yes" || cq.ChatInstance == "" {
				t.Fatalf("callback query = %+v", cq)
			}
			id := cq.ID
			if tt.before != nil {
				tt.before(srv, b, clock, id)
			}
			if tt.id != nil {
				id = tt.id(id)
			}
			_, err = b.AnswerCallbackQuery(ctx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: id, Text: "ok", ShowAlert: true})
			if tt.wantErr {
				if err == nil || !strings.Contains(err.Error(), descQueryTooOld) {
					t.Errorf("err = %v, want query too old", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			a, _ := srv.CallbackAnswer(id)
			if !a.Answered || a.Text != "ok" || !a.ShowAlert || a.Forged {
				t.Errorf("answer = %+v", a)
			}
		})
	}
	t.Run("forged data is recorded", func(t *testing.T) {
		srv, _ := newServer(t)
		srv.SendText(alice, "/start")
		u := srv.Press(alice, alice.ID, 1, "forged")
		if a, _ := srv.CallbackAnswer(u.CallbackQuery.ID); !a.Forged {
			t.Error("press not marked forged")
		}
	})
}

func TestLimits(t *testing.T) {
	ctx := context.Background()
	alice := User{ID: 1001, FirstName: "Alice"}
	tests := []struct {
		name    string
		params  *tgbot.SendMessageParams
		wantErr string
	}{
		{"4096 characters", &tgbot.SendMessageParams{Text: strings.Repeat("a", 4096)}, ""},
		{"4097 characters", &tgbot.SendMessageParams{Text: strings.Repeat("a", 4097)}, "message is too long"},
		{"2048 emoji are 4096 UTF-16 units", &tgbot.SendMessageParams{Text: strings.Repeat("😀", 2048)}, ""},
		{"2049 emoji", &tgbot.SendMessageParams{Text: strings.Repeat("😀", 2049)}, "message is too long"},
		{"4096 CJK characters", &tgbot.SendMessageParams{Text: strings.Repeat("党", 4096)}, ""},
		{"length after HTML parsing", &tgbot.SendMessageParams{Text: "<b>" + strings.Repeat("a", 4096) + "</b>", ParseMode: models.ParseModeHTML}, ""},
		{"empty text", &tgbot.SendMessageParams{Text: ""}, "message text is empty"},
		{"blank text", &tgbot.SendMessageParams{Text: " \n "}, "message text is empty"},
		{"empty after parsing", &tgbot.SendMessageParams{Text: "<b></b>", ParseMode: models.ParseModeHTML}, "message text is empty"},
		{"callback_data 64 bytes", &tgbot.SendMessageParams{Text: "x", ReplyMarkup: keyboard(strings.Repeat("d", 64))}, ""},
		{"callback_data 65 bytes", &tgbot.SendMessageParams{Text: "x", ReplyMarkup: keyboard(strings.Repeat("d", 65))}, "BUTTON_DATA_INVALID"},
		{"callback_data 22 CJK = 66 bytes", &tgbot.SendMessageParams{Text: "x", ReplyMarkup: keyboard(strings.Repeat("党", 22))}, "BUTTON_DATA_INVALID"},
		{"8 buttons in a row", &tgbot.SendMessageParams{Text: "x", ReplyMarkup: keyboard("1", "2", "3", "4", "5", "6", "7", "8")}, ""},
		{"9 buttons in a row", &tgbot.SendMessageParams{Text: "x", ReplyMarkup: keyboard("1", "2", "3", "4", "5", "6", "7", "8", "9")}, "REPLY_MARKUP_TOO_LONG"},
		{"101 buttons", &tgbot.SendMessageParams{Text: "x", ReplyMarkup: grid(13, 8)}, "REPLY_MARKUP_TOO_LONG"},
		{"100 buttons", &tgbot.SendMessageParams{Text: "x", ReplyMarkup: grid(12, 8, 4)}, ""},
		{"button without action", &tgbot.SendMessageParams{Text: "x", ReplyMarkup: &models.InlineKeyboardMarkup{
			InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "plain"}}}}}, "Text buttons are unallowed"},
		{"button with two actions", &tgbot.SendMessageParams{Text: "x", ReplyMarkup: &models.InlineKeyboardMarkup{
			InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "two", URL: "https://t.me", CallbackData: "d"}}}}}, "exactly one"},
		{"bad MarkdownV2", &tgbot.SendMessageParams{Text: "Done.", ParseMode: models.ParseModeMarkdown}, "can't parse entities: Character '.' is reserved"},
		{"unsupported HTML tag", &tgbot.SendMessageParams{Text: "a<br>b", ParseMode: models.ParseModeHTML}, `Unsupported start tag "br"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := newServer(t)
			b := newBot(t, srv)
			srv.SendText(alice, "/start")
			tt.params.ChatID = alice.ID
			_, err := b.SendMessage(ctx, tt.params)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("err = %v", err)
				}
				assertNoViolations(t, srv)
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
			if v := srv.Violations(); len(v) != 1 || !strings.Contains(v[0], tt.wantErr) {
				t.Errorf("violations = %q", v)
			}
		})
	}
}

// grid returns an inline keyboard of rows full rows of width buttons, and
// then one row of each extra width.
func grid(rows, width int, extra ...int) *models.InlineKeyboardMarkup {
	var kb models.InlineKeyboardMarkup
	n := 0
	addRow := func(w int) {
		var row []models.InlineKeyboardButton
		for range w {
			n++
			d := strconv.Itoa(n)
			row = append(row, models.InlineKeyboardButton{Text: d, CallbackData: d})
		}
		kb.InlineKeyboard = append(kb.InlineKeyboard, row)
	}
	for range rows {
		addRow(width)
	}
	for _, w := range extra {
		addRow(w)
	}
	return &kb
}

// TestSendContactAndVoice: the bot sends contact cards (tap to call) and
// voice evidence by file_id; both are emulated and checked, not 501.
func TestSendContactAndVoice(t *testing.T) {
	ctx := context.Background()
	srv, _ := newServer(t)
	b := newBot(t, srv)
	alice := User{ID: 1001, FirstName: "Alice"}
	voice := srv.SendVoice(alice, []byte("OggS"), 3).Message.Voice.FileID
	photo := srv.SendPhoto(alice, pngBytes(t, 2, 2), "").Message.Photo[0].FileID

	m, err := b.SendContact(ctx, &tgbot.SendContactParams{ChatID: alice.ID, PhoneNumber: "+8613800000002", FirstName: "张三",
		ReplyMarkup: keyboard("call")})
	if err != nil || m.Contact == nil || m.Contact.PhoneNumber != "+8613800000002" || m.Contact.FirstName != "张三" {
		t.Fatalf("sendContact = %+v, %v", m, err)
	}
	if _, err := b.SendVoice(ctx, &tgbot.SendVoiceParams{ChatID: alice.ID, Voice: &models.InputFileString{Data: voice}, Caption: "佐证"}); err != nil {
		t.Fatalf("sendVoice by file_id: %v", err)
	}
	assertNoViolations(t, srv)

	if _, err := b.SendVoice(ctx, &tgbot.SendVoiceParams{ChatID: alice.ID, Voice: &models.InputFileString{Data: photo}}); err == nil ||
		!strings.Contains(err.Error(), "type of file mismatch") {
		t.Errorf("sendVoice with a photo's file_id: %v", err)
	}
	if _, err := b.SendVoice(ctx, &tgbot.SendVoiceParams{ChatID: alice.ID, Voice: &models.InputFileString{Data: voice},
		Caption: strings.Repeat("长", 1025)}); err == nil || !strings.Contains(err.Error(), "caption is too long") {
		t.Errorf("sendVoice with a 1025-character caption: %v", err)
	}
	for _, p := range []*tgbot.SendContactParams{
		{ChatID: alice.ID, PhoneNumber: "+8613800000002", FirstName: " "},
		{ChatID: alice.ID, PhoneNumber: "", FirstName: "张三"},
	} {
		if _, err := b.SendContact(ctx, p); err == nil {
			t.Errorf("sendContact %+v accepted", p)
		}
	}
	if v := srv.Violations(); len(v) != 3 {
		t.Errorf("violations = %q, want the long caption and the two empty contact fields", v)
	}
}

func TestAnswerCallbackTextLimit(t *testing.T) {
	srv, _ := newServer(t)
	alice := User{ID: 1001, FirstName: "Alice"}
	id := srv.Press(alice, alice.ID, 1, "x").CallbackQuery.ID
	r := call(t, srv, "answerCallbackQuery", map[string]string{"callback_query_id": id, "text": strings.Repeat("a", 201)})
	if r.Status != 400 || len(srv.Violations()) != 1 {
		t.Errorf("got %d %q, violations %q", r.Status, r.Description, srv.Violations())
	}
}

func pngBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestUploadAndDownload(t *testing.T) {
	ctx := context.Background()
	srv, _ := newServer(t)
	b := newBot(t, srv)
	alice := User{ID: 1001, FirstName: "Alice"}
	srv.SendText(alice, "/start")
	img := pngBytes(t, 30, 20)
	tests := []struct {
		name string
		send func() (*models.Message, error)
		file func(m *models.Message) string
		want []byte
	}{
		{"sendPhoto", func() (*models.Message, error) {
			return b.SendPhoto(ctx, &tgbot.SendPhotoParams{ChatID: alice.ID, Caption: "pic",
				Photo: &models.InputFileUpload{Filename: "p.png", Data: bytes.NewReader(img)}})
		}, func(m *models.Message) string {
			if p := m.Photo[len(m.Photo)-1]; p.Width != 30 || p.Height != 20 {
				t.Errorf("photo size %dx%d", p.Width, p.Height)
			}
			return m.Photo[0].FileID
		}, img},
		{"sendDocument", func() (*models.Message, error) {
			return b.SendDocument(ctx, &tgbot.SendDocumentParams{ChatID: alice.ID,
				Document: &models.InputFileUpload{Filename: "ledger.csv", Data: strings.NewReader("a,b\n1,2\n")}})
		}, func(m *models.Message) string {
			if m.Document.FileName != "ledger.csv" || m.Document.MimeType != "text/csv" {
				t.Errorf("document = %+v", m.Document)
			}
			return m.Document.FileID
		}, []byte("a,b\n1,2\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := tt.send()
			if err != nil {
				t.Fatal(err)
			}
			f, err := b.GetFile(ctx, &tgbot.GetFileParams{FileID: tt.file(m)})
			if err != nil {
				t.Fatal(err)
			}
			resp, err := http.Get(b.FileDownloadLink(f))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			got, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != 200 || !bytes.Equal(got, tt.want) || f.FileSize != int64(len(tt.want)) {
				t.Errorf("download: %d, %d bytes, want %d", resp.StatusCode, len(got), len(tt.want))
			}
		})
	}
	t.Run("resend by file_id", func(t *testing.T) {
		m, _ := b.SendPhoto(ctx, &tgbot.SendPhotoParams{ChatID: alice.ID, Photo: &models.InputFileUpload{Filename: "p.png", Data: bytes.NewReader(img)}})
		again, err := b.SendPhoto(ctx, &tgbot.SendPhotoParams{ChatID: alice.ID, Photo: &models.InputFileString{Data: m.Photo[0].FileID}})
		if err != nil || again.Photo[0].FileID != m.Photo[0].FileID {
			t.Errorf("resend: %v", err)
		}
	})
	t.Run("not an image", func(t *testing.T) {
		_, err := b.SendPhoto(ctx, &tgbot.SendPhotoParams{ChatID: alice.ID, Photo: &models.InputFileUpload{Filename: "p.png", Data: strings.NewReader("junk")}})
		if err == nil || !strings.Contains(err.Error(), "IMAGE_PROCESS_FAILED") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("user photo downloadable", func(t *testing.T) {
		u := srv.SendPhoto(alice, img, "mine")
		data, ok := srv.FileData(u.Message.Photo[0].FileID)
		if !ok || !bytes.Equal(data, img) {
			t.Error("user photo not stored")
		}
	})
	t.Run("file info", func(t *testing.T) {
		m, err := b.SendDocument(ctx, &tgbot.SendDocumentParams{ChatID: alice.ID,
			Document: &models.InputFileUpload{Filename: "台帐.xlsx", Data: strings.NewReader("PK\x03\x04 xlsx")}})
		if err != nil {
			t.Fatal(err)
		}
		f, ok := srv.File(m.Document.FileID)
		if !ok || f.Kind != "document" || f.Name != "台帐.xlsx" || string(f.Data) != "PK\x03\x04 xlsx" ||
			f.MIMEType != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
			t.Errorf("File = %+v, %v", f, ok)
		}
		if _, ok := srv.File("nope"); ok {
			t.Error("unknown file id found")
		}
	})
}

func TestInjectedFailures(t *testing.T) {
	ctx := context.Background()
	alice := User{ID: 1001, FirstName: "Alice"}

	t.Run("429 retry_after", func(t *testing.T) {
		srv, _ := newServer(t)
		b := newBot(t, srv)
		srv.SendText(alice, "/start")
		srv.Inject(func(c Call) *APIError {
			if c.Method == "sendMessage" && c.Params["text"] == "flood" {
				return TooManyRequests(1)
			}
			return nil
		})
		_, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: "flood"})
		var tooMany *tgbot.TooManyRequestsError
		if !errors.As(err, &tooMany) || tooMany.RetryAfter != 1 {
			t.Fatalf("err = %#v, want *TooManyRequestsError with RetryAfter 1", err)
		}
		if _, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: "fine"}); err != nil {
			t.Errorf("uninjected call: %v", err)
		}
		calls := srv.CallsTo("sendMessage")
		if len(calls) != 2 || calls[0].Status != 429 || calls[1].Status != 200 || srv.Counts()["sendMessage"] != 2 {
			t.Errorf("calls = %+v", calls)
		}
	})
	t.Run("403 blocked", func(t *testing.T) {
		srv, _ := newServer(t)
		b := newBot(t, srv)
		srv.SendText(alice, "/start")
		if u := srv.Block(alice.ID); u.MyChatMember == nil || u.MyChatMember.NewChatMember.Type != models.ChatMemberTypeBanned {
			t.Errorf("block update = %+v", u)
		}
		_, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: "hi"})
		if !errors.Is(err, tgbot.ErrorForbidden) || !strings.Contains(err.Error(), "bot was blocked by the user") {
			t.Errorf("err = %v", err)
		}
		srv.Unblock(alice.ID)
		if _, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: "hi"}); err != nil {
			t.Errorf("after unblock: %v", err)
		}
	})
	t.Run("403 never started", func(t *testing.T) {
		srv, _ := newServer(t)
		b := newBot(t, srv)
		srv.AddUser(User{ID: 2002, FirstName: "Zhang"})
		_, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: 2002, Text: "hi"})
		if !errors.Is(err, tgbot.ErrorForbidden) || !strings.Contains(err.Error(), "can't initiate conversation") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("migrate", func(t *testing.T) {
		srv, _ := newServer(t)
		b := newBot(t, srv)
		srv.AddGroup(Group{ID: -555, Title: "Branch"})
		srv.Migrate(-555, -1001234567890)
		_, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: -555, Text: "hi"})
		var me *tgbot.MigrateError
		if !errors.As(err, &me) || me.MigrateToChatID != -1001234567890 {
			t.Fatalf("err = %#v", err)
		}
		m, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: int64(me.MigrateToChatID), Text: "hi"})
		if err != nil || m.Chat.Type != models.ChatTypeSupergroup || m.ID != 2 {
			t.Errorf("send to supergroup: %+v, %v", m, err)
		}
		if n := srv.PendingUpdates(); n != 2 {
			t.Errorf("pending = %d, want the two migration service messages", n)
		}
	})
}

func TestGroupPrivacyMode(t *testing.T) {
	alice := User{ID: 1001, FirstName: "Alice"}
	tests := []struct {
		text      string
		delivered bool
	}{
		{"hello all", false},
		{"/status", true},
		{"/status@sibu_demo_bot", true},
		{"/status@other_bot", false},
		{"hey @sibu_demo_bot", true},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			srv, _ := newServer(t)
			srv.AddGroup(Group{ID: -100, Title: "G"})
			u := srv.SendGroupText(-100, alice, tt.text)
			if (u.ID != 0) != tt.delivered {
				t.Errorf("delivered = %v, want %v", u.ID != 0, tt.delivered)
			}
			if len(srv.Messages(-100)) != 1 {
				t.Error("message not stored")
			}
		})
	}
}

func TestUserUpdates(t *testing.T) {
	srv, _ := newServer(t)
	alice := User{ID: 1001, FirstName: "Alice", Phone: "+8613800000000"}
	tests := []struct {
		name  string
		make  func() models.Update
		check func(u models.Update) bool
	}{
		{"command entity", func() models.Update { return srv.SendText(alice, "/start abc") }, func(u models.Update) bool {
			e := u.Message.Entities
			return len(e) == 1 && e[0].Type == models.MessageEntityTypeBotCommand && e[0].Length == 6
		}},
		{"command with bot name", func() models.Update { return srv.SendText(alice, "/help@sibu_demo_bot") }, func(u models.Update) bool {
			return len(u.Message.Entities) == 1 && u.Message.Entities[0].Length == 19
		}},
		{"no command", func() models.Update { return srv.SendText(alice, "/命令") }, func(u models.Update) bool {
			return len(u.Message.Entities) == 0
		}},
		{"contact", func() models.Update { return srv.ShareContact(alice, "", alice.ID) }, func(u models.Update) bool {
			return u.Message.Contact.PhoneNumber == alice.Phone && u.Message.Contact.UserID == alice.ID
		}},
		{"sticker", func() models.Update { return srv.SendSticker(alice, "👍") }, func(u models.Update) bool {
			return u.Message.Sticker.Emoji == "👍"
		}},
		{"location", func() models.Update { return srv.SendLocation(alice, 31.2, 121.5) }, func(u models.Update) bool {
			return u.Message.Location.Latitude == 31.2
		}},
		{"voice", func() models.Update { return srv.SendVoice(alice, []byte("OggS"), 3) }, func(u models.Update) bool {
			return u.Message.Voice.Duration == 3
		}},
		{"document", func() models.Update { return srv.SendDocument(alice, "a.pdf", []byte("%PDF"), "") }, func(u models.Update) bool {
			return u.Message.Document.MimeType == "application/pdf"
		}},
		{"edit", func() models.Update { return srv.EditText(alice, 1, "/start xyz") }, func(u models.Update) bool {
			return u.EditedMessage != nil && u.EditedMessage.ID == 1 && u.EditedMessage.EditDate != 0
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if u := tt.make(); u.ID == 0 || !tt.check(u) {
				t.Errorf("update = %+v", u)
			}
		})
	}
}

func TestSubscribe(t *testing.T) {
	srv, _ := newServer(t)
	events, cancel := srv.Subscribe()
	defer cancel()
	alice := User{ID: 1001, FirstName: "Alice"}
	srv.SendText(alice, "/start")
	call(t, srv, "sendMessage", map[string]string{"chat_id": "1001", "text": "hi"})
	call(t, srv, "setMyCommands", map[string]string{"commands": `[{"command":"start","description":"Start"}]`})
	var got []EventType
	for range 3 {
		select {
		case ev := <-events:
			got = append(got, ev.Type)
		case <-time.After(time.Second):
			t.Fatal("no event")
		}
	}
	if got[0] != EventMessage || got[1] != EventMessage || got[2] != EventCommands {
		t.Errorf("events = %v", got)
	}
}
