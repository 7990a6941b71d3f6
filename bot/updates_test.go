package bot_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"sibu/bot"
	"sibu/flows"
	"sibu/flows/join"
	"sibu/flows/kit"
	"sibu/flows/survey"
	"sibu/internal/redistest"
	"sibu/storage"
	"sibu/tgemu"
)

// everyUpdateKind is allowed_updates naming every kind of the Bot API 10.1
// Update object, and one from the future.
var everyUpdateKind = []string{"message", "edited_message", "channel_post", "edited_channel_post",
	"business_connection", "business_message", "edited_business_message", "deleted_business_messages",
	"guest_message", "message_reaction", "message_reaction_count", "inline_query", "chosen_inline_result",
	"callback_query", "shipping_query", "pre_checkout_query", "purchased_paid_media", "poll", "poll_answer",
	"my_chat_member", "chat_member", "chat_join_request", "chat_boost", "removed_chat_boost", "managed_bot",
	"future_update_kind"}

const webhookSecret = "audit-secret_0123456789"

// TestEveryUpdateKindFromAStranger feeds the bot every kind of update and
// message content, one private chat each, from people who never joined.
// Each must be acknowledged and applied without wedging the chat (its
// /help is answered afterwards); content the bot cannot use in a private
// chat gets exactly one short polite answer, and updates that are not
// messages to the bot (edits, reactions, member changes, queries…) get
// none.
func TestEveryUpdateKindFromAStranger(t *testing.T) {
	r := newRig(t, flows.Env{})
	now := time.Now().Unix()
	const unsupported = "暂不支持此类消息"
	const stranger = "您还没有加入组织"
	type tc struct {
		name string
		send func(u tgemu.User)
		want string // "" = no answer at all
	}
	msg := func(m models.Message) func(u tgemu.User) {
		return func(u tgemu.User) { r.emu.Post(u.ID, u, m) }
	}
	rawMsg := func(body string) func(u tgemu.User) {
		return func(u tgemu.User) {
			r.raw(t, `{"message":{"message_id":900,"date":%d,"chat":{"id":%d,"type":"private","first_name":"u"},"from":{"id":%d,"is_bot":false,"first_name":"u"},%s}}`,
				now, u.ID, u.ID, body)
		}
	}
	cases := []tc{
		{"text with entities", msg(models.Message{Text: "你好 @someone https://example.org",
			Entities: []models.MessageEntity{{Type: "mention", Offset: 3, Length: 8}, {Type: "url", Offset: 12, Length: 19}}}), stranger},
		{"very long text", msg(models.Message{Text: strings.Repeat("长", 4096)}), stranger},
		{"emoji and RTL", msg(models.Message{Text: "مرحبا 👋🏽 שלום \u200f🇨🇳"}), stranger},
		{"command after emoji", msg(models.Message{Text: "😀 /help"}), stranger},
		{"unknown command", func(u tgemu.User) { r.emu.SendText(u, "/frobnicate now") }, "未识别的命令"},
		{"command with a huge argument", func(u tgemu.User) { r.emu.SendText(u, "/start "+strings.Repeat("码", 3000)) }, "邀请码无效"},
		{"forwarded text", msg(models.Message{Text: "转发的通知", ForwardOrigin: &models.MessageOrigin{Type: models.MessageOriginTypeHiddenUser,
			MessageOriginHiddenUser: &models.MessageOriginHiddenUser{Type: models.MessageOriginTypeHiddenUser, Date: int(now), SenderUserName: "某人"}}}), stranger},
		{"forwarded with an origin from the future", rawMsg(`"text":"转发","forward_origin":{"type":"future_origin","date":1}`), stranger},
		{"reply to an old message", msg(models.Message{Text: "回复", ReplyToMessage: &models.Message{ID: 1, Date: int(now), Text: "旧消息"}}), stranger},
		{"photo without caption", func(u tgemu.User) { r.emu.SendPhoto(u, nil, "") }, unsupported},
		{"document", func(u tgemu.User) { r.emu.SendDocument(u, "a.pdf", []byte("%PDF"), "") }, unsupported},
		{"voice", func(u tgemu.User) { r.emu.SendVoice(u, []byte("OggS"), 1) }, unsupported},
		{"video", msg(models.Message{Video: &models.Video{FileID: "BAAC1", FileUniqueID: "v1", Width: 1, Height: 1, Duration: 1}}), unsupported},
		{"video note", msg(models.Message{VideoNote: &models.VideoNote{FileID: "DQAC1", FileUniqueID: "n1", Length: 1, Duration: 1}}), unsupported},
		{"sticker", func(u tgemu.User) { r.emu.SendSticker(u, "👍") }, unsupported},
		{"animation", msg(models.Message{Animation: &models.Animation{FileID: "CgAC1", FileUniqueID: "a1", Width: 1, Height: 1},
			Document: &models.Document{FileID: "CgAC1", FileUniqueID: "a1", FileName: "a.gif.mp4"}}), unsupported},
		{"audio", msg(models.Message{Audio: &models.Audio{FileID: "CQAC1", FileUniqueID: "au1", Duration: 1}}), unsupported},
		{"own contact", func(u tgemu.User) { r.emu.ShareContact(u, "+8613800000000", u.ID) }, unsupported},
		{"foreign contact", func(u tgemu.User) { r.emu.ShareContact(u, "+8613900000000", 999) }, unsupported},
		{"location", func(u tgemu.User) { r.emu.SendLocation(u, 31.2, 107.5) }, unsupported},
		{"venue", msg(models.Message{Location: &models.Location{Latitude: 1, Longitude: 2},
			Venue: &models.Venue{Location: models.Location{Latitude: 1, Longitude: 2}, Title: "党群服务中心", Address: "某路 1 号"}}), unsupported},
		{"poll", msg(models.Message{Poll: &models.Poll{ID: "5", Question: "?", Options: []models.PollOption{{Text: "a"}, {Text: "b"}}, Type: "regular"}}), unsupported},
		{"dice", msg(models.Message{Dice: &models.Dice{Emoji: "🎲", Value: 3}}), unsupported},
		{"game", rawMsg(`"game":{"title":"g","description":"d","photo":[]}`), unsupported},
		{"story", rawMsg(`"story":{"chat":{"id":5,"type":"private"},"id":1}`), unsupported},
		{"checklist", rawMsg(`"checklist":{"title":"清单","tasks":[{"id":1,"text":"一"}]}`), unsupported},
		{"paid media of a kind from Bot API 10.1", rawMsg(`"paid_media":{"star_count":5,"paid_media":[{"type":"live_photo","photo":[]}]}`), unsupported},
		{"empty caption only", rawMsg(`"caption":""`), ""},
		{"unknown future content", rawMsg(`"text":"你好","future_field":{"x":[1,2,3]}`), stranger},
		{"pinned message (service)", rawMsg(`"pinned_message":{"message_id":1,"date":0,"chat":{"id":1,"type":"private"}}`), ""},
		{"auto-delete timer (service)", rawMsg(`"message_auto_delete_timer_changed":{"message_auto_delete_time":86400}`), ""},
		{"edited message", func(u tgemu.User) {
			m := r.emu.SendText(u, "hello").Message.ID
			r.help(t, u.ID, u)
			r.emu.EditText(u, m, "hello again")
		}, ""},
		{"callback with stale data", func(u tgemu.User) { r.emu.Press(u, u.ID, 1, "5:a:0") }, ""},
		{"callback with garbage data", func(u tgemu.User) { r.emu.Press(u, u.ID, 1, "💣'\"; DROP TABLE;"+strings.Repeat("z", 40)) }, ""},
		{"callback from an inaccessible message", func(u tgemu.User) { r.emu.Press(u, u.ID, 9999, "sv:demo") }, ""},
		{"callback with a game", func(u tgemu.User) {
			r.raw(t, `{"callback_query":{"id":"77%d","from":{"id":%d,"is_bot":false,"first_name":"u"},"chat_instance":"1","game_short_name":"g",
				"message":{"message_id":1,"date":%d,"chat":{"id":%d,"type":"private"}}}}`, u.ID, u.ID, now, u.ID)
		}, ""},
		{"callback from an inline message", func(u tgemu.User) {
			r.raw(t, `{"callback_query":{"id":"78%d","from":{"id":%d,"is_bot":false,"first_name":"u"},"chat_instance":"1","inline_message_id":"AAA","data":"x"}}`, u.ID, u.ID)
		}, ""},
		{"bot blocked and unblocked", func(u tgemu.User) { r.emu.Block(u.ID); r.emu.Unblock(u.ID) }, ""},
		{"reaction", func(u tgemu.User) {
			r.raw(t, `{"message_reaction":{"chat":{"id":%d,"type":"private"},"message_id":1,"user":{"id":%d,"is_bot":false,"first_name":"u"},"date":%d,
				"old_reaction":[],"new_reaction":[{"type":"emoji","emoji":"👍"},{"type":"reaction_from_the_future"}]}}`, u.ID, u.ID, now)
		}, ""},
		{"inline query", func(u tgemu.User) {
			r.raw(t, `{"inline_query":{"id":"1","from":{"id":%d,"is_bot":false,"first_name":"u"},"query":"党","offset":""}}`, u.ID)
		}, ""},
		{"chosen inline result", func(u tgemu.User) {
			r.raw(t, `{"chosen_inline_result":{"result_id":"1","from":{"id":%d,"is_bot":false,"first_name":"u"},"query":"q"}}`, u.ID)
		}, ""},
		{"poll answer", func(u tgemu.User) {
			r.raw(t, `{"poll_answer":{"poll_id":"1","user":{"id":%d,"is_bot":false,"first_name":"u"},"option_ids":[0]}}`, u.ID)
		}, ""},
		{"business message", func(u tgemu.User) {
			r.raw(t, `{"business_message":{"message_id":1,"date":%d,"business_connection_id":"bc","chat":{"id":%d,"type":"private"},"from":{"id":%d,"is_bot":false,"first_name":"u"},"text":"hi"}}`, now, u.ID, u.ID)
		}, ""},
		{"guest message", func(u tgemu.User) {
			r.raw(t, `{"guest_message":{"message_id":1,"date":%d,"chat":{"id":%d,"type":"private"},"from":{"id":%d,"is_bot":false,"first_name":"u"},"text":"hi","guest_query_id":"q"}}`, now, u.ID, u.ID)
		}, ""},
		{"shipping and pre-checkout queries", func(u tgemu.User) {
			r.raw(t, `{"shipping_query":{"id":"1","from":{"id":%d,"is_bot":false,"first_name":"u"},"invoice_payload":"p","shipping_address":{"country_code":"CN","state":"","city":"","street_line1":"","street_line2":"","post_code":""}}}`, u.ID)
			r.raw(t, `{"pre_checkout_query":{"id":"2","from":{"id":%d,"is_bot":false,"first_name":"u"},"currency":"XTR","total_amount":1,"invoice_payload":"p"}}`, u.ID)
			r.raw(t, `{"purchased_paid_media":{"from":{"id":%d,"is_bot":false,"first_name":"u"},"paid_media_payload":"p"}}`, u.ID)
		}, ""},
		{"chat join request", func(u tgemu.User) {
			r.raw(t, `{"chat_join_request":{"chat":{"id":-100777,"type":"supergroup","title":"g"},"from":{"id":%d,"is_bot":false,"first_name":"u"},"user_chat_id":%d,"date":%d}}`, u.ID, u.ID, now)
		}, ""},
	}
	// Updates that belong to no private chat (or to one the bot never
	// talks in), sent once.
	r.raw(t, `{"channel_post":{"message_id":1,"date":%d,"chat":{"id":-100555,"type":"channel","title":"c"},"sender_chat":{"id":-100555,"type":"channel","title":"c"},"text":"/help"}}`, now)
	r.raw(t, `{"edited_channel_post":{"message_id":1,"date":%d,"edit_date":%d,"chat":{"id":-100555,"type":"channel","title":"c"},"text":"x"}}`, now, now)
	r.raw(t, `{"business_connection":{"id":"bc","user":{"id":5,"is_bot":false,"first_name":"u"},"user_chat_id":5,"date":%d,"is_enabled":true}}`, now)
	r.raw(t, `{"edited_business_message":{"message_id":1,"date":%d,"edit_date":%d,"business_connection_id":"bc","chat":{"id":6,"type":"private"},"text":"x"}}`, now, now)
	r.raw(t, `{"deleted_business_messages":{"business_connection_id":"bc","chat":{"id":6,"type":"private"},"message_ids":[1,2]}}`)
	r.raw(t, `{"message_reaction_count":{"chat":{"id":-100555,"type":"channel","title":"c"},"message_id":1,"date":%d,"reactions":[{"type":{"type":"emoji","emoji":"👍"},"total_count":2}]}}`, now)
	r.raw(t, `{"poll":{"id":"1","question":"?","options":[{"text":"a","voter_count":1}],"total_voter_count":1,"is_closed":false,"is_anonymous":true,"type":"regular","allows_multiple_answers":false}}`)
	r.raw(t, `{"poll_answer":{"poll_id":"1","voter_chat":{"id":-100555,"type":"channel","title":"c"},"option_ids":[]}}`)
	r.raw(t, `{"chat_member":{"chat":{"id":-100777,"type":"supergroup","title":"g"},"from":{"id":5,"is_bot":false,"first_name":"u"},"date":%d,
		"old_chat_member":{"status":"left","user":{"id":5,"is_bot":false,"first_name":"u"}},"new_chat_member":{"status":"a_status_from_the_future","user":{"id":5,"is_bot":false,"first_name":"u"}}}}`, now)
	r.raw(t, `{"chat_boost":{"chat":{"id":-100555,"type":"channel","title":"c"},"boost":{"boost_id":"b","add_date":%d,"expiration_date":%d,"source":{"source":"premium","user":{"id":5,"is_bot":false,"first_name":"u"}}}}}`, now, now)
	r.raw(t, `{"removed_chat_boost":{"chat":{"id":-100555,"type":"channel","title":"c"},"boost_id":"b","remove_date":%d,"source":{"source":"source_from_the_future"}}}`, now)
	r.raw(t, `{"managed_bot":{"user":{"id":5,"is_bot":false,"first_name":"u"},"bot":{"id":6,"is_bot":true,"first_name":"b"}}}`)
	r.raw(t, `{"future_update_kind":{"chat":{"id":5,"type":"private"},"anything":[1,{"a":null}]}}`)

	var wg sync.WaitGroup
	for i, c := range cases {
		u := tgemu.User{ID: int64(1000 + i), FirstName: "路人", LastName: fmt.Sprint(i)}
		wg.Add(1)
		go func() {
			defer wg.Done()
			t.Run(c.name, func(t *testing.T) {
				start := r.help(t, u.ID, u)
				c.send(u)
				end := r.help(t, u.ID, u)
				said := r.botSaidBetween(u.ID, start, end)
				if c.name == "edited message" && len(said) > 0 {
					said = said[1:] // the answer to "hello" and to its /help
					if len(said) > 0 {
						said = said[1:]
					}
				}
				switch {
				case c.want == "" && len(said) > 0:
					t.Errorf("answered, want silence:%s", texts(said))
				case c.want != "" && len(said) != 1:
					t.Errorf("%d answers, want exactly one containing %q:%s", len(said), c.want, texts(said))
				case c.want != "" && !strings.Contains(said[0].Text, c.want):
					t.Errorf("answered %q, want %q", said[0].Text, c.want)
				}
			})
		}()
	}
	wg.Wait()
	var chats []int64
	for i := range cases {
		chats = append(chats, int64(1000+i))
	}
	r.drained(t, append(chats, -100555, -100777, 5, 6)...)
	for _, cb := range r.emu.CallsTo("answerCallbackQuery") {
		if cb.Status != 200 && !strings.Contains(cb.Description, "query is too old") {
			t.Errorf("answerCallbackQuery: %d %s", cb.Status, cb.Description)
		}
	}
	if n := len(r.emu.CallsTo("answerCallbackQuery")); n < 3 {
		t.Errorf("%d callback answers, want one per press (3)", n)
	}
	if v := r.emu.Violations(); len(v) > 0 {
		t.Errorf("spec violations: %q", v)
	}
}

