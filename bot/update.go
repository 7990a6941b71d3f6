package bot

import (
	"encoding/json"
	"fmt"

	"github.com/go-telegram/bot/models"
)

// chatOf returns the chat whose order an update belongs to: the chat of its
// message, or the user for updates without one. 0 means the update has no
// conversation (it is acknowledged and ignored).
func chatOf(u *models.Update) int64 {
	switch {
	case u.Message != nil:
		return u.Message.Chat.ID
	case u.EditedMessage != nil:
		return u.EditedMessage.Chat.ID
	case u.CallbackQuery != nil:
		if m := u.CallbackQuery.Message.Message; m != nil {
			return m.Chat.ID
		}
		if m := u.CallbackQuery.Message.InaccessibleMessage; m != nil {
			return m.Chat.ID
		}
		return u.CallbackQuery.From.ID
	case u.MyChatMember != nil:
		return u.MyChatMember.Chat.ID
	case u.ChatMember != nil:
		return u.ChatMember.Chat.ID
	case u.ChatJoinRequest != nil:
		return u.ChatJoinRequest.Chat.ID
	case u.ChannelPost != nil:
		return u.ChannelPost.Chat.ID
	case u.EditedChannelPost != nil:
		return u.EditedChannelPost.Chat.ID
	case u.BusinessMessage != nil:
		return u.BusinessMessage.Chat.ID
	case u.InlineQuery != nil:
		return u.InlineQuery.From.ID
	case u.ChosenInlineResult != nil:
		return u.ChosenInlineResult.From.ID
	case u.PollAnswer != nil && u.PollAnswer.User != nil:
		return u.PollAnswer.User.ID
	case u.MessageReaction != nil:
		return u.MessageReaction.Chat.ID
	}
	return 0
}

// peekUpdate holds only what intake needs of an update (decoding the full
// models.Update on the intake path costs more than the rest of intake).
type peekUpdate struct {
	ID            int64     `json:"update_id"`
	Message       *peekChat `json:"message"`
	EditedMessage *peekChat `json:"edited_message"`
	ChannelPost   *peekChat `json:"channel_post"`
	CallbackQuery *struct {
		From    peekUser  `json:"from"`
		Message *peekChat `json:"message"`
	} `json:"callback_query"`
	MyChatMember *peekChat `json:"my_chat_member"`
	ChatMember   *peekChat `json:"chat_member"`
	JoinRequest  *peekChat `json:"chat_join_request"`
	InlineQuery  *struct {
		From peekUser `json:"from"`
	} `json:"inline_query"`
}

type peekChat struct {
	Chat struct {
		ID int64 `json:"id"`
	} `json:"chat"`
}

type peekUser struct {
	ID int64 `json:"id"`
}

func (p *peekUpdate) chat() (int64, bool) {
	for _, c := range []*peekChat{p.Message, p.EditedMessage, p.ChannelPost, p.MyChatMember, p.ChatMember, p.JoinRequest} {
		if c != nil {
			return c.Chat.ID, true
		}
	}
	switch {
	case p.CallbackQuery != nil && p.CallbackQuery.Message != nil && p.CallbackQuery.Message.Chat.ID != 0:
		return p.CallbackQuery.Message.Chat.ID, true
	case p.CallbackQuery != nil:
		return p.CallbackQuery.From.ID, true
	case p.InlineQuery != nil:
		return p.InlineQuery.From.ID, true
	}
	return 0, false
}

// peek decodes what intake needs of a raw update: its id and chat. Common
// kinds are read from a small struct; anything else falls back to the full
// model (chatOf).
func peek(raw []byte) (id, chat int64, err error) {
	var p peekUpdate
	if err := json.Unmarshal(raw, &p); err == nil {
		if c, ok := p.chat(); ok {
			return p.ID, c, nil
		}
	}
	var u models.Update
	if err := decodeUpdate(raw, &u); err != nil {
		var only struct {
			ID int64 `json:"update_id"`
		}
		if json.Unmarshal(raw, &only) == nil && only.ID != 0 {
			return only.ID, 0, nil // valid id, fields we cannot decode: chat 0
		}
		return 0, 0, fmt.Errorf("decode update: %w", err)
	}
	return u.ID, chatOf(&u), nil
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

func wrapField(name string, v json.RawMessage) []byte {
	key, _ := json.Marshal(name)
	b := make([]byte, 0, len(key)+len(v)+3)
	b = append(b, '{')
	b = append(b, key...)
	b = append(b, ':')
	b = append(b, v...)
	return append(b, '}')
}
