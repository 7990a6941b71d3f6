package storage_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"sibu/flows"
	"sibu/flows/join"
	"sibu/flows/kit"
	"sibu/internal/redistest"
	"sibu/storage"
)

// TestLeasesUseOneClock (issue 12, finding 5): chat leases and ready times
// are Redis's, whatever the replica's own clock says. A replica 20 s ahead
// does not take a chat another still serves, nor renews a lease into the
// future; an update it records is claimable at once by a replica on time.
func TestLeasesUseOneClock(t *testing.T) {
	rdb, prefix := redistest.Client(t)
	units := []kit.Unit{{ID: "root", Name: "区委"}}
	onTime := storage.New(rdb, prefix, storage.Options{Units: units, Root: "root"})
	ahead := storage.New(rdb, prefix, storage.Options{Units: units, Root: "root",
		Now: func() time.Time { return time.Now().Add(20 * time.Second) }})
	ctx := context.Background()

	onTime.Record(ctx, storage.Update{ID: 1, ChatID: 8, Raw: []byte(`{"update_id":1}`)})
	l, err := onTime.Claim(ctx, 15*time.Second)
	if err != nil || l.Chat != 8 {
		t.Fatalf("claim = %+v, %v", l, err)
	}
	if stolen, err := ahead.Claim(ctx, 15*time.Second); !errors.Is(err, storage.ErrNoWork) {
		t.Fatalf("a replica 20 s ahead took the chat still leased for 15 s: %+v, %v", stolen, err)
	}

	// A replica ahead records an update: a replica on time claims it now.
	ahead.Record(ctx, storage.Update{ID: 2, ChatID: 9, Raw: []byte(`{"update_id":2}`)})
	if got, err := onTime.Claim(ctx, 15*time.Second); err != nil || got.Chat != 9 {
		t.Fatalf("an update recorded by a replica ahead is not claimable now: %+v, %v", got, err)
	}

	// A lease renewed by a replica ahead runs for its duration from now,
	// not 20 s more.
	if err := ahead.Renew(ctx, l, time.Second); err != nil {
		t.Fatal(err)
	}
	score, _ := rdb.ZScore(ctx, onTime.Keys().InboxReady(), "8").Result()
	if until := time.UnixMilli(int64(score)); until.After(time.Now().Add(5 * time.Second)) {
		t.Fatalf("renewed for 1 s by a replica 20 s ahead: the lease runs until %v from now", time.Until(until).Round(time.Second))
	}
}

