package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/flows"
	"sibu/flows/commitment"
	"sibu/flows/join"
	"sibu/flows/kit"
	"sibu/flows/talk"
	"sibu/scheduler"
	"sibu/storage"
)

// The attention scenario's branch: its unit in config.example.yaml, its
// people (one secretary, who is also the interviewer, and 29 members) and
// the official who opens the questionnaire and the talk round.
const (
	attentionUnit     = "dc-b1"
	attentionPeople   = 30
	attentionOfficial = attentionUsers
	attentionDays     = 91
)

// attention simulates one branch of 30 people over a quarter on a test
// clock (issue 19): the questionnaire demo opened to everyone on day 0, 20
// commitments (the first 12 due within the quarter and never done, so
// they go overdue and are nagged), a talk round opened on day 0 for a 面谈
// and phone slots in the quarter's last weeks. Every job runs at each of
// its activations in order (talk slots every 15 minutes); each push is
// decided as the bot's pusher decides it — held in quiet hours, then the
// person's budget (storage.Admit) — without Telegram. The simulated people
// act on the first message they get each day: they press its first button
// (a step through the engine, committed like any other).
func (e *env) attention(ctx context.Context) error {
	prefix := e.prefix("attention")
	defer e.dropPrefix(ctx, prefix)
	s, err := newAttentionSim(ctx, e, prefix)
	if err != nil {
		return err
	}
	if err := s.run(ctx, s.start.AddDate(0, 0, attentionDays)); err != nil {
		return err
	}
	s.answered = int(e.rdb.SCard(ctx, s.store.Keys().SurveySubmitted(surveyID)).Val())
	s.report(e)
	return nil
}

// attentionSim is the simulated branch and what it was sent.
type attentionSim struct {
	rdb     *redis.Client
	store   *storage.Store
	engine  *flows.Engine
	sched   *scheduler.Scheduler
	clock   *scheduler.ManualClock
	loc     *time.Location
	quiet   kit.QuietHours
	budget  int
	start   time.Time
	people  []kit.Person
	lastID  string
	pending []heldPush
	// what was delivered, per person and day
	perDay    map[int64]map[string]int
	sameText  map[string]int // person, day and text → times
	firstSeen map[int64]string
	reminders int // delivered messages with buttons
	acted     int // of them, pressed by their person
	pushes    int // delivered in all (digests included)
	digests   int
	withheld  map[storage.Verdict]int
	answered  int // people who submitted the questionnaire
}

// heldPush is a push read from the stream and not yet decided: held in
// quiet hours until at.
type heldPush struct {
	id string
	o  kit.Output
	at time.Time
}

// newAttentionSim seeds the branch and opens the questionnaire and the
// talk round as the official would.
func newAttentionSim(ctx context.Context, e *env, prefix string) (*attentionSim, error) {
	loc := e.cfg.Location
	start := time.Date(2026, 12, 1, 9, 0, 0, 0, loc)
	round := attentionRound(start, attentionOfficial+1)
	engine := flows.NewEngine(flows.Env{Env: kit.Env{BotUsername: botUsername, Units: e.cfg.Units, Root: e.cfg.Root,
		Location: loc, Quiet: e.cfg.Quiet}, Surveys: e.cfg.Surveys, Commitment: e.cfg.Commitment.Settings(),
		Talk: talk.Settings{Rounds: map[string]*talk.Round{round.ID: round}}})
	clock := scheduler.NewManualClock(start)
	store := storage.New(e.rdb, prefix, storage.Options{Units: e.cfg.Units, Root: e.cfg.Root, Now: clock.Now, Anonymity: e.key})
	s := &attentionSim{rdb: e.rdb, store: store, engine: engine, clock: clock, loc: loc, quiet: e.cfg.Quiet,
		budget: e.cfg.Attention.DailyPushes, start: start, perDay: map[int64]map[string]int{},
		sameText: map[string]int{}, firstSeen: map[int64]string{}, withheld: map[storage.Verdict]int{}}
	if err := s.seed(ctx); err != nil {
		return nil, err
	}
	s.sched = scheduler.New(e.rdb, store.Keys(), loc, clock, nil)
	if err := s.register(e); err != nil {
		return nil, err
	}
	s.sched.RunDue(ctx, start) // the baseline of every job
	for _, cmd := range [][2]string{{"survey", "open demo"}, {"talks", "open " + round.ID}} {
		if _, err := s.step(ctx, kit.Input{Kind: kit.InputCommand, ChatID: attentionOfficial, UserID: attentionOfficial,
			Private: true, Command: cmd[0], Args: cmd[1]}); err != nil {
			return nil, fmt.Errorf("/%s %s: %w", cmd[0], cmd[1], err)
		}
	}
	return s, s.drain(ctx, start)
}