// TestGroupsStayQuiet: in a group (privacy mode off, so the bot sees
// everything) the bot answers /help and /start, and commands addressed to
// it by @username; it says nothing to chatter, media, commands meant for
// other bots or unaddressed commands it does not serve there (several
// bots may share a group), service messages and a migration.
func TestGroupsStayQuiet(t *testing.T) {
	r := newRig(t, flows.Env{}, tgemu.WithPrivacyMode(false))
	const g = -4001
	r.emu.AddGroup(tgemu.Group{ID: g, Title: "第一支部"})
	u := tgemu.User{ID: 4002, FirstName: "张三"}
	start := r.help(t, g, u)
	for _, text := range []string{"大家好", "/stats", "/roll@dice_bot", "/help@other_bot", "@sibu_demo_bot 你好", "/survey open demo"} {
		r.emu.SendGroupText(g, u, text)
	}
	r.emu.Post(g, u, models.Message{Sticker: &models.Sticker{FileID: "CAAC1", FileUniqueID: "s", Type: "regular", Width: 1, Height: 1}})
	r.emu.Post(g, u, models.Message{NewChatMembers: []models.User{{ID: 4003, FirstName: "李四"}}})
	r.emu.Press(u, g, 1, "5:a:0")
	end := r.help(t, g, u)
	if said := r.botSaidBetween(g, start, end); len(said) != 0 {
		t.Errorf("the bot spoke in the group:%s", texts(said))
	}
	r.emu.SendGroupText(g, u, "/stats@sibu_demo_bot")
	if _, err := r.emu.WaitFor(r.ctx, g, func(m tgemu.Message) bool { return m.FromBot && strings.Contains(m.Text, "私聊") }); err != nil {
		t.Errorf("an addressed command was not answered: %s", texts(r.emu.BotMessages(g)))
	}
	r.emu.SendGroupText(g, u, "/start")
	if _, err := r.emu.WaitFor(r.ctx, g, func(m tgemu.Message) bool { return m.FromBot && m.Text != "" && len(r.emu.BotMessages(g)) >= 4 }); err != nil {
		t.Errorf("/start in the group was not answered: %s", texts(r.emu.BotMessages(g)))
	}
	r.emu.Migrate(g, -1004001)
	r.help(t, -1004001, u)
	r.drained(t, g, -1004001)
	if v := r.emu.Violations(); len(v) > 0 {
		t.Errorf("spec violations: %q", v)
	}
}

