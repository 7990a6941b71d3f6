package storage_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/anonymity"
	"sibu/flows"
	"sibu/flows/kit"
	"sibu/flows/survey"
	"sibu/internal/redistest"
	"sibu/storage"
)

// Answers and a person no random text contains by chance.
const (
	anonWho      = 7700123456
	anonChoice   = "unsat_zz9"
	anonComment  = "comment_marker_q7"
	anonSurveyID = "anon"
)

const anonSurvey = `{
  "campaign": {"units": ["root"], "anonymous": true, "min_group": 3,
    "satisfied": {"question": "overall", "values": ["sat_ok_aa1"]}},
  "survey": {"title": "匿名测评", "elements": [
    {"type": "radiogroup", "name": "overall", "title": "总体评价", "isRequired": true, "choices": ["sat_ok_aa1", "unsat_zz9"]},
    {"type": "comment", "name": "why", "title": "意见"}
  ]}
}`

// monitored is a private redis-server whose every command is captured
// with MONITOR (read off a plain connection: a monitor line is one RESP
// simple string).
type monitored struct {
	rdb   *redis.Client
	lines chan string
}

func newMonitored(t *testing.T) *monitored {
	t.Helper()
	srv := redistest.NewServer(t, false)
	m := &monitored{rdb: redis.NewClient(&redis.Options{Addr: srv.Addr(), Protocol: 2}), lines: make(chan string, 100000)}
	t.Cleanup(func() { m.rdb.Close() })
	conn, err := net.Dial("tcp", srv.Addr())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	r := bufio.NewReader(conn)
	if _, err := conn.Write([]byte("MONITOR\r\n")); err != nil {
		t.Fatal(err)
	}
	if ok, err := r.ReadString('\n'); err != nil || !strings.HasPrefix(ok, "+OK") {
		t.Fatalf("MONITOR: %q, %v", ok, err)
	}
	go func() {
		for {
			l, err := r.ReadString('\n')
			if err != nil {
				close(m.lines)
				return
			}
			m.lines <- strings.TrimSuffix(strings.TrimPrefix(l, "+"), "\r\n")
		}
	}()
	return m
}

// take returns the commands seen since the last take. An ECHO marks the
// end, so nothing sent before take returns is missed.
func (m *monitored) take(t *testing.T) []string {
	t.Helper()
	mark := fmt.Sprintf("end-%d", time.Now().UnixNano())
	m.rdb.Echo(context.Background(), mark)
	var out []string
	timeout := time.After(10 * time.Second)
	for {
		select {
		case l := <-m.lines:
			if strings.Contains(l, mark) {
				return out
			}
			out = append(out, l)
		case <-timeout:
			t.Fatalf("MONITOR did not show the end mark; got %d lines", len(out))
		}
	}
}

// anonChat drives one person's chat the way the bot does: each input is
// recorded in the inbox as Telegram's update, loaded with the session,
// stepped by the engine and committed.
type anonChat struct {
	t      *testing.T
	s      *storage.Store
	eng    *flows.Engine
	msgs   map[int]kit.Output // messages shown, by id
	nextID int
	update int64
}