// attentionRound is the branch's talk round: a 面谈 on day 70, phone slots
// on day 72, coverage due on day 85; the secretary interviews.
func attentionRound(start time.Time, secretary int64) *talk.Round {
	day := func(d, hour int) time.Time {
		t := start.AddDate(0, 0, d)
		return time.Date(t.Year(), t.Month(), t.Day(), hour, 0, 0, 0, start.Location())
	}
	var slots []time.Time
	for h := 9; h < 17; h++ {
		slots = append(slots, day(72, h), day(72, h).Add(30*time.Minute))
	}
	return &talk.Round{ID: "att", Title: "换届前谈心谈话", Units: []string{attentionUnit},
		Interviewers: map[string][]int64{attentionUnit: {secretary}},
		Sessions:     []talk.Session{{At: day(70, 9), Place: "党群服务中心"}}, Slots: slots,
		SlotLength: 20 * time.Minute, Deadline: day(85, 18)}
}

// seed joins the official, the secretary and the members, and stores 20
// approved commitments: 12 due within the quarter, 8 after it.
func (s *attentionSim) seed(ctx context.Context) error {
	s.people = append(s.people, kit.Person{ID: attentionOfficial, Name: "组织委员", Unit: "root", Role: kit.RoleOfficial},
		kit.Person{ID: attentionOfficial + 1, Name: "支部书记", Unit: attentionUnit, Role: kit.RoleSupervisor})
	for i := 2; i <= attentionPeople; i++ {
		s.people = append(s.people, kit.Person{ID: attentionOfficial + int64(i), Name: fmt.Sprintf("党员%02d", i),
			Unit: attentionUnit, Role: kit.RoleMember})
	}
	for _, p := range s.people {
		if err := s.commit(ctx, join.MemberJoined{Person: p}); err != nil {
			return err
		}
	}
	for i := range 20 {
		owner := s.people[2+i]
		due := s.start.AddDate(0, 0, 5+7*i).Format("2006-01-02")
		c := commitment.Item{ID: fmt.Sprintf("att%02d", i), Owner: owner.ID, OwnerName: owner.Name, Unit: attentionUnit,
			DeclaredBy: owner.ID, Period: "2026", Content: fmt.Sprintf("为群众办实事第 %d 项", i+1), Measures: "按月落实",
			Deadline: due, Status: commitment.StatusReview, Level: 1, Created: s.start, Updated: s.start}
		decl := commitment.Declared{Change: commitment.Change{Item: c}}
		c.Status, c.Level = commitment.StatusActive, 0
		if err := s.commit(ctx, decl, commitment.Approved{Change: commitment.Change{Item: c, Prev: 1, From: commitment.StatusReview}}); err != nil {
			return err
		}
	}
	return nil
}

// commit commits effects one by one without a chat, as a job would.
func (s *attentionSim) commit(ctx context.Context, effects ...kit.Effect) error {
	for _, ef := range effects {
		if _, err := s.store.Commit(ctx, storage.Commit{NoSession: true, Now: s.clock.Now(), Effects: []kit.Effect{ef}}); err != nil {
			return fmt.Errorf("seed %T: %w", ef, err)
		}
	}
	return nil
}

// register adds the jobs that remind and digest, as app does, with the
// talk slots and the hour-before reminders every 15 minutes (the
// playground's hand-driven clock uses 5).
func (s *attentionSim) register(e *env) error {
	deps := scheduler.Deps{Store: s.store, Engine: s.engine, Now: s.clock.Now, Log: e.log}
	if err := (&scheduler.SurveyJobs{Deps: deps}).Register(s.sched, true); err != nil {
		return err
	}
	if err := (&scheduler.CommitmentJobs{Deps: deps}).Register(s.sched); err != nil {
		return err
	}
	if err := (&scheduler.DigestJobs{Deps: deps, At: e.cfg.Attention.DigestAt}).Register(s.sched); err != nil {
		return err
	}
	tj := &scheduler.TalkJobs{Deps: deps}
	ij := &scheduler.TalkInviteeJobs{Deps: deps}
	for _, add := range []struct {
		name, spec string
		fn         scheduler.Job
	}{
		{"talk_slots", "*/15 * * * *", tj.Slots},
		{"talk_daily", "0 9 * * *", tj.Daily},
		{"talk_invitees", "0 10 * * *", ij.Invitees},
		{"talk_soon", "*/15 * * * *", ij.Soon},
	} {
		if err := s.sched.Add(add.name, add.spec, add.fn, scheduler.WithCatchUp()); err != nil {
			return err
		}
	}
	return nil
}

