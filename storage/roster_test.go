package storage_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/flows"
	"sibu/flows/join"
	"sibu/flows/kit"
	"sibu/internal/redistest"
	"sibu/storage"
)

// counting counts the commands a client sends (pipelined ones each).
type counting struct{ n atomic.Int64 }

func (c *counting) DialHook(next redis.DialHook) redis.DialHook { return next }

func (c *counting) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error { c.n.Add(1); return next(ctx, cmd) }
}

func (c *counting) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error { c.n.Add(int64(len(cmds))); return next(ctx, cmds) }
}

// rosterUnits is a county of units branches under one root.
func rosterUnits(branches int) []kit.Unit {
	units := []kit.Unit{{ID: "root", Name: "区委"}}
	for i := range branches {
		units = append(units, kit.Unit{ID: fmt.Sprintf("b%d", i), Name: fmt.Sprintf("第%d支部", i+1), Parent: "root"})
	}
	return units
}

// rosterRows are n people spread over the branches, with names people
// have and mobile numbers 138xxxxxxxx.
func rosterRows(n, branches int) []join.RosterRow {
	family, given := []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"), []rune("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰")
	rows := make([]join.RosterRow, n)
	for i := range rows {
		name := string(family[i%len(family)]) + string(given[(i/len(family))%len(given)]) + string(given[(i/7)%len(given)])
		rows[i] = join.RosterRow{Line: i + 2, Name: name, Unit: fmt.Sprintf("第%d支部", i%branches+1), Role: "成员",
			Phone: fmt.Sprintf("138%08d", i)}
	}
	return rows
}

// rosterWorld is a store with a county's units, an engine over them, and
// an admin (1) who imports.
type rosterWorld struct {
	s     *storage.Store
	eng   *flows.Engine
	env   kit.Env
	count *counting
	codes int
}

func newRosterWorld(t testing.TB, branches int) *rosterWorld {
	rdb, prefix := redistest.Client(t)
	count := &counting{}
	rdb.AddHook(count)
	w := &rosterWorld{count: count}
	units := rosterUnits(branches)
	w.s = storage.New(rdb, prefix, storage.Options{Units: units, Root: "root", Now: func() time.Time { return now }})
	w.env = kit.Env{BotUsername: "sibu_bot", Units: units, Root: "root", Admins: map[int64]bool{1: true},
		NewCode: func() string { w.codes++; return fmt.Sprint("c", w.codes) }, Location: time.UTC}
	w.eng = flows.NewEngine(flows.Env{Env: w.env})
	return w
}

// importRows checks rows for the admin and imports them as the command
// line does.
func (w *rosterWorld) importRows(t testing.TB, rows []join.RosterRow) join.Import {
	t.Helper()
	ctx := context.Background()
	admin := kit.Person{ID: 1, Name: "管理员", Unit: "root", Role: kit.RoleOfficial}
	im, err := join.Check(&w.env, admin, "zh", rows, w.s.Roster(ctx), w.env.NewCode)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.s.ImportRoster(ctx, im, join.RosterImported{ID: w.env.NewCode(), File: "名单.xlsx", Scope: "root", At: now}); err != nil {
		t.Fatal(err)
	}
	return im
}

// step runs one input of chat (a private chat of user) through the engine
// on the store's directory and commits it.
func (w *rosterWorld) step(t testing.TB, in kit.Input) flows.Result {
	t.Helper()
	ctx := context.Background()
	in.ChatID, in.Private = in.UserID, true
	sess, err := w.s.LoadSession(ctx, in.ChatID)
	if err != nil {
		t.Fatal(err)
	}
	res, err := w.eng.Step(sess, in, now, w.s.Directory(ctx))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Commit(ctx, storage.Commit{ChatID: in.ChatID, Session: res.Session, Effects: res.Effects, Outputs: res.Outputs, Now: now}); err != nil {
		t.Fatalf("commit %+v: %v", in, err)
	}
	return res
}

