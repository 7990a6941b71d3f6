package bot

import (
	"fmt"
	"sibu/flows/kit"
	"testing"

	"github.com/go-telegram/bot/models"
)

// TestDecodeUpdateFromTheFuture: a field the library's model refuses (a
// union member newer than it) is left out and the rest of the update kept,
// so intake files it under the right chat and the person gets an answer.
func TestDecodeUpdateFromTheFuture(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		chat int64
		kind kit.InputKind
		text string
	}{
		{"forward origin", `{"update_id":1,"message":{"message_id":1,"date":1,"chat":{"id":7,"type":"private"},"from":{"id":7,"is_bot":false,"first_name":"u"},
			"text":"转发","forward_origin":{"type":"future_origin","date":1}}}`, 7, kit.InputText, "转发"},
		{"paid media", `{"update_id":2,"message":{"message_id":1,"date":1,"chat":{"id":7,"type":"private"},"from":{"id":7,"is_bot":false,"first_name":"u"},
			"paid_media":{"star_count":5,"paid_media":[{"type":"live_photo","photo":[]}]}}}`, 7, kit.InputOther, ""},
		{"reply to a message from the future", `{"update_id":3,"message":{"message_id":2,"date":1,"chat":{"id":7,"type":"private"},"from":{"id":7,"is_bot":false,"first_name":"u"},
			"text":"好","reply_to_message":{"message_id":1,"date":1,"chat":{"id":7,"type":"private"},"forward_origin":{"type":"x"}}}}`, 7, kit.InputText, "好"},
		{"callback on a message from the future", `{"update_id":4,"callback_query":{"id":"1","from":{"id":8,"is_bot":false,"first_name":"u"},"chat_instance":"1","data":"x",
			"message":{"message_id":1,"date":5,"chat":{"id":8,"type":"private"},"forward_origin":{"type":"x"}}}}`, 8, kit.InputCallback, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, chat, err := peek([]byte(tt.raw))
			if err != nil || id == 0 || chat != tt.chat {
				t.Fatalf("peek = %d, %d, %v; want chat %d", id, chat, err, tt.chat)
			}
			u := decodeOK(t, tt.raw)
			in, ok := toInput(u, "sibu_demo_bot")
			if !ok || in.Kind != tt.kind || in.Text != tt.text || in.ChatID != tt.chat {
				t.Fatalf("toInput = %+v, %v", in, ok)
			}
		})
	}
	if err := decodeUpdate([]byte(`{"update_id":"x"}`), decodeOK(t, `{"update_id":1}`)); err == nil {
		t.Error("an update_id that is not a number decoded")
	}
}

func decodeOK(t *testing.T, raw string) *models.Update {
	t.Helper()
	var u models.Update
	if err := decodeUpdate([]byte(raw), &u); err != nil {
		t.Fatalf("decodeUpdate: %v", err)
	}
	return &u
}

// TestPeekOwner: peek files every kind of update under the chat that owns
// it (the message's chat, else the user), and kinds without a
// conversation under chat 0.
func TestPeekOwner(t *testing.T) {
	msg := func(chat int64) string {
		return fmt.Sprintf(`{"message_id":1,"date":1,"chat":{"id":%d,"type":"private"},"from":{"id":5,"is_bot":false,"first_name":"u"},"text":"x"}`, chat)
	}
	from := func(id int64) string { return fmt.Sprintf(`{"id":%d,"is_bot":false,"first_name":"u"}`, id) }
	tests := []struct {
		kind, body string
		chat       int64
	}{
		{"message", msg(7), 7},
		{"edited_message", msg(8), 8},
		{"channel_post", msg(-9), -9},
		{"edited_channel_post", msg(-10), -10},
		{"business_message", msg(11), 11},
		{"callback_query", `{"id":"1","from":` + from(13) + `,"chat_instance":"1","message":` + msg(14) + `}`, 14},
		{"callback_query", `{"id":"1","from":` + from(15) + `,"chat_instance":"1","message":{"chat":{"id":16,"type":"private"},"message_id":3,"date":0}}`, 16},
		{"callback_query", `{"id":"1","from":` + from(17) + `,"chat_instance":"1","inline_message_id":"a"}`, 17},
		{"my_chat_member", `{"chat":{"id":18,"type":"private"},"from":` + from(18) + `,"date":1}`, 18},
		{"chat_member", `{"chat":{"id":-19,"type":"group"},"from":` + from(18) + `,"date":1}`, -19},
		{"chat_join_request", `{"chat":{"id":-20,"type":"supergroup"},"from":` + from(21) + `,"user_chat_id":21,"date":1}`, -20},
		{"message_reaction", `{"chat":{"id":22,"type":"private"},"message_id":1,"date":1}`, 22},
		{"inline_query", `{"id":"1","from":` + from(23) + `,"query":"","offset":""}`, 23},
		{"chosen_inline_result", `{"result_id":"1","from":` + from(24) + `,"query":""}`, 24},
		{"poll_answer", `{"poll_id":"1","user":` + from(25) + `,"option_ids":[0]}`, 25},
		{"poll_answer", `{"poll_id":"1","voter_chat":{"id":-26,"type":"channel"},"option_ids":[0]}`, 0},
		{"poll", `{"id":"1","question":"q"}`, 0},
		{"future_kind", `{"chat":{"id":30}}`, 0},
	}
	for i, tt := range tests {
		raw := fmt.Sprintf(`{"update_id":%d,%q:%s}`, i+1, tt.kind, tt.body)
		id, chat, err := peek([]byte(raw))
		if err != nil || id != int64(i+1) || chat != tt.chat {
			t.Errorf("%s #%d: peek = %d, %d, %v; want chat %d", tt.kind, i+1, id, chat, err, tt.chat)
		}
	}
	if id, chat, err := peek([]byte(`{"update_id":5,"message":"not a message"}`)); err != nil || id != 5 || chat != 0 {
		t.Errorf("undecodable owner: peek = %d, %d, %v; want 5, 0, nil", id, chat, err)
	}
}