// TestLostLeaseTouchesNothing: a worker whose lease ran out and was taken
// over can no longer renew, trim, commit or release the chat.
func TestLostLeaseTouchesNothing(t *testing.T) {
	s, rdb := newStore(t)
	ctx := context.Background()
	s.Record(ctx, storage.Update{ID: 21, ChatID: 8, Raw: []byte(`{"update_id":21}`)})
	old, err := s.Claim(ctx, time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(5 * time.Millisecond) // the old lease has run out (by Redis's clock)
	cur, err := s.Claim(ctx, time.Minute)
	if err != nil || cur.Chat != 8 || cur.Token == old.Token {
		t.Fatalf("takeover claim = %+v, %v", cur, err)
	}
	rdb.RPush(ctx, s.Keys().Replies(8), "r1", "r2")
	if err := s.Renew(ctx, old, time.Minute); !errors.Is(err, storage.ErrLeaseLost) {
		t.Errorf("old Renew = %v", err)
	}
	if err := s.SentAs(ctx, old, 2); !errors.Is(err, storage.ErrLeaseLost) {
		t.Errorf("old SentAs = %v", err)
	}
	ld, _ := s.Load(ctx, 8)
	if _, err := s.CommitStep(ctx, storage.Commit{ChatID: 8, Session: ld.Session, Head: ld.Head, Trim: 2, Lease: &old, Now: now}); !errors.Is(err, storage.ErrLeaseLost) {
		t.Errorf("old commit = %v", err)
	}
	if _, err := s.Release(ctx, old, 2); !errors.Is(err, storage.ErrLeaseLost) {
		t.Errorf("old Release = %v", err)
	}
	if n, _ := rdb.LLen(ctx, s.Keys().Replies(8)).Result(); n != 2 {
		t.Fatalf("the old holder trimmed the new holder's replies: %d left", n)
	}
	if _, err := s.CommitStep(ctx, storage.Commit{ChatID: 8, Session: ld.Session, Head: ld.Head, Trim: 2, Lease: &cur, Now: now}); err != nil {
		t.Fatalf("current holder's commit: %v", err)
	}
	if more, err := s.Release(ctx, cur, 0); err != nil || more {
		t.Fatalf("current holder's release = %v, %v", more, err)
	}
}

// TestClaimNextLoadsAndHandsOff: ClaimNext reads exactly what Load reads,
// gives back the previous lease (with its trim) in the same round trip, and
// does nothing to a handoff whose lease was taken over.
func TestClaimNextLoadsAndHandsOff(t *testing.T) {
	s, rdb := newStore(t)
	ctx := context.Background()
	join := join.MemberJoined{Person: kit.Person{ID: 42, Name: "张三", Unit: "b1", Role: kit.RoleMember, JoinedAt: now}}
	sess := flows.Session{Core: kit.Core{Seq: 3}}
	if _, err := s.Commit(ctx, storage.Commit{ChatID: 42, Session: sess, Now: now, Effects: []kit.Effect{join},
		Outputs: []kit.Output{{Kind: kit.OutSend, ChatID: 42, Text: "r1"}, {Kind: kit.OutSend, ChatID: 42, Text: "r2"}}}); err != nil {
		t.Fatal(err)
	}
	s.Record(ctx, storage.Update{ID: 31, ChatID: 42, Raw: []byte(`{"update_id":31}`)},
		storage.Update{ID: 32, ChatID: 7, Raw: []byte(`{"update_id":32}`)})
	want, err := s.Load(ctx, 42)
	if err != nil || !want.IsMember || want.Pending != 2 || !want.HasHead {
		t.Fatalf("Load = %+v, %v", want, err)
	}

	first, err := s.ClaimNext(ctx, time.Minute, nil)
	if err != nil || first.Handed != storage.HandoffNone || first.Lease.Chat != 42 {
		t.Fatalf("first claim = %+v, %v", first, err)
	}
	got, _ := json.Marshal(first.Loaded)
	exp, _ := json.Marshal(want)
	if string(got) != string(exp) {
		t.Fatalf("ClaimNext loaded\n%s\nLoad read\n%s", got, exp)
	}

	// Serve chat 42: apply its update, send both replies, hand it off.
	if _, err := s.CommitStep(ctx, storage.Commit{ChatID: 42, Session: first.Loaded.Session, Head: first.Loaded.Head,
		Lease: &first.Lease, Now: now}); err != nil {
		t.Fatal(err)
	}
	second, err := s.ClaimNext(ctx, time.Minute, &storage.Handoff{Lease: first.Lease, Trim: 2})
	if err != nil || second.Handed != storage.HandoffReleased || second.More || second.Lease.Chat != 7 || second.Loaded.IsMember {
		t.Fatalf("second claim = %+v, %v", second, err)
	}
	if n, _ := rdb.LLen(ctx, s.Keys().Replies(42)).Result(); n != 0 {
		t.Fatalf("handoff left %d replies", n)
	}
	if ok, _ := rdb.HExists(ctx, s.Keys().InboxOwner(), "42").Result(); ok {
		t.Fatal("handoff left chat 42 owned")
	}
	// Handing off the old lease again (a retried call): nothing happens.
	rdb.RPush(ctx, s.Keys().Replies(7), "x")
	third, err := s.ClaimNext(ctx, time.Minute, &storage.Handoff{Lease: first.Lease, Trim: 1})
	if !errors.Is(err, storage.ErrNoWork) || third.Handed != storage.HandoffLost {
		t.Fatalf("stale handoff = %+v, %v", third, err)
	}
	// A chat still with work is handed back claimable at once.
	fourth, err := s.ClaimNext(ctx, time.Minute, &storage.Handoff{Lease: second.Lease})
	if err != nil || fourth.Handed != storage.HandoffReleased || !fourth.More || fourth.Lease.Chat != 7 || fourth.Loaded.Pending != 1 {
		t.Fatalf("fourth claim = %+v, %v", fourth, err)
	}
}