// TestBlockedIsRecorded: my_chat_member "kicked" in a private chat marks the
// person unreachable; unblocking (and writing again) clears it.
func TestBlockedIsRecorded(t *testing.T) {
	r := newRig(t, flows.Env{})
	u := tgemu.User{ID: 4100, FirstName: "王五"}
	r.help(t, u.ID, u)
	r.emu.Block(u.ID)
	waitFor(t, r.ctx, "the block to be recorded", func() bool { ok, _ := r.store.Unreachable(r.ctx, u.ID); return ok })
	r.emu.Unblock(u.ID)
	waitFor(t, r.ctx, "the unblock to be recorded", func() bool { ok, _ := r.store.Unreachable(r.ctx, u.ID); return !ok })
	r.help(t, u.ID, u)
}

func waitFor(t *testing.T, ctx context.Context, what string, cond func() bool) {
	t.Helper()
	for !cond() {
		select {
		case <-ctx.Done():
			t.Fatalf("timed out waiting for %s", what)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

const npsSurvey = `{
  "campaign": {"units": ["root"]},
  "survey": {"title": "满意度", "elements": [
    {"type": "rating", "name": "nps", "title": "您向他人推荐的可能性？", "rateMin": 0, "rateMax": 10, "isRequired": true},
    {"type": "comment", "name": "why", "title": "为什么？"}
  ]}
}`

// TestMidQuestionnaireOddInput: a member answering a questionnaire who
// sends a sticker, a video note, a location or a forwarded photo is told
// politely that it is not supported and asked the same question again; the
// 0–10 rating's eleven buttons reach Telegram folded into rows it accepts,
// and the questionnaire then goes on.
func TestMidQuestionnaireOddInput(t *testing.T) {
	sv, err := survey.Parse("nps", []byte(npsSurvey), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	r := newRig(t, flows.Env{Env: kit.Env{Admins: map[int64]bool{1: true}}, Surveys: map[string]*survey.Survey{"nps": sv}})
	member := tgemu.User{ID: 4200, FirstName: "赵六"}
	admin := tgemu.User{ID: 1, FirstName: "组织部"}
	if _, err := r.store.Commit(r.ctx, storage.Commit{ChatID: member.ID, NoSession: true, Now: time.Now(), Effects: []kit.Effect{
		join.MemberJoined{Person: kit.Person{ID: member.ID, Name: "赵六", Unit: "root", Role: kit.RoleMember}}}}); err != nil {
		t.Fatal(err)
	}
	r.help(t, member.ID, member)
	r.emu.SendText(admin, "/survey open nps")
	inv, err := r.emu.WaitFor(r.ctx, member.ID, func(m tgemu.Message) bool { return m.FromBot && m.ReplyMarkup != nil })
	if err != nil {
		t.Fatalf("no invitation: %s", texts(r.emu.BotMessages(member.ID)))
	}
	r.emu.Press(member, member.ID, inv.ID, inv.ReplyMarkup.InlineKeyboard[0][0].CallbackData)
	q, err := r.emu.WaitFor(r.ctx, member.ID, func(m tgemu.Message) bool { return m.FromBot && strings.Contains(m.Text, "推荐的可能性") })
	if err != nil {
		t.Fatalf("no first question: %s", texts(r.emu.BotMessages(member.ID)))
	}
	n := 0
	for _, row := range q.ReplyMarkup.InlineKeyboard {
		n += len(row)
		if len(row) > 8 {
			t.Errorf("a row of %d buttons", len(row))
		}
	}
	if n != 11 {
		t.Errorf("%d rating buttons, want 11", n)
	}
	odd := []func(){
		func() { r.emu.SendSticker(member, "😀") },
		func() {
			r.emu.Post(member.ID, member, models.Message{VideoNote: &models.VideoNote{FileID: "DQAC1", FileUniqueID: "n", Length: 1}})
		},
		func() { r.emu.SendLocation(member, 1, 2) },
		func() {
			r.emu.Post(member.ID, member, models.Message{Photo: []models.PhotoSize{{FileID: "AgAC1", FileUniqueID: "p", Width: 1, Height: 1}},
				ForwardOrigin: &models.MessageOrigin{Type: models.MessageOriginTypeHiddenUser,
					MessageOriginHiddenUser: &models.MessageOriginHiddenUser{Type: models.MessageOriginTypeHiddenUser, SenderUserName: "x"}}})
		},
	}
	last := q.ID
	for i, send := range odd {
		send()
		again, err := r.emu.WaitFor(r.ctx, member.ID, func(m tgemu.Message) bool {
			return m.FromBot && m.ID > last && strings.Contains(m.Text, "推荐的可能性")
		})
		if err != nil {
			t.Fatalf("odd input %d: the question was not asked again: %s", i, texts(r.emu.BotMessages(member.ID)))
		}
		said := r.botSaidBetween(member.ID, last, again.ID+1)
		if !strings.Contains(said[0].Text, "暂不支持") {
			t.Errorf("odd input %d: answered %s", i, texts(said))
		}
		last = again.ID
	}
	q, _ = r.emu.LastBotMessage(member.ID)
	r.emu.Press(member, member.ID, q.ID, q.ReplyMarkup.InlineKeyboard[1][3].CallbackData) // "9"
	if _, err := r.emu.WaitFor(r.ctx, member.ID, func(m tgemu.Message) bool { return m.FromBot && strings.Contains(m.Text, "为什么") }); err != nil {
		t.Fatalf("the questionnaire did not go on: %s", texts(r.emu.BotMessages(member.ID)))
	}
	if v := r.emu.Violations(); len(v) > 0 {
		t.Errorf("spec violations: %q", v)
	}
}

// TestStepPanicDoesNotWedge: a flow step that panics (here: the invite code
// generator) is recovered, retried a few times, then answered with an
// apology; the process lives on and the chat keeps answering.
func TestStepPanicDoesNotWedge(t *testing.T) {
	r := newRig(t, flows.Env{Env: kit.Env{Admins: map[int64]bool{1: true}, NewCode: func() string { panic("boom: code generator") }}})
	admin := tgemu.User{ID: 1, FirstName: "组织部"}
	r.help(t, admin.ID, admin)
	id := r.emu.SendText(admin, "/invite").Message.ID
	if _, err := r.emu.WaitFor(r.ctx, admin.ID, func(m tgemu.Message) bool { return m.FromBot && m.ID > id }); err != nil {
		t.Fatalf("a panicking step was never answered: %s", texts(r.emu.BotMessages(admin.ID)))
	}
	if m, _ := r.emu.LastBotMessage(admin.ID); !strings.Contains(m.Text, kit.T("zh", kit.MsgSomethingWrong)) {
		t.Errorf("answered %q, want the apology", m.Text)
	}
	r.help(t, admin.ID, admin)
	r.drained(t, admin.ID)
}

// TestEvidenceResentWithItsKind: evidence kept by file_id (a voice note, a
// video, a photo, a document) is pushed again with the method of its kind;
// Telegram (and the emulator) refuse a voice's file_id in sendDocument.
func TestEvidenceResentWithItsKind(t *testing.T) {
	r := newRig(t, flows.Env{})
	member, boss := tgemu.User{ID: 601, FirstName: "M"}, tgemu.User{ID: 602, FirstName: "S"}
	r.help(t, boss.ID, boss) // the supervisor's private chat exists
	files := map[string]string{
		"voice":    r.emu.SendVoice(member, []byte("OggS voice"), 3).Message.Voice.FileID,
		"video":    r.emu.SendVideo(member, "walk.mp4", []byte("mp4 video"), 9, "").Message.Video.FileID,
		"photo":    r.emu.SendPhoto(member, tinyPNG(t), "").Message.Photo[0].FileID,
		"document": r.emu.SendDocument(member, "台帐.xlsx", []byte("PK xlsx"), "").Message.Document.FileID,
	}
	var outs []kit.Output
	for _, kind := range []string{"voice", "video", "photo", "document"} {
		outs = append(outs, kit.Output{Kind: kit.OutPush, ChatID: boss.ID, Text: "佐证 " + kind,
			File: &kit.File{Kind: kind, ID: files[kind]}})
	}
	if _, err := r.store.Commit(r.ctx, storage.Commit{ChatID: member.ID, NoSession: true, Outputs: outs, Now: time.Now()}); err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"voice", "video", "photo", "document"} {
		m, err := r.emu.WaitFor(r.ctx, boss.ID, func(m tgemu.Message) bool { return m.FromBot && m.Caption == "佐证 "+kind })
		if err != nil {
			t.Fatalf("evidence %s never arrived; bot said: %s", kind, texts(r.emu.BotMessages(boss.ID)))
		}
		ok := map[string]bool{"voice": m.Voice != nil, "video": m.Video != nil, "photo": len(m.Photo) > 0, "document": m.Document != nil}[kind]
		if !ok {
			t.Errorf("evidence %s arrived as something else: %+v", kind, m.Message)
		}
	}
}

// tinyPNG is a valid 2×2 PNG.
func tinyPNG(t *testing.T) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestGroupMigrationIsRemembered: when a unit's group becomes a supergroup
// (the service message arrives), the move is stored and pushes to the old
// id go to the new one; a bot started afresh on that store (a restart,
// another replica) sends there at once, without a failed try first.
func TestGroupMigrationIsRemembered(t *testing.T) {
	r := newRig(t, flows.Env{})
	r.emu.AddGroup(tgemu.Group{ID: -88, Title: "一支部群"})
	r.emu.Migrate(-88, -1000088)
	r.drained(t, -88, -1000088)
	waitFor(t, r.ctx, "the move to be recorded", func() bool {
		moves, _ := r.store.Moves(r.ctx)
		return moves[-88] == -1000088
	})
	push := func(store *storage.Store, text string) {
		t.Helper()
		if _, err := store.Commit(r.ctx, storage.Commit{ChatID: 1, NoSession: true, Now: time.Now(),
			Outputs: []kit.Output{{Kind: kit.OutPush, ChatID: -88, Text: text}}}); err != nil {
			t.Fatal(err)
		}
		if _, err := r.emu.WaitFor(r.ctx, -1000088, func(m tgemu.Message) bool { return m.FromBot && m.Text == text }); err != nil {
			t.Fatalf("%q never reached the supergroup", text)
		}
	}
	toOld := func() int {
		return len(slices.DeleteFunc(r.emu.CallsTo("sendMessage"), func(c tgemu.Call) bool { return c.Params["chat_id"] != "-88" }))
	}
	push(r.store, "公示：第一批承诺")
	if n := toOld(); n != 0 {
		t.Errorf("%d sends went to the old group id although its service message came first", n)
	}

	// A fresh bot on a store where the move was recorded earlier.
	rdb2, prefix2 := redistest.Client(t)
	store2 := storage.New(rdb2, prefix2, storage.Options{Units: []kit.Unit{{ID: "root", Name: "区委"}}, Root: "root"})
	if err := store2.RecordMove(r.ctx, -88, -1000088); err != nil {
		t.Fatal(err)
	}
	b2 := bot.New(newTG(t, r.emu), store2, flows.NewEngine(flows.Env{Env: kit.Env{BotUsername: "sibu_demo_bot"}}), quiet, nil,
		bot.Options{Workers: 1, Owner: "r1"})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { b2.Run(ctx, time.Second); close(done) }()
	defer func() { cancel(); <-done }()
	push(store2, "公示：第二批承诺")
	if n := toOld(); n != 0 {
		t.Errorf("%d sends went to the old group id after a restart", n)
	}
}