// run walks every job activation up to end in order, deciding and
// delivering the pushes after each.
func (s *attentionSim) run(ctx context.Context, end time.Time) error {
	for last := s.clock.Now(); ctx.Err() == nil; {
		next := s.sched.Next(last)
		if next.IsZero() || next.After(end) {
			return nil
		}
		s.clock.Set(next)
		for _, r := range s.sched.RunDue(ctx, next) {
			if r.Outcome == scheduler.OutcomeFailed {
				return fmt.Errorf("job %s at %s: %v", r.Job, next.Format(time.DateTime), r.Err)
			}
		}
		if err := s.drain(ctx, next); err != nil {
			return err
		}
		last = next
	}
	return ctx.Err()
}

// drain reads the pushes committed since the last drain and decides each
// one due by now as the bot's pusher does: held until quiet hours end
// (unless AnyHour), then admitted by the person's budget or withheld.
func (s *attentionSim) drain(ctx context.Context, now time.Time) error {
	from := "-"
	if s.lastID != "" {
		from = "(" + s.lastID
	}
	msgs, err := s.rdb.XRange(ctx, s.store.Keys().Push(), from, "+").Result()
	if err != nil {
		return fmt.Errorf("read pushes: %w", err)
	}
	for _, m := range msgs {
		s.lastID = m.ID
		var o kit.Output
		raw, _ := m.Values["msg"].(string)
		if err := json.Unmarshal([]byte(raw), &o); err != nil {
			return fmt.Errorf("push %s: %w", m.ID, err)
		}
		s.pending = append(s.pending, heldPush{id: m.ID, o: o, at: now})
	}
	var later []heldPush
	for _, p := range s.pending {
		local := now.In(s.loc)
		switch {
		case p.at.After(now):
			later = append(later, p)
			continue
		case !p.o.AnyHour && s.quiet.Contains(local):
			p.at = s.quiet.End(local)
			later = append(later, p)
			continue
		}
		v, err := s.store.Admit(ctx, p.id, p.o, local.Format("2006-01-02"), s.budget)
		if err != nil {
			return err
		}
		if v != storage.Send {
			s.withheld[v]++
			continue
		}
		if err := s.deliver(ctx, p.o, local); err != nil {
			return err
		}
	}
	s.pending = later
	return nil
}

// deliver counts a push that went out, and has its person act on it if it
// is the first message they got today.
func (s *attentionSim) deliver(ctx context.Context, o kit.Output, now time.Time) error {
	if o.ChatID < 0 {
		return nil // a group's 公示
	}
	day := now.Format("2006-01-02")
	s.pushes++
	if o.Digest {
		s.digests++
	}
	if s.perDay[o.ChatID] == nil {
		s.perDay[o.ChatID] = map[string]int{}
	}
	s.perDay[o.ChatID][day]++
	s.sameText[fmt.Sprint(o.ChatID, day, o.Text)]++
	if len(o.Buttons) == 0 || len(o.Buttons[0]) == 0 {
		return nil
	}
	s.reminders++
	if s.firstSeen[o.ChatID] == day {
		return nil // they act on the first message of the day only
	}
	s.firstSeen[o.ChatID] = day
	s.acted++
	return s.followThrough(ctx, o.ChatID, o.Buttons[0][0].Data)
}