// step sends in (with raw, the update as Telegram would carry it) and
// returns the step's effects.
func (c *anonChat) step(in kit.Input, raw map[string]any) []kit.Effect {
	c.t.Helper()
	ctx := context.Background()
	c.update++
	raw["update_id"] = c.update
	b, _ := json.Marshal(raw)
	if _, err := c.s.Record(ctx, storage.Update{ID: c.update, ChatID: anonWho, Raw: b}); err != nil {
		c.t.Fatal(err)
	}
	ld, err := c.s.Load(ctx, anonWho)
	if err != nil || !ld.HasHead {
		c.t.Fatalf("load: %v (head %v)", err, ld.HasHead)
	}
	in.ChatID, in.UserID, in.Private = anonWho, anonWho, true
	res, err := c.eng.Step(ld.Session, in, now, c.s.Directory(ctx))
	if err != nil {
		c.t.Fatal(err)
	}
	res.Session.Version = ld.Session.Version
	if _, err := c.s.Commit(ctx, storage.Commit{ChatID: anonWho, Session: res.Session, Head: ld.Head,
		Effects: res.Effects, Outputs: res.Outputs, Now: now}); err != nil {
		c.t.Fatal(err)
	}
	replies, err := c.s.Replies(ctx, anonWho)
	if err != nil {
		c.t.Fatal(err)
	}
	for _, o := range replies {
		switch o.Kind {
		case kit.OutSend:
			c.nextID++
			c.msgs[c.nextID] = o
		case kit.OutEdit:
			c.msgs[o.MessageID] = o
		}
	}
	if err := c.s.Sent(ctx, anonWho, len(replies)); err != nil {
		c.t.Fatal(err)
	}
	return res.Effects
}

// press presses the newest button whose text contains label.
func (c *anonChat) press(label string) []kit.Effect {
	c.t.Helper()
	for id := c.nextID; id > 0; id-- {
		for _, row := range c.msgs[id].Buttons {
			for _, b := range row {
				if strings.Contains(b.Text, label) && b.Data != "" {
					in := kit.Input{Kind: kit.InputCallback, Data: b.Data, MessageID: id, CallbackID: fmt.Sprint("cb", c.update)}
					return c.step(in, map[string]any{"callback_query": map[string]any{"data": b.Data,
						"message": map[string]any{"message_id": id, "text": c.msgs[id].Text}}})
				}
			}
		}
	}
	c.t.Fatalf("no button %q", label)
	return nil
}

// say sends a text message.
func (c *anonChat) say(text string) []kit.Effect {
	c.t.Helper()
	if strings.HasPrefix(text, "/") {
		return c.step(kit.Input{Kind: kit.InputCommand, Command: text[1:]}, map[string]any{"message": map[string]any{"text": text}})
	}
	return c.step(kit.Input{Kind: kit.InputText, Text: text}, map[string]any{"message": map[string]any{"text": text}})
}

