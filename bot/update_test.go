package bot

import (
	"testing"

	"github.com/go-telegram/bot/models"

	"sibu/flows"
)

// TestDecodeUpdateFromTheFuture: a field the library's model refuses (a
// union member newer than it) is left out and the rest of the update kept,
// so intake files it under the right chat and the person gets an answer.
func TestDecodeUpdateFromTheFuture(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		chat int64
		kind flows.InputKind
		text string
	}{
		{"forward origin", `{"update_id":1,"message":{"message_id":1,"date":1,"chat":{"id":7,"type":"private"},"from":{"id":7,"is_bot":false,"first_name":"u"},
			"text":"转发","forward_origin":{"type":"future_origin","date":1}}}`, 7, flows.InputText, "转发"},
		{"paid media", `{"update_id":2,"message":{"message_id":1,"date":1,"chat":{"id":7,"type":"private"},"from":{"id":7,"is_bot":false,"first_name":"u"},
			"paid_media":{"star_count":5,"paid_media":[{"type":"live_photo","photo":[]}]}}}`, 7, flows.InputOther, ""},
		{"reply to a message from the future", `{"update_id":3,"message":{"message_id":2,"date":1,"chat":{"id":7,"type":"private"},"from":{"id":7,"is_bot":false,"first_name":"u"},
			"text":"好","reply_to_message":{"message_id":1,"date":1,"chat":{"id":7,"type":"private"},"forward_origin":{"type":"x"}}}}`, 7, flows.InputText, "好"},
		{"callback on a message from the future", `{"update_id":4,"callback_query":{"id":"1","from":{"id":8,"is_bot":false,"first_name":"u"},"chat_instance":"1","data":"x",
			"message":{"message_id":1,"date":5,"chat":{"id":8,"type":"private"},"forward_origin":{"type":"x"}}}}`, 8, flows.InputCallback, ""},
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
