package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"sibu/tgemu"
)

// hub routes the emulator's event stream to one channel per chat, so each
// simulated user sees what the bot did in its chat and when the emulator
// received it (Event.Time, taken under the emulator's lock).
type hub struct {
	mu    sync.Mutex
	chats map[int64]chan tgemu.Event
	stop  func()
	done  chan struct{}
}

// newHub subscribes to emu and routes its events until close.
func newHub(emu *tgemu.Server) *hub {
	ch, stop := emu.Subscribe()
	h := &hub{chats: map[int64]chan tgemu.Event{}, stop: stop, done: make(chan struct{})}
	go func() {
		defer close(h.done)
		for ev := range ch {
			if ev.ChatID == 0 {
				continue
			}
			h.chat(ev.ChatID) <- ev
		}
	}()
	return h
}

// chat is the channel of chat id's events, made on first use.
func (h *hub) chat(id int64) chan tgemu.Event {
	h.mu.Lock()
	defer h.mu.Unlock()
	c := h.chats[id]
	if c == nil {
		c = make(chan tgemu.Event, 256)
		h.chats[id] = c
	}
	return c
}

// close ends the subscription and waits for the router.
func (h *hub) close() {
	h.stop()
	<-h.done
}

// action is one thing a simulated user does.
type action struct {
	press  string // label of a button on the newest keyboard; or
	data   string // callback data pressed on message 0 (an invitation's entry button); or
	text   string // a text message
	wait   tgemu.EventType
	needKB bool // the awaited message must carry a keyboard
}

// demoScript answers the demo questionnaire from its invitation button to
// 提交: seven updates. Each waits for the step's last output (the next
// prompt, or the edited keyboard of a multi-select toggle), so every reply
// of the step has reached the emulator.
var demoScript = []action{
	{data: "sv:" + surveyID, wait: tgemu.EventMessage, needKB: true},
	{press: "满意", wait: tgemu.EventMessage},
	{press: "服务群众", wait: tgemu.EventEdit},
	{press: "完成", wait: tgemu.EventMessage},
	{press: "5", wait: tgemu.EventMessage},
	{text: "希望多下基层走访。", wait: tgemu.EventMessage, needKB: true},
	{press: "✅ 提交", wait: tgemu.EventMessage},
}

// echoScript is seven text messages, each answered by one message.
var echoScript = func() []action {
	var s []action
	for i := 0; i < 7; i++ {
		s = append(s, action{text: fmt.Sprintf("你好 %d", i), wait: tgemu.EventMessage})
	}
	return s
}()

// user is one simulated person.
type user struct {
	u     tgemu.User
	emu   *tgemu.Server
	ev    chan tgemu.Event
	kb    *tgemu.Message // newest message with an inline keyboard
	Sends int            // bot messages seen
}

// newUser is the simulated person id, reading its chat from h.
func newUser(emu *tgemu.Server, h *hub, id int64) *user {
	return &user{u: tgemu.User{ID: id, FirstName: "用户", LanguageCode: "zh-hans"}, emu: emu, ev: h.chat(id)}
}

var errTimeout = errors.New("no reply")

// do performs one action and waits for the reply that completes it. It
// returns the latency from the moment the update was made available to the
// bot until the emulator received the step's last reply.
func (u *user) do(ctx context.Context, a action, timeout time.Duration) (time.Duration, error) {
	// Anything left over from an earlier step is stale now.
	for drained := false; !drained; {
		select {
		case ev := <-u.ev:
			u.see(ev)
		default:
			drained = true
		}
	}
	var t0 time.Time
	switch {
	case a.data != "":
		t0 = time.Now()
		u.emu.Press(u.u, u.u.ID, 0, a.data)
	case a.press != "":
		id, data, ok := u.button(a.press)
		if !ok {
			return 0, fmt.Errorf("user %d: no button %q", u.u.ID, a.press)
		}
		t0 = time.Now()
		u.emu.Press(u.u, u.u.ID, id, data)
	default:
		t0 = time.Now()
		u.emu.SendText(u.u, a.text)
	}
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		select {
		case ev := <-u.ev:
			u.see(ev)
			if ev.Type != a.wait || ev.Message == nil || !ev.Message.FromBot {
				continue
			}
			if a.needKB && ev.Message.ReplyMarkup == nil {
				continue
			}
			return ev.Time.Sub(t0), nil
		case <-timer.C:
			return 0, errTimeout
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
}

// see notes a bot message: counts sends and keeps the newest keyboard.
func (u *user) see(ev tgemu.Event) {
	if ev.Message == nil || !ev.Message.FromBot {
		return
	}
	if ev.Type == tgemu.EventMessage {
		u.Sends++
	}
	if ev.Message.ReplyMarkup != nil && (u.kb == nil || ev.Message.ID >= u.kb.ID) {
		u.kb = ev.Message
	}
}

// button finds label on the newest keyboard: its message id and data.
func (u *user) button(label string) (int, string, bool) {
	if u.kb == nil {
		return 0, "", false
	}
	for _, row := range u.kb.ReplyMarkup.InlineKeyboard {
		for _, b := range row {
			if b.Text == label {
				return u.kb.ID, b.CallbackData, true
			}
		}
	}
	return 0, "", false
}

// confirmAll marks every user as having started the bot and confirms their
// updates without a bot, so later sends to them are allowed and nothing is
// pending.
func confirmAll(ctx context.Context, emu *tgemu.Server, ids []int64) error {
	var last int64
	for _, id := range ids {
		upd := emu.SendText(tgemu.User{ID: id, FirstName: "用户"}, "/start")
		last = max(last, upd.ID)
	}
	return getUpdatesOffset(ctx, emu.URL(), last+1)
}

// Simulated user id ranges, one per scenario, so no two scenarios share a
// chat in the emulator's or Redis's eyes.
const (
	baselineUsers = 100_000
	intakeUsers   = 200_000
	loadUsers     = 300_000
	pushUsers     = 400_000
	footUsers     = 500_000
	statusUsers   = 1_000_000
	// attentionUsers: past status's largest roster (statusUsers + 100,000).
	attentionUsers = 2_000_000
)

// userIDs are n user ids from first.
func userIDs(first int64, n int) []int64 {
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = first + int64(i)
	}
	return ids
}

// getUpdatesOffset confirms every update before offset, as a bot's next
// getUpdates would.
func getUpdatesOffset(ctx context.Context, base string, offset int64) error {
	body, _ := json.Marshal(map[string]any{"offset": offset, "timeout": 0})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/bot"+token+"/getUpdates", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("getUpdates: HTTP %d", resp.StatusCode)
	}
	return nil
}