// followThrough is a person acting on a message: they press its first
// button, then go on through what it starts — the first button of each
// reply, or "已完成" typed where a reply asks for words — for a few steps,
// as someone who does what they are asked.
func (s *attentionSim) followThrough(ctx context.Context, chat int64, data string) error {
	in := kit.Input{Kind: kit.InputCallback, ChatID: chat, UserID: chat, Private: true, CallbackID: "att", Data: data, MessageID: 1}
	prev := ""
	for range 20 {
		out, err := s.step(ctx, in)
		if err != nil || len(out) == 0 {
			return err
		}
		last := out[len(out)-1]
		switch {
		case last.Kind != kit.OutSend && last.Kind != kit.OutEdit:
			return nil
		case len(last.Buttons) > 0 && len(last.Buttons[0]) > 0 && last.Buttons[0][0].Data != "":
			in = kit.Input{Kind: kit.InputCallback, ChatID: chat, UserID: chat, Private: true, CallbackID: "att",
				Data: pick(last.Buttons, last.Text == prev), MessageID: max(last.MessageID, 1)}
		case in.Kind == kit.InputText:
			return nil // asked for words again: they stop here
		default:
			in = kit.Input{Kind: kit.InputText, ChatID: chat, UserID: chat, Private: true, Text: "已完成"}
		}
		prev = last.Text
	}
	return nil
}

// pick is the button a person presses: the first, or once a choice is
// ticked (the same prompt again) the one that finishes it.
func pick(rows [][]kit.Button, again bool) string {
	if again {
		for _, row := range rows {
			for _, b := range row {
				if strings.Contains(b.Text, "完成") || strings.Contains(b.Text, "提交") || strings.Contains(b.Text, "确认") {
					return b.Data
				}
			}
		}
	}
	return rows[0][0].Data
}

// step runs one input through the engine and commits it, as the bot's
// worker does (a conflict is run again on fresh reads), and returns what
// it said in the chat.
func (s *attentionSim) step(ctx context.Context, in kit.Input) ([]kit.Output, error) {
	for try := 0; try < 3; try++ {
		sess, err := s.store.LoadSession(ctx, in.ChatID)
		if err != nil {
			return nil, err
		}
		res, err := s.engine.Step(sess, in, s.clock.Now(), s.store.Directory(ctx))
		if err != nil {
			return nil, err
		}
		_, err = s.store.Commit(ctx, storage.Commit{ChatID: in.ChatID, Session: res.Session, Effects: res.Effects,
			Outputs: res.Outputs, Now: s.clock.Now()})
		if err == nil {
			var said []kit.Output
			for _, o := range res.Outputs {
				if o.ChatID == in.ChatID && o.Kind != kit.OutPush {
					said = append(said, o)
				}
			}
			return said, nil
		}
		if !errors.Is(err, storage.ErrConflict) {
			return nil, err
		}
	}
	return nil, nil
}

// report adds the scenario's rows.
func (s *attentionSim) report(e *env) {
	var perDay []int
	for _, days := range s.perDay {
		for _, n := range days {
			perDay = append(perDay, n)
		}
	}
	slices.Sort(perDay)
	p50, most := 0, 0
	if len(perDay) > 0 {
		p50, most = perDay[len(perDay)/2], perDay[len(perDay)-1]
	}
	same := 0
	for _, n := range s.sameText {
		same = max(same, n)
	}
	goal := s.budget + 1
	r := e.rep
	r.add(Row{Scenario: "attention", Figure: "pushes per person per day (p50 / max, digest included)",
		Value: fmt.Sprintf("%d / %d", p50, most), Number: float64(most), Unit: "pushes",
		Goal: fmt.Sprintf("≤ %d (budget + 1)", goal), Verdict: verdict(float64(most), float64(goal), false)})
	r.add(Row{Scenario: "attention", Figure: "identical messages per person per day (max)",
		Value: fmt.Sprint(same), Number: float64(same), Goal: "1", Verdict: verdict(float64(same), 1, false)})
	r.add(Row{Scenario: "attention", Figure: "reminders acted on within a day (people act on their first message of the day)",
		Value:  fmt.Sprintf("%d of %d (%.0f%%)", s.acted, s.reminders, 100*float64(s.acted)/float64(max(s.reminders, 1))),
		Number: 100 * float64(s.acted) / float64(max(s.reminders, 1)), Unit: "%",
		Verdict: fmt.Sprintf("%d pushes to %d people in %d days, %d of them digests; %d folded into a digest, %d duplicates dropped; questionnaire submitted by %d",
			s.pushes, len(s.perDay), attentionDays, s.digests, s.withheld[storage.Folded], s.withheld[storage.Duplicate], s.answered)})
}