// link makes the join link of unit (as the admin) and returns its code.
func (w *rosterWorld) link(t testing.TB, unit string) string {
	t.Helper()
	res := w.step(t, kit.Input{Kind: kit.InputCommand, UserID: 1, Command: "invite", Args: unit + " 链接"})
	for _, ef := range res.Effects {
		if l, ok := ef.(join.LinkCreated); ok {
			return l.Link.Code
		}
	}
	t.Fatalf("no link: %+v", res.Outputs)
	return ""
}

// joinByNumber plays a stranger opening the link, sharing their own
// number and confirming the roster's name; it returns the commands the
// contact and the confirmation sent to Redis.
func (w *rosterWorld) joinByNumber(t testing.TB, user int64, code, phone string) int64 {
	t.Helper()
	w.step(t, kit.Input{Kind: kit.InputCommand, UserID: user, Command: "start", Args: code})
	before := w.count.n.Load()
	res := w.step(t, kit.Input{Kind: kit.InputContact, UserID: user, ContactUserID: user, ContactPhone: phone})
	var data string
	for _, o := range res.Outputs {
		for _, row := range o.Buttons {
			if len(row) > 0 && strings.HasSuffix(row[0].Data, ":y") {
				data = row[0].Data
			}
		}
	}
	if data == "" {
		t.Fatalf("%s: not matched: %+v", phone, res.Outputs)
	}
	res = w.step(t, kit.Input{Kind: kit.InputCallback, UserID: user, Data: data, CallbackID: "cb", MessageID: 2})
	if len(res.Effects) != 2 {
		t.Fatalf("%s: confirm committed %+v", phone, res.Effects)
	}
	return w.count.n.Load() - before
}

// counts sums the roster figures of every unit.
func (w *rosterWorld) counts(t testing.TB) join.RosterCount {
	t.Helper()
	var ids []string
	for _, u := range w.env.Units {
		ids = append(ids, u.ID)
	}
	all, err := w.s.Roster(context.Background()).RosterCounts(ids)
	if err != nil {
		t.Fatal(err)
	}
	var sum join.RosterCount
	for _, c := range all {
		sum.Expected, sum.Waiting = sum.Expected+c.Expected, sum.Waiting+c.Waiting
	}
	return sum
}

func TestRosterImportJoinAndReimport(t *testing.T) {
	w := newRosterWorld(t, 3)
	ctx := context.Background()
	rows := rosterRows(6, 3)
	if im := w.importRows(t, rows); im.Added != 6 {
		t.Fatalf("import: %+v", im)
	}
	if c := w.counts(t); c.Expected != 6 || c.Waiting != 6 {
		t.Fatalf("after import: %+v", c)
	}
	code := w.link(t, "b0")
	w.joinByNumber(t, 501, code, "+86"+rows[0].Phone)
	p, ok, _ := w.s.Person(ctx, 501)
	if !ok || p.Name != rows[0].Name || p.Unit != "b0" || p.Role != kit.RoleMember {
		t.Fatalf("joined as %+v", p)
	}
	if c := w.counts(t); c.Expected != 6 || c.Waiting != 5 {
		t.Fatalf("after a join: %+v", c)
	}
	if n, _ := w.s.Roster(ctx).(kit.NotJoinedCounter).CountNotJoined([]string{"b0"}, nil); n != 1 {
		t.Errorf("not joined in b0: %d, want 1", n)
	}
	// The same file again changes nothing; a changed row moves its person.
	if im := w.importRows(t, rows); im.Unchanged != 6 || len(im.Changes) != 0 {
		t.Fatalf("re-import: %+v", im)
	}
	rows[1].Unit = "第1支部" // from b1 to b0
	rows[0].Name = "王伟强"  // joined already: the roster says so, the member stays
	if im := w.importRows(t, rows); im.Updated != 2 {
		t.Fatalf("changed rows: %+v", im)
	}
	all, _ := w.s.Roster(ctx).RosterCounts([]string{"b0", "b1"})
	if all["b0"].Expected != 3 || all["b0"].Waiting != 2 || all["b1"].Expected != 1 || all["b0"].ByRole[kit.RoleMember] != 2 {
		t.Errorf("after the move: %+v", all)
	}
	// A claim raced by another join of the same entry conflicts.
	cur, _ := w.s.Roster(ctx).Expected([]string{"+86" + rows[0].Phone})
	e := cur["+86"+rows[0].Phone]
	_, err := w.s.Commit(ctx, storage.Commit{NoSession: true, Now: now,
		Effects: []kit.Effect{join.RosterJoined{Phone: e.Phone, Entry: e.Expected, Raw: e.Raw, User: 502}}})
	if !errors.Is(err, storage.ErrConflict) {
		t.Errorf("a second claim of the entry: %v, want ErrConflict", err)
	}
}

