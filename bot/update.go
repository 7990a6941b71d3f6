package bot

import (
	"encoding/json"
	"fmt"

	"github.com/go-telegram/bot/models"
)

// wireUpdate holds only what intake needs of an update: its id and the
// fields that say which chat owns it (decoding the full models.Update on
// the intake path costs more than the rest of intake).
type wireUpdate struct {
	ID                int64     `json:"update_id"`
	Message           *wireChat `json:"message"`
	EditedMessage     *wireChat `json:"edited_message"`
	ChannelPost       *wireChat `json:"channel_post"`
	EditedChannelPost *wireChat `json:"edited_channel_post"`
	BusinessMessage   *wireChat `json:"business_message"`
	MyChatMember      *wireChat `json:"my_chat_member"`
	ChatMember        *wireChat `json:"chat_member"`
	JoinRequest       *wireChat `json:"chat_join_request"`
	Reaction          *wireChat `json:"message_reaction"`
	CallbackQuery     *struct {
		From    wireUser  `json:"from"`
		Message *wireChat `json:"message"`
	} `json:"callback_query"`
	InlineQuery        *wireFrom `json:"inline_query"`
	ChosenInlineResult *wireFrom `json:"chosen_inline_result"`
	PollAnswer         *struct {
		User *wireUser `json:"user"`
	} `json:"poll_answer"`
}

// wireChat is any part of an update that carries a chat.
type wireChat struct {
	Chat struct {
		ID int64 `json:"id"`
	} `json:"chat"`
}

// wireFrom is any part of an update that carries its sender.
type wireFrom struct {
	From wireUser `json:"from"`
}

// wireUser is a user's id.
type wireUser struct {
	ID int64 `json:"id"`
}

// owner is the chat whose order the update belongs to: the chat of its
// message, or the user for updates without one (a callback on a message
// too old to be sent along, an inline query, a poll answer). 0 means the
// update has no conversation; it is acknowledged and ignored.
func (w *wireUpdate) owner() int64 {
	for _, c := range []*wireChat{w.Message, w.EditedMessage, w.ChannelPost, w.EditedChannelPost, w.BusinessMessage,
		w.MyChatMember, w.ChatMember, w.JoinRequest, w.Reaction} {
		if c != nil {
			return c.Chat.ID
		}
	}
	switch {
	case w.CallbackQuery != nil && w.CallbackQuery.Message != nil && w.CallbackQuery.Message.Chat.ID != 0:
		return w.CallbackQuery.Message.Chat.ID
	case w.CallbackQuery != nil:
		return w.CallbackQuery.From.ID
	case w.InlineQuery != nil:
		return w.InlineQuery.From.ID
	case w.ChosenInlineResult != nil:
		return w.ChosenInlineResult.From.ID
	case w.PollAnswer != nil && w.PollAnswer.User != nil:
		return w.PollAnswer.User.ID
	}
	return 0
}

// peek decodes what intake needs of a raw update: its id and the chat that
// owns it (see owner; this is the one place that decides it). A body whose
// owner fields do not decode still gives its id, with chat 0, so it is
// recorded and acknowledged rather than refused forever.
func peek(raw []byte) (id, chat int64, err error) {
	var w wireUpdate
	if err := json.Unmarshal(raw, &w); err != nil {
		var only struct {
			ID int64 `json:"update_id"`
		}
		if json.Unmarshal(raw, &only) == nil && only.ID != 0 {
			return only.ID, 0, nil // valid id, fields we cannot decode: chat 0
		}
		return 0, 0, fmt.Errorf("decode update: %w", err)
	}
	return w.ID, w.owner(), nil
}

// decodeUpdate decodes a raw update into the library's model. The model
// refuses values it does not know in its unions (a forward_origin, paid
// media, chat member status or reaction type newer than the library), and
// one such field would lose the whole update: the person who forwarded a
// message would get no answer at all. So when the whole does not decode,
// the fields that do not are left out, deepest first, and the rest is kept.
func decodeUpdate(raw []byte, u *models.Update) error {
	err := json.Unmarshal(raw, u)
	if err == nil {
		return nil
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(raw, &top) != nil {
		return err
	}
	for k, v := range top {
		if k == "update_id" {
			continue // without a valid id the update is not decodable at all
		}
		wrap := func(x json.RawMessage) []byte { return wrapField(k, x) }
		if pruned, ok := prune(v, wrap, 0); ok {
			top[k] = pruned
		} else {
			delete(top, k)
		}
	}
	fixed, merr := json.Marshal(top)
	if merr != nil {
		return err
	}
	*u = models.Update{}
	if json.Unmarshal(fixed, u) != nil {
		return err
	}
	return nil
}

// prune returns v, or v without the fields (at any depth) the update model
// refuses; ok=false when nothing of v can be kept. wrap places a value at
// v's position in an otherwise empty update.
func prune(v json.RawMessage, wrap func(json.RawMessage) []byte, depth int) (json.RawMessage, bool) {
	var probe models.Update
	if json.Unmarshal(wrap(v), &probe) == nil {
		return v, true
	}
	var obj map[string]json.RawMessage
	if depth > 8 || json.Unmarshal(v, &obj) != nil {
		return nil, false // a refused array or scalar: left out whole
	}
	for k, fv := range obj {
		inner := func(x json.RawMessage) []byte { return wrap(wrapField(k, x)) }
		if pv, ok := prune(fv, inner, depth+1); ok {
			obj[k] = pv
		} else {
			delete(obj, k)
		}
	}
	out, err := json.Marshal(obj)
	if err != nil {
		return nil, false
	}
	if json.Unmarshal(wrap(out), &probe) != nil {
		return nil, false
	}
	return out, true
}

// wrapField is the JSON object {name: v}.
func wrapField(name string, v json.RawMessage) []byte {
	key, _ := json.Marshal(name)
	b := make([]byte, 0, len(key)+len(v)+3)
	b = append(b, '{')
	b = append(b, key...)
	b = append(b, ':')
	b = append(b, v...)
	return append(b, '}')
}
