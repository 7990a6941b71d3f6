package storage_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/flows/join"
	"sibu/flows/kit"
	"sibu/flows/survey"
	"sibu/internal/redistest"
	"sibu/storage"
)

var now = time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)

func newStore(t *testing.T) (*storage.Store, redis.UniversalClient) {
	rdb, prefix := redistest.Client(t)
	units := []kit.Unit{{ID: "root", Name: "区委"}, {ID: "b1", Parent: "root"}, {ID: "b11", Parent: "b1"}}
	return storage.New(rdb, prefix, storage.Options{Units: units, Root: "root", Now: func() time.Time { return now }, Anonymity: testKey(t)}), rdb
}

func TestRecordDedupesAndKeepsOrder(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	n, err := s.Record(ctx, storage.Update{ID: 1, ChatID: 7, Raw: []byte(`{"update_id":1}`)},
		storage.Update{ID: 2, ChatID: 7, Raw: []byte(`{"update_id":2}`)},
		storage.Update{ID: 1, ChatID: 7, Raw: []byte(`{"update_id":1}`)})
	if err != nil || n != 2 {
		t.Fatalf("Record = %d, %v; want 2 new", n, err)
	}
	if n, _ := s.Record(ctx, storage.Update{ID: 2, ChatID: 7, Raw: []byte(`{"update_id":2}`)}); n != 0 {
		t.Fatalf("duplicate recorded again")
	}
	lease, err := s.Claim(ctx, time.Minute)
	if err != nil || lease.Chat != 7 {
		t.Fatalf("Claim = %+v, %v", lease, err)
	}
	if _, err := s.Claim(ctx, time.Minute); !errors.Is(err, storage.ErrNoWork) {
		t.Fatalf("a leased chat was claimed twice: %v", err)
	}
	head, ok, _ := s.Head(ctx, 7)
	if !ok || string(head) != `{"update_id":1}` {
		t.Fatalf("head = %s", head)
	}
	// Apply update 1 with a commit; a second commit of the same head conflicts.
	sess, _ := s.LoadSession(ctx, 7)
	if _, err := s.Commit(ctx, storage.Commit{ChatID: 7, Session: sess, Head: head, Now: now}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Commit(ctx, storage.Commit{ChatID: 7, Session: sess, Head: head, Now: now}); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("second commit of the same update: %v, want ErrConflict", err)
	}
	head, _, _ = s.Head(ctx, 7)
	if string(head) != `{"update_id":2}` {
		t.Fatalf("head after ack = %s", head)
	}
	more, _ := s.Release(ctx, lease, 0)
	if !more {
		t.Fatal("release lost the pending update")
	}
}