// TestRosterImport50k imports a 50,000-row roster (a county) and joins
// people by number: the commands a join sends do not grow with the
// roster (two HMGETs find the number; the commit touches a fixed set of
// keys). Timing is BenchmarkRosterImport50k's, never this test's.
func TestRosterImport50k(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 50,000 rows")
	}
	small, big := newRosterWorld(t, 200), newRosterWorld(t, 200)
	small.importRows(t, rosterRows(200, 200))
	rows := rosterRows(50000, 200)
	if im := big.importRows(t, rows); im.Added != 50000 || len(im.Rejected) != 0 {
		t.Fatalf("import: added %d, rejected %d (%+v)", im.Added, len(im.Rejected), im.Rejected[:min(3, len(im.Rejected))])
	}
	if c := big.counts(t); c.Expected != 50000 || c.Waiting != 50000 {
		t.Fatalf("figures: %+v", c)
	}
	codeSmall, codeBig := small.link(t, "b7"), big.link(t, "b7")
	perSmall := small.joinByNumber(t, 601, codeSmall, "+86"+rows[7].Phone)
	perBig := big.joinByNumber(t, 601, codeBig, "+86"+rows[49807].Phone)
	if perBig != perSmall {
		t.Errorf("a join sent %d commands with 50,000 on the roster, %d with 200", perBig, perSmall)
	}
	if im := big.importRows(t, rows); im.Unchanged != 50000 || len(im.Changes) != 0 {
		t.Fatalf("re-import changed %d", len(im.Changes))
	}
}

// BenchmarkRosterImport50k is the figure of the README: checking and
// importing a 50,000-row roster into an empty store (real redis-server).
func BenchmarkRosterImport50k(b *testing.B) {
	rows := rosterRows(50000, 200)
	for b.Loop() {
		w := newRosterWorld(b, 200)
		w.importRows(b, rows)
	}
}

// BenchmarkRosterJoin joins people by number from a 50,000-row roster:
// /start with the unit link, the shared contact and the ✅ 确认, each a
// flow step committed on the store.
func BenchmarkRosterJoin(b *testing.B) {
	rows := rosterRows(50000, 200)
	w := newRosterWorld(b, 200)
	w.importRows(b, rows)
	code := w.link(b, "b0")
	i := 0
	for b.Loop() {
		w.joinByNumber(b, int64(10000+i), code, "+86"+rows[i%len(rows)].Phone)
		i++
	}
}