// TestAnonymousAnswersNeverReachRedisInTheClear answers an anonymous
// questionnaire as the bot does — updates recorded in the inbox, steps
// committed with their sessions and replies, a draft parked with /cancel
// and resumed, the submit — under MONITOR. No command Redis receives may
// carry an answer in the clear (the person's chat id is on every one of
// them), and the submit moves no counter.
func TestAnonymousAnswersNeverReachRedisInTheClear(t *testing.T) {
	m := newMonitored(t)
	ctx := context.Background()
	units := []kit.Unit{{ID: "root", Name: "区委"}}
	s := storage.New(m.rdb, "mon", storage.Options{Units: units, Root: "root", Now: func() time.Time { return now }, Anonymity: testKey(t)})
	sv, err := survey.Parse(anonSurveyID, []byte(anonSurvey), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	eng := flows.NewEngine(flows.Env{Env: kit.Env{Units: units, Root: "root", Admins: map[int64]bool{anonWho: true}, Location: time.UTC},
		Surveys: map[string]*survey.Survey{anonSurveyID: sv}})
	if _, err := s.Commit(ctx, storage.Commit{NoSession: true, Now: now, Effects: []kit.Effect{
		survey.Opened{SurveyID: anonSurveyID, Version: sv.Version, By: 1, Issued: []int64{anonWho}, Units: []string{"root"}}}}); err != nil {
		t.Fatal(err)
	}
	c := &anonChat{t: t, s: s, eng: eng, msgs: map[int]kit.Output{}}
	m.take(t)
	c.say("/surveys")
	c.press("匿名测评")
	c.press(anonChoice)
	c.say(anonComment)
	c.say("/cancel") // the run is parked as a draft
	c.say("/surveys")
	c.press("匿名测评") // resumed from the draft: the closing summary
	answering := m.take(t)
	var submitted bool
	for _, ef := range c.press("提交") {
		_, submitted = ef.(survey.ResponseSubmitted)
	}
	if !submitted {
		t.Fatal("the submit button did not submit")
	}
	submit := m.take(t)
	for _, l := range append(answering, submit...) {
		for _, answer := range []string{anonChoice, anonComment} {
			if strings.Contains(l, answer) {
				t.Errorf("Redis saw the answer %q in the clear: %.300s", answer, l)
			}
		}
	}
	for _, l := range submit {
		if lower := strings.ToLower(l); strings.Contains(lower, `"hincrby"`) || strings.Contains(lower, `"incrby"`) || strings.Contains(lower, `"incr"`) {
			t.Errorf("a counter moved at the submit: %.300s", l)
		}
	}
}

// testKey is a fresh anonymity key.
func testKey(t testing.TB) *anonymity.Key {
	t.Helper()
	k, err := anonymity.Generate()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// anonResponse is a response of the anonymous questionnaire by person
// who of unit ("" when left out).
func anonResponse(who int64, unit string, satisfied bool) survey.ResponseSubmitted {
	choice := "sat_ok_aa1"
	if !satisfied {
		choice = anonChoice
	}
	return survey.ResponseSubmitted{SurveyID: anonSurveyID, Version: "v1", Respondent: who, Unit: unit, Anonymous: true,
		Answers: map[string]any{"overall": choice}, Satisfied: satisfied, SatisfiedAnswered: true,
		Tallies: []string{"#overall", "overall\x1f" + choice}, At: now}
}

// figures is what /stats shows of an anonymous questionnaire's answers.
type figures struct {
	submitted, satisfied, answered int64
	units                          map[string]int64
}

func readFigures(t *testing.T, s *storage.Store) figures {
	t.Helper()
	st, err := s.SurveyStats(context.Background(), anonSurveyID, true)
	if err != nil {
		t.Fatal(err)
	}
	return figures{submitted: st.Submitted, satisfied: st.Satisfied, answered: st.SatisfiedAnswered, units: st.Units}
}

// TestAnonymousFiguresMoveOnlyInBatches submits anonymous responses one
// by one, running the release after each (as if the scheduler ran that
// often), and reads /stats's figures after each: two reads never differ
// by fewer than min_group responses, in total or in a unit, so no
// difference of two reads is one person's answers.
func TestAnonymousFiguresMoveOnlyInBatches(t *testing.T) {
	s, rdb := newStore(t)
	ctx := context.Background()
	const minGroup = 3
	rdb.HSet(ctx, s.Keys().Survey(anonSurveyID), "status", string(survey.StatusOpen))
	// b1's people are named by unit; the last two are of a unit too small
	// to be named.
	people := []struct {
		unit      string
		satisfied bool
	}{{"b1", false}, {"b1", true}, {"", true}, {"b1", true}, {"", false}, {"b1", false}, {"b1", true}, {"b1", true}}
	prev := readFigures(t, s)
	for i, p := range people {
		if err := commitEffects(t, s, anonResponse(int64(500+i), p.unit, p.satisfied)); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ReleaseAnonymous(ctx, anonSurveyID, minGroup); err != nil {
			t.Fatal(err)
		}
		cur := readFigures(t, s)
		if d := cur.submitted - prev.submitted; d != 0 && d < minGroup {
			t.Errorf("after response %d: submitted moved by %d (%d → %d)", i+1, d, prev.submitted, cur.submitted)
		}
		if d := cur.answered - prev.answered; d != 0 && d < minGroup {
			t.Errorf("after response %d: the 满意 question's answers moved by %d", i+1, d)
		}
		if d := cur.units["b1\x1fsubmitted"] - prev.units["b1\x1fsubmitted"]; d != 0 && d < minGroup {
			t.Errorf("after response %d: unit b1 moved by %d", i+1, d)
		}
		prev = cur
	}
	if prev.submitted < minGroup {
		t.Errorf("nothing was ever released: %+v", prev)
	}
}

// TestReplicasMustShareTheAnonymityKey: the first replica records its
// key's public half; one with another key is refused, naming both, and
// the key itself is never written.
func TestReplicasMustShareTheAnonymityKey(t *testing.T) {
	rdb, prefix := redistest.Client(t)
	ctx := context.Background()
	key := testKey(t)
	first := storage.New(rdb, prefix, storage.Options{Anonymity: key})
	if err := first.CheckAnonymityKey(ctx); err != nil {
		t.Fatal(err)
	}
	if err := storage.New(rdb, prefix, storage.Options{Anonymity: key}).CheckAnonymityKey(ctx); err != nil {
		t.Fatalf("a replica with the same key: %v", err)
	}
	other := testKey(t)
	err := storage.New(rdb, prefix, storage.Options{Anonymity: other}).CheckAnonymityKey(ctx)
	if !errors.Is(err, storage.ErrOtherAnonymityKey) || !strings.Contains(err.Error(), other.Recipient()) || !strings.Contains(err.Error(), key.Recipient()) {
		t.Fatalf("a replica with another key: %v", err)
	}
	if v, _ := rdb.Get(ctx, first.Keys().AnonymityRecipient()).Result(); v != key.Recipient() {
		t.Errorf("recorded %q, want the recipient", v)
	}
}

// TestStateWrittenInTheClearStillReads: a session, an inbox head and held
// events written before sibu concealed them still work; a clear head is
// concealed in place as it is loaded, and one concealed under another key
// comes back as stored so the worker can drop it.
func TestStateWrittenInTheClearStillReads(t *testing.T) {
	s, rdb := newStore(t)
	ctx := context.Background()
	k := s.Keys()
	rdb.HSet(ctx, k.Session(9), "v", "3", "d", `{"q":4}`)
	rdb.RPush(ctx, k.InboxChat(9), `{"update_id":90}`)
	rdb.ZAdd(ctx, k.InboxReady(), redis.Z{Score: 0, Member: "9"})
	ld, err := s.Load(ctx, 9)
	if err != nil || string(ld.Head) != `{"update_id":90}` || ld.Session.Seq != 4 {
		t.Fatalf("load = %+v, %v", ld, err)
	}
	if stored, _ := rdb.LIndex(ctx, k.InboxChat(9), 0).Result(); strings.Contains(stored, "update_id") {
		t.Errorf("the clear head was not concealed in place: %s", stored)
	}
	ld.Session.Version = 3
	if _, err := s.Commit(ctx, storage.Commit{ChatID: 9, Session: ld.Session, Head: ld.Head, Now: now}); err != nil {
		t.Fatalf("commit on a head recorded in the clear: %v", err)
	}
	if d, _ := rdb.HGet(ctx, k.Session(9), "d").Result(); strings.Contains(d, `"q"`) {
		t.Errorf("the session was written in the clear: %s", d)
	}

	foreign := testKey(t).Conceal([]byte(`{"update_id":91}`))
	rdb.RPush(ctx, k.InboxChat(9), foreign)
	head, ok, err := s.Head(ctx, 9)
	if err != nil || !ok || string(head) != string(foreign) {
		t.Fatalf("a head concealed under another key = %q, %v, %v; want it as stored", head, ok, err)
	}
	if err := s.Drop(ctx, 9, head); err != nil {
		t.Fatal(err)
	}
	if n, _ := rdb.LLen(ctx, k.InboxChat(9)).Result(); n != 0 {
		t.Errorf("Drop left %d", n)
	}

	rdb.SAdd(ctx, k.SurveyAnonOut(anonSurveyID), `{"held":1}`)
	if _, err := s.ReleaseAnonymous(ctx, anonSurveyID, 5); err != nil {
		t.Fatal(err)
	}
	if n, _ := rdb.XLen(ctx, k.Outbox()).Result(); n != 1 {
		t.Errorf("events held by an earlier release: %d in the outbox, want 1", n)
	}
}