func TestCommitIsAtomic(t *testing.T) {
	s, rdb := newStore(t)
	ctx := context.Background()
	k := s.Keys()
	sess, _ := s.LoadSession(ctx, 42)
	sess.Seq = 3
	inv := kit.Invite{Code: "abc", Unit: "b1", Role: kit.RoleMember, By: 1, ExpiresAt: now.Add(time.Hour)}
	v, err := s.Commit(ctx, storage.Commit{ChatID: 42, Session: sess, Now: now,
		Effects: []kit.Effect{join.InviteCreated{Invite: inv}},
		Outputs: []kit.Output{{Kind: kit.OutSend, ChatID: 42, Text: "hi"}, {Kind: kit.OutPush, ChatID: 9, Text: "push"}}})
	if err != nil || v != 1 {
		t.Fatalf("commit = %d, %v", v, err)
	}
	join := join.MemberJoined{Person: kit.Person{ID: 42, Name: "张三", Unit: "b1", Role: kit.RoleMember, JoinedAt: now}, Invite: "abc"}
	sess.Version = v
	if _, err := s.Commit(ctx, storage.Commit{ChatID: 42, Session: sess, Now: now, Effects: []kit.Effect{join}}); err != nil {
		t.Fatal(err)
	}
	// The invite is used: a second join (another chat) must change nothing at all.
	other := join
	other.Person.ID = 43
	before, _ := rdb.XLen(ctx, k.Outbox()).Result()
	_, err = s.Commit(ctx, storage.Commit{ChatID: 43, Now: now, Effects: []kit.Effect{other},
		Outputs: []kit.Output{{Kind: kit.OutSend, ChatID: 43, Text: "x"}}})
	if !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("reused invite: %v, want ErrConflict", err)
	}
	after, _ := rdb.XLen(ctx, k.Outbox()).Result()
	if after != before {
		t.Fatalf("outbox grew on a failed commit: %d → %d", before, after)
	}
	if _, ok, _ := s.Person(ctx, 43); ok {
		t.Fatal("person written by a failed commit")
	}
	if n, _ := rdb.LLen(ctx, k.Replies(43)).Result(); n != 0 {
		t.Fatal("reply stored by a failed commit")
	}
	// A stale session version conflicts.
	sess.Version = 0
	if _, err := s.Commit(ctx, storage.Commit{ChatID: 42, Session: sess, Now: now}); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("stale version: %v", err)
	}
	got, _ := s.LoadSession(ctx, 42)
	if got.Version != 2 || got.Seq != 3 {
		t.Fatalf("session = %+v", got)
	}
	members, _ := s.Members(ctx, "root", true)
	if len(members) != 1 || members[0].Name != "张三" {
		t.Fatalf("members = %+v", members)
	}
	replies, _ := s.Replies(ctx, 42)
	if len(replies) != 1 || replies[0].Text != "hi" {
		t.Fatalf("replies = %+v", replies)
	}
	if n, _ := rdb.XLen(ctx, k.Push()).Result(); n != 1 {
		t.Fatalf("push stream has %d, want 1", n)
	}
	// Events are CloudEvents with the type of the effect.
	msgs, _ := rdb.XRange(ctx, k.Outbox(), "-", "+").Result()
	var types []string
	for _, m := range msgs {
		var ev struct{ SpecVersion, ID, Type string }
		json.Unmarshal([]byte(m.Values["event"].(string)), &ev)
		if ev.SpecVersion != "1.0" || len(ev.ID) != 26 {
			t.Errorf("bad event %v", m.Values["event"])
		}
		types = append(types, ev.Type)
	}
	if fmt.Sprint(types) != "[sibu.invite.created sibu.member.joined]" {
		t.Fatalf("event types = %v", types)
	}
}

func TestResponseOncePerPersonAndAnonymity(t *testing.T) {
	s, rdb := newStore(t)
	ctx := context.Background()
	const who = 777001
	r := survey.ResponseSubmitted{SurveyID: "demo", Version: "v1", Respondent: who, Unit: "b1", Anonymous: true,
		Answers: map[string]any{"overall": "满意_unique"}, Satisfied: true, SatisfiedAnswered: true,
		Tallies: []string{"#overall", "overall\x1f满意_unique"}, At: now.Add(3*time.Hour + 17*time.Minute)}
	// Not open yet: a response is refused.
	if _, err := s.Commit(ctx, storage.Commit{ChatID: who, NoSession: true, Now: r.At, Effects: []kit.Effect{r}}); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("response to a questionnaire that is not open: %v, want ErrConflict", err)
	}
	rdb.HSet(ctx, s.Keys().Survey("demo"), "status", string(survey.StatusOpen)) // as SurveyOpened does
	var wg sync.WaitGroup
	var okN, conflictN int
	var mu sync.Mutex
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.Commit(ctx, storage.Commit{ChatID: who, NoSession: true, Now: r.At, Effects: []kit.Effect{r}})
			mu.Lock()
			defer mu.Unlock()
			if err == nil {
				okN++
			} else if errors.Is(err, storage.ErrConflict) {
				conflictN++
			}
		}()
	}
	wg.Wait()
	if okN != 1 || conflictN != 7 {
		t.Fatalf("ok=%d conflict=%d; want exactly one response", okN, conflictN)
	}
	// Nothing is counted, stored or sent until a release.
	st, _ := s.SurveyStats(ctx, "demo", true)
	if st.Submitted != 0 || st.Pending != 1 || st.Satisfied != 0 || len(st.Tallies) != 0 {
		t.Fatalf("stats before the release = %+v", st)
	}
	if n, _ := rdb.XLen(ctx, s.Keys().Outbox()).Result(); n != 0 {
		t.Fatalf("anonymous event went straight to the outbox")
	}
	if r, err := s.ReleaseAnonymous(ctx, "demo", 1); err != nil || r.Released != 1 {
		t.Fatalf("release = %+v, %v", r, err)
	}
	st, _ = s.SurveyStats(ctx, "demo", true)
	if st.Submitted != 1 || st.Pending != 0 || st.Satisfied != 1 || st.SatisfiedAnswered != 1 || st.Tallies["overall\x1f满意_unique"] != 1 {
		t.Fatalf("stats = %+v", st)
	}
	assertNoLink(t, rdb, s.Keys().Prefix(), "满意_unique", fmt.Sprint(who))
	ev, _ := rdb.XRange(ctx, s.Keys().Outbox(), "-", "+").Result()
	var e struct {
		Time string
		Data map[string]any
	}
	json.Unmarshal([]byte(ev[0].Values["event"].(string)), &e)
	if e.Time != "2026-11-25T00:00:00Z" || e.Data["respondent"] != nil {
		t.Fatalf("released event: time %s, data %v", e.Time, e.Data)
	}
}