// TestRosterDigestCountsUntilZero: a secretary's daily digest mentions
// their branch's people not joined yet until there are none
// (join.Feature.Digest, which the daily digest calls).
func TestRosterDigestCountsUntilZero(t *testing.T) {
	w := newRosterWorld(t, 1)
	ctx := context.Background()
	rows := rosterRows(2, 1)
	w.importRows(t, rows)
	sec := kit.Person{ID: 700, Name: "周书记", Unit: "b0", Role: kit.RoleSupervisor, JoinedAt: now}
	if _, err := w.s.Commit(ctx, storage.Commit{NoSession: true, Now: now, Effects: []kit.Effect{join.MemberJoined{Person: sec}}}); err != nil {
		t.Fatal(err)
	}
	f := &join.Feature{Env: &w.env}
	digest := func() []kit.Task {
		st := &kit.Step{Env: &w.env, Dir: w.s.Directory(ctx), Lang: "zh", Me: sec, Known: true, Now: now, Session: &flows.Session{}}
		tasks, err := f.Digest(st)
		if err != nil {
			t.Fatal(err)
		}
		return tasks
	}
	if tasks := digest(); len(tasks) != 1 || !strings.Contains(tasks[0].Text, "还有 2 人未加入") || len(tasks[0].Buttons) != 1 {
		t.Fatalf("digest: %+v", tasks)
	}
	code := w.link(t, "b0")
	w.joinByNumber(t, 801, code, "+86"+rows[0].Phone)
	if tasks := digest(); len(tasks) != 1 || !strings.Contains(tasks[0].Text, "还有 1 人未加入") {
		t.Fatalf("digest after a join: %+v", tasks)
	}
	w.joinByNumber(t, 802, code, "+86"+rows[1].Phone)
	if tasks := digest(); len(tasks) != 0 {
		t.Fatalf("digest once everyone joined: %+v", tasks)
	}
}

// TestJoinRequestOnTheStore: a number not on the roster becomes a join
// request; the secretary's approval makes a member, and a second decision
// of the same request conflicts (its status is the commit's condition).
func TestJoinRequestOnTheStore(t *testing.T) {
	w := newRosterWorld(t, 1)
	ctx := context.Background()
	w.importRows(t, rosterRows(1, 1))
	sec := kit.Person{ID: 700, Name: "周书记", Unit: "b0", Role: kit.RoleSupervisor, JoinedAt: now}
	if _, err := w.s.Commit(ctx, storage.Commit{NoSession: true, Now: now, Effects: []kit.Effect{join.MemberJoined{Person: sec}}}); err != nil {
		t.Fatal(err)
	}
	code := w.link(t, "b0")
	w.step(t, kit.Input{Kind: kit.InputCommand, UserID: 901, Command: "start", Args: code})
	w.step(t, kit.Input{Kind: kit.InputContact, UserID: 901, ContactUserID: 901, ContactPhone: "+8613912345678"})
	w.step(t, kit.Input{Kind: kit.InputText, UserID: 901, Text: "王小明"})
	sess, _ := w.s.LoadSession(ctx, 901)
	res := w.step(t, kit.Input{Kind: kit.InputCallback, UserID: 901, Data: fmt.Sprintf("%d:y", sess.Seq), CallbackID: "cb", MessageID: 4})
	var req join.Request
	for _, ef := range res.Effects {
		if e, ok := ef.(join.RequestCreated); ok {
			req = e.Request
		}
	}
	if req.ID == "" || req.Tail != "5678" {
		t.Fatalf("no request: %+v", res.Effects)
	}
	if got, ok, _ := w.s.Roster(ctx).RequestOf(901); !ok || got.ID != req.ID {
		t.Fatalf("RequestOf = %+v, %v", got, ok)
	}
	w.step(t, kit.Input{Kind: kit.InputCallback, UserID: 700, Data: "jq:" + req.ID + ":ok", CallbackID: "cb2", MessageID: 1})
	if p, ok, _ := w.s.Person(ctx, 901); !ok || p.Name != "王小明" || p.Unit != "b0" {
		t.Fatalf("approved: %+v, %v", p, ok)
	}
	if pending, _ := w.s.Roster(ctx).Pending("b0"); len(pending) != 0 {
		t.Errorf("still waiting: %+v", pending)
	}
	_, err := w.s.Commit(ctx, storage.Commit{NoSession: true, Now: now, Effects: []kit.Effect{join.RequestDecided{Request: req, By: 700, At: now}}})
	if !errors.Is(err, storage.ErrConflict) {
		t.Errorf("a second decision: %v, want ErrConflict", err)
	}
}