// assertNoLink dumps every key under prefix and fails if any key name or
// value holding the answer also names the person, or carries a time finer
// than the day.
func assertNoLink(t *testing.T, rdb redis.UniversalClient, prefix, answer, person string) {
	t.Helper()
	ctx := context.Background()
	keys, _ := rdb.Keys(ctx, prefix+"*").Result()
	timeRe := regexp.MustCompile(`T\d\d:\d\d:\d\d`)
	for _, k := range keys {
		var values []string
		switch typ, _ := rdb.Type(ctx, k).Result(); typ {
		case "string":
			v, _ := rdb.Get(ctx, k).Result()
			values = append(values, v)
		case "hash":
			m, _ := rdb.HGetAll(ctx, k).Result()
			for f, v := range m {
				values = append(values, f+" "+v)
			}
		case "set":
			values, _ = rdb.SMembers(ctx, k).Result()
		case "list":
			values, _ = rdb.LRange(ctx, k, 0, -1).Result()
		case "stream":
			msgs, _ := rdb.XRange(ctx, k, "-", "+").Result()
			for _, m := range msgs {
				values = append(values, fmt.Sprint(m.ID, m.Values))
			}
		}
		for _, v := range values {
			if !strings.Contains(v, answer) && !strings.Contains(k, answer) {
				continue
			}
			if strings.Contains(v, person) || strings.Contains(k, person) {
				t.Errorf("key %s links the answer to the person: %s", k, v)
			}
			if timeRe.MatchString(strings.ReplaceAll(v, "T00:00:00", "")) {
				t.Errorf("key %s keeps a time finer than the day next to the answer: %s", k, v)
			}
		}
	}
}

func contains(s, sub string) bool {
	return len(sub) > 0 && len(s) >= len(sub) && (s == sub || indexOf(s, sub) >= 0)
}
func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func TestEmbeddedRedisRunsTheSameScripts(t *testing.T) {
	rdb, closer, err := storage.Connect(context.Background(), "", slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer closer()
	s := storage.New(rdb, "emb", storage.Options{Root: "root", Now: func() time.Time { return now }})
	ctx := context.Background()
	if _, err := s.Record(ctx, storage.Update{ID: 5, ChatID: 1, Raw: []byte(`{}`)}); err != nil {
		t.Fatal(err)
	}
	head, _, _ := s.Head(ctx, 1)
	inv := kit.Invite{Code: "x", Unit: "root", Role: kit.RoleMember, ExpiresAt: now.Add(time.Hour)}
	if _, err := s.Commit(ctx, storage.Commit{ChatID: 1, Head: head, Now: now, Effects: []kit.Effect{join.InviteCreated{Invite: inv}}}); err != nil {
		t.Fatalf("commit on embedded redis: %v", err)
	}
	if _, ok, _ := s.Head(ctx, 1); ok {
		t.Fatal("update not acknowledged")
	}
}

func TestCommitStepTrimsSentRepliesAndReturnsNext(t *testing.T) {
	s, rdb := newStore(t)
	ctx := context.Background()
	s.Record(ctx, storage.Update{ID: 11, ChatID: 5, Raw: []byte(`{"update_id":11}`)},
		storage.Update{ID: 12, ChatID: 5, Raw: []byte(`{"update_id":12}`)})
	ld, err := s.Load(ctx, 5)
	if err != nil || !ld.HasHead || string(ld.Head) != `{"update_id":11}` || ld.Pending != 0 {
		t.Fatalf("load = %+v, %v", ld, err)
	}
	reply := []kit.Output{{Kind: kit.OutSend, ChatID: 5, Text: "a"}, {Kind: kit.OutSend, ChatID: 5, Text: "b"}}
	c, err := s.CommitStep(ctx, storage.Commit{ChatID: 5, Session: ld.Session, Head: ld.Head, Outputs: reply, Now: now})
	if err != nil || !c.HasNext || string(c.Next) != `{"update_id":12}` {
		t.Fatalf("commit 1 = %+v, %v", c, err)
	}
	// The two replies were sent; the next commit removes them and adds its own.
	sess := ld.Session
	sess.Version = c.Version
	c, err = s.CommitStep(ctx, storage.Commit{ChatID: 5, Session: sess, Head: c.Next, Trim: 2,
		Outputs: []kit.Output{{Kind: kit.OutSend, ChatID: 5, Text: "c"}}, Now: now})
	if err != nil || c.HasNext {
		t.Fatalf("commit 2 = %+v, %v", c, err)
	}
	if got, _ := s.Replies(ctx, 5); len(got) != 1 || got[0].Text != "c" {
		t.Fatalf("replies after trim = %v", got)
	}
	l, _ := s.Claim(ctx, time.Minute)
	if more, _ := s.Release(ctx, l, 1); more {
		t.Fatal("release kept the chat although everything was applied and sent")
	}
	if n, _ := rdb.LLen(ctx, s.Keys().Replies(5)).Result(); n != 0 {
		t.Fatalf("release left %d replies", n)
	}
}

func TestBadSessionIsReported(t *testing.T) {
	s, rdb := newStore(t)
	ctx := context.Background()
	rdb.HSet(ctx, s.Keys().Session(9), "v", "3", "d", `{"q":"not a number"}`)
	if _, err := s.Load(ctx, 9); !errors.Is(err, storage.ErrBadSession) {
		t.Fatalf("Load = %v, want ErrBadSession", err)
	}
	if err := s.ResetSession(ctx, 9); err != nil {
		t.Fatal(err)
	}
	if ld, err := s.Load(ctx, 9); err != nil || ld.Session.Version != 0 {
		t.Fatalf("after reset: %+v, %v", ld.Session, err)
	}
}

// TestLeadsIndex: supervisors and officials who join are indexed per unit;
// Leads and a JobDirectory find them (and walk nobody else's hash), and a
// unit without an index is read in full.
func TestLeadsIndex(t *testing.T) {
	s, rdb := newStore(t)
	ctx := context.Background()
	join := func(id int64, unit string, role kit.Role) {
		t.Helper()
		if _, err := s.Commit(ctx, storage.Commit{ChatID: id, NoSession: true, Now: now,
			Effects: []kit.Effect{join.MemberJoined{Person: kit.Person{ID: id, Name: fmt.Sprint("p", id), Unit: unit, Role: role, JoinedAt: now}}}}); err != nil {
			t.Fatal(err)
		}
	}
	join(1, "b1", kit.RoleMember)
	join(2, "b1", kit.RoleSupervisor)
	join(3, "root", kit.RoleOfficial)
	join(4, "b1", kit.RoleMonitor)
	if ids, _ := rdb.SMembers(ctx, s.Keys().UnitLeads("b1")).Result(); fmt.Sprint(ids) != "[2]" {
		t.Fatalf("b1 leads index = %v", ids)
	}
	// b11 has no index: its (legacy) supervisor is found by reading it in full.
	rdb.HSet(ctx, s.Keys().Member(5), "name", "p5", "unit", "b11", "role", string(kit.RoleSupervisor))
	rdb.SAdd(ctx, s.Keys().UnitMembers("b11"), 5)
	ids := func(ps []kit.Person) string {
		var out []string
		for _, p := range ps {
			out = append(out, fmt.Sprint(p.ID))
		}
		return strings.Join(out, ",")
	}
	for name, dir := range map[string]func() kit.Directory{
		"Directory":    func() kit.Directory { return s.Directory(ctx) },
		"JobDirectory": func() kit.Directory { d, _ := s.JobDirectory(ctx, []string{"b11", "b1"}); return d },
	} {
		d := dir()
		for unit, want := range map[string]string{"b1": "2", "root": "3", "b11": "5"} {
			got, err := d.Leads(unit)
			if err != nil || ids(got) != want {
				t.Errorf("%s.Leads(%s) = %s, %v; want %s", name, unit, ids(got), err, want)
			}
		}
	}
}

// TestIndexLeadsBackfills: supervisors stored before the leads index
// existed are indexed once, so a lead who joins later does not hide them.
func TestIndexLeadsBackfills(t *testing.T) {
	s, rdb := newStore(t)
	ctx := context.Background()
	// As an earlier release stored them: member hash + unit set, no index.
	for id, role := range map[int64]kit.Role{5: kit.RoleSupervisor, 6: kit.RoleMember, 7: kit.RoleOfficial} {
		rdb.HSet(ctx, s.Keys().Member(id), "name", fmt.Sprint("p", id), "unit", "b1", "role", string(role))
		rdb.SAdd(ctx, s.Keys().UnitMembers("b1"), id)
		rdb.SAdd(ctx, s.Keys().Members(), id)
	}
	if n, err := s.IndexLeads(ctx); err != nil || n != 2 {
		t.Fatalf("IndexLeads = %d, %v; want 2", n, err)
	}
	if n, err := s.IndexLeads(ctx); err != nil || n != 0 {
		t.Fatalf("second IndexLeads = %d, %v; want 0 (done once)", n, err)
	}
	if _, err := s.Commit(ctx, storage.Commit{ChatID: 8, NoSession: true, Now: now,
		Effects: []kit.Effect{join.MemberJoined{Person: kit.Person{ID: 8, Name: "p8", Unit: "b1", Role: kit.RoleSupervisor, JoinedAt: now}}}}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Directory(ctx).Leads("b1")
	var ids []int64
	for _, p := range got {
		ids = append(ids, p.ID)
	}
	slices.Sort(ids)
	if err != nil || fmt.Sprint(ids) != "[5 7 8]" {
		t.Fatalf("Leads(b1) = %v, %v; want [5 7 8]", ids, err)
	}
}

// TestConsumerTakesOverAndAcks: entries a dead consumer left pending are
// taken over, every entry is delivered once and, once acknowledged, gone
// from the stream; the group survives being lost.
func TestConsumerTakesOverAndAcks(t *testing.T) {
	s, rdb := newStore(t)
	ctx := context.Background()
	stream := s.Keys().Push()
	add := func(from, n int) {
		for i := from; i < from+n; i++ {
			rdb.XAdd(ctx, &redis.XAddArgs{Stream: stream, Values: []any{"msg", fmt.Sprint(i)}})
		}
	}
	add(0, 10)
	rdb.XGroupCreate(ctx, stream, "sender", "0")
	rdb.XReadGroup(ctx, &redis.XReadGroupArgs{Group: "sender", Consumer: "ghost", Streams: []string{stream, ">"}, Count: 4, Block: -1})

	c := storage.NewConsumer(rdb, storage.ConsumerOptions{Stream: stream, Field: "msg", Group: "sender", Name: "live",
		Parallel: 3, MinIdle: 100 * time.Millisecond, Block: 50 * time.Millisecond})
	var mu sync.Mutex
	got := map[string]int{}
	run, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		c.Run(run, func(ctx context.Context, e storage.Entry) {
			mu.Lock()
			got[string(e.Body)]++
			mu.Unlock()
			if err := c.Ack(ctx, e.ID, nil); err != nil {
				t.Errorf("ack %s: %v", e.ID, err)
			}
		})
	}()
	wait := func(n int) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
			mu.Lock()
			have := len(got)
			mu.Unlock()
			if have == n && rdb.XLen(ctx, stream).Val() == 0 {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("delivered %d of %d, stream holds %d", have, n, rdb.XLen(ctx, stream).Val())
			}
		}
	}
	wait(10)
	rdb.Del(ctx, stream) // Redis lost the stream and its group
	add(10, 5)
	wait(15)
	stop()
	<-done
	for body, n := range got {
		if n != 1 {
			t.Errorf("entry %s delivered %d times", body, n)
		}
	}
	if n, err := c.Pending(ctx); err != nil || n != 0 {
		t.Errorf("Pending = %d, %v; want 0", n, err)
	}
}
