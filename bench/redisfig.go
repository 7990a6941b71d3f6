package bench

import (
	"context"
	"fmt"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/flows"
	"sibu/flows/kit"
	"sibu/flows/survey"
	"sibu/storage"
)

// footprint: Redis bytes per active session (a chat in the middle of the
// questionnaire, written by real flow steps and commits) from INFO
// used_memory deltas, and per stored response from MEMORY USAGE of the keys
// a response lives in.
func (e *env) footprint(ctx context.Context) error {
	prefix := e.prefix("foot")
	defer e.dropPrefix(context.WithoutCancel(ctx), prefix)
	m := e.p.sessions
	ids := userIDs(footUsers, m)
	if err := e.seedPeople(ctx, prefix, ids, true); err != nil {
		return err
	}
	store := e.store(prefix)
	keys := store.Keys()
	engine := e.engine()
	sv := e.cfg.Surveys[surveyID]

	before := e.usedMemory(ctx)
	for _, id := range ids {
		now := time.Now()
		in := kit.Input{Kind: kit.InputCallback, ChatID: id, UserID: id, Private: true, CallbackID: "1", Data: "sv:" + surveyID}
		res, err := engine.Step(flows.Session{}, in, now, store.Directory(ctx))
		if err != nil {
			return err
		}
		// Answer the first two questions: a session mid-questionnaire.
		for _, label := range []string{"满意", "服务群众"} {
			data := buttonData(res.Outputs, label)
			if data == "" {
				return fmt.Errorf("no button %q in the flow's outputs", label)
			}
			in.Data, in.MessageID = data, 7
			if res, err = engine.Step(res.Session, in, now, store.Directory(ctx)); err != nil {
				return err
			}
		}
		if _, err := store.Commit(ctx, storage.Commit{ChatID: id, Session: res.Session, Now: now}); err != nil {
			return err
		}
	}
	after := e.usedMemory(ctx)
	perSession := float64(after-before) / float64(m)
	one, _ := e.rdb.MemoryUsage(ctx, keys.Session(ids[0]), 0).Result()
	r := e.rep
	r.add(Row{Scenario: "footprint", Figure: fmt.Sprintf("Redis bytes per active session (INFO delta over %d; MEMORY USAGE of one)", m),
		Value: fmt.Sprintf("%.0f B (%d B)", perSession, one), Number: perSession, Unit: "B", Goal: "≤ 1024 B",
		Verdict: verdict(perSession, 1024, false)})

	// Responses, committed as the 提交 step commits them.
	for i, id := range ids {
		ef := survey.ResponseSubmitted{SurveyID: surveyID, Version: sv.Version, Respondent: id, Unit: e.cfg.Root,
			Answers:   map[string]any{"overall": "满意", "strengths": []string{"服务群众"}, "score": 5, "advice": "希望多下基层走访。"},
			Satisfied: true, At: time.Now()}
		if _, err := store.Commit(ctx, storage.Commit{ChatID: id, NoSession: true, Effects: []kit.Effect{ef}, Now: time.Now()}); err != nil {
			return fmt.Errorf("commit response %d: %w", i, err)
		}
	}
	var respBytes int64
	for _, k := range []string{keys.SurveyResponses(surveyID), keys.SurveySubmitted(surveyID), keys.SurveyCounts(surveyID)} {
		n, err := e.rdb.MemoryUsage(ctx, k, 0).Result()
		if err != nil {
			return fmt.Errorf("memory usage %s: %w", k, err)
		}
		respBytes += n
	}
	perResp := float64(respBytes) / float64(m)
	r.add(Row{Scenario: "footprint", Figure: "Redis bytes per stored response (responses list + submitted set + counters)",
		Value: fmt.Sprintf("%.0f B", perResp), Number: perResp, Unit: "B", Goal: "≤ 512 B", Verdict: verdict(perResp, 512, false)})
	ob, _ := e.rdb.MemoryUsage(ctx, keys.Outbox(), 0).Result()
	r.add(Row{Scenario: "footprint", Figure: "Redis bytes per undelivered records event (outbox stream)",
		Value: fmt.Sprintf("%.0f B", float64(ob)/float64(m)), Verdict: "freed once delivered"})

	// The dedupe mark every update leaves for 25 h.
	raw := fmt.Sprintf(`{"update_id":%d,"message":{"message_id":12,"from":{"id":%d,"is_bot":false,"first_name":"用户"},"chat":{"id":%d,"type":"private"},"date":%d,"text":"希望多下基层走访。"}}`,
		9_000_000_001, ids[0], ids[0], time.Now().Unix())
	if _, err := store.Record(ctx, storage.Update{ID: 9_000_000_001, ChatID: ids[0], Raw: []byte(raw)}); err != nil {
		return err
	}
	seen, _ := e.rdb.MemoryUsage(ctx, keys.InboxSeen(9_000_000_001), 0).Result()
	r.add(Row{Scenario: "footprint", Figure: "Redis bytes per update's dedupe mark (kept 25 h)", Value: fmt.Sprintf("%d B", seen),
		Verdict: fmt.Sprintf("≈ %d MB per million updates a day", seen)})
	return nil
}

func buttonData(outs []kit.Output, label string) string {
	for i := len(outs) - 1; i >= 0; i-- {
		for _, row := range outs[i].Buttons {
			for _, b := range row {
				if b.Text == label {
					return b.Data
				}
			}
		}
	}
	return ""
}

// status: /status with a million stored responses, populated directly in
// the key format storage uses, timed end to end (update available →
// reply at the emulator); then again with many more members.
func (e *env) status(ctx context.Context) error {
	prefix := e.prefix("status")
	defer e.dropPrefix(context.WithoutCancel(ctx), prefix)
	keys := storage.NewKeys(prefix)
	sv := e.cfg.Surveys[surveyID]
	people := userIDs(statusUsers, e.p.users)
	if err := e.seedPeople(ctx, prefix, people, true); err != nil {
		return err
	}
	n := e.p.responses
	t0 := time.Now()
	memBefore := e.usedMemory(ctx)
	day := time.Now().UTC().Format("2006-01-02")
	const batch = 1000
	for i := 0; i < n; i += 10 * batch {
		_, err := e.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for j := i; j < min(i+10*batch, n); j += batch {
				docs := make([]any, 0, 2*batch)
				ids := make([]any, 0, batch)
				for k := j; k < min(j+batch, n); k++ {
					id := int64(10_000_000 + k)
					docs = append(docs, storage.NewID(time.Now()), `{"a":{"advice":"希望多下基层走访。","overall":"满意","score":5,"strengths":["服务群众"]},"d":"`+day+
						`","r":`+strconv.FormatInt(id, 10)+`,"u":"root","v":"`+sv.Version+`"}`)
					ids = append(ids, id)
				}
				p.HSet(ctx, keys.SurveyResponses(surveyID), docs...)
				p.SAdd(ctx, keys.SurveySubmitted(surveyID), ids...)
				p.SAdd(ctx, keys.SurveyIssued(surveyID), ids...)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("populate responses: %w", err)
		}
	}
	// The counters storage keeps at submit time (what /status and /stats read).
	if err := e.rdb.HSet(ctx, keys.SurveyCounts(surveyID), "submitted", n, "satisfied", n*9/10,
		"satisfied_answered", n, "opened", n, "started", n).Err(); err != nil {
		return err
	}
	if err := e.rdb.HSet(ctx, keys.SurveyTallies(surveyID), "#overall", n, "overall\x1f满意", n*9/10, "overall\x1f基本满意", n/10,
		"#strengths", n, "strengths\x1f服务群众", n, "#score", n, "score\x1f5", n, "#advice", n).Err(); err != nil {
		return err
	}
	if err := e.rdb.HSet(ctx, keys.SurveyUnits(surveyID), "root\x1fsubmitted", n, "root\x1fsatisfied", n*9/10, "root\x1fanswered", n).Err(); err != nil {
		return err
	}
	if err := e.rdb.HSet(ctx, keys.SurveyUnitIssued(surveyID), "root", n).Err(); err != nil {
		return err
	}
	populate := time.Since(t0)
	mem := e.usedMemory(ctx) - memBefore
	r := e.rep
	r.add(Row{Scenario: "status", Figure: fmt.Sprintf("populate %d responses (+ issued/submitted sets), pipelined", n),
		Value: populate.Round(10 * time.Millisecond).String(), Verdict: fmt.Sprintf("Redis +%.0f MB = %.0f B per response", float64(mem)/1e6, float64(mem)/float64(n))})

	emu := newEmu()
	defer emu.Close()
	h := newHub(emu)
	defer h.close()
	s0, err := e.startSibu(ctx, emu, prefix, e.limits(true, 0))
	if err != nil {
		return err
	}
	defer s0.close()
	admin := newUser(emu, h, adminID)
	timeIt := func(text string) (*sample, string) {
		s := &sample{}
		var last string
		// /stats answers with text, then renders and uploads a chart in the
		// same chat; the next command of that chat waits for it, so runs are
		// spaced to time the answer itself, not the previous chart.
		gap := time.Duration(0)
		if strings.HasPrefix(text, "/stats") {
			gap = 1500 * time.Millisecond
		}
		pprof.Do(ctx, pprof.Labels("side", "users"), func(ctx context.Context) {
			admin.do(ctx, action{text: text, wait: "message"}, 30*time.Second) // warm up
			for i := 0; i < e.p.statusRuns; i++ {
				time.Sleep(gap)
				d, err := admin.do(ctx, action{text: text, wait: "message"}, 30*time.Second)
				s.add(d, err)
			}
		})
		if m, ok := emu.LastBotMessage(adminID); ok {
			last = m.Text
		}
		return s, last
	}
	s, text := timeIt("/status")
	if !strings.Contains(text, strconv.Itoa(n)) {
		r.note("status: the /status answer did not show %d submitted responses: %q", n, text)
	}
	r.add(Row{Scenario: "status", Figure: fmt.Sprintf("/status p50 / p99 / max, %d responses, %d members", n, len(people)),
		Value: fmt.Sprintf("%s / %s / %s", ms(s.pct(50)), ms(s.pct(99)), ms(s.max())), Number: msf(s.pct(99)), Unit: "ms p99",
		Goal: "≤ 20 ms", Verdict: verdict(msf(s.pct(99)), 20, false) + failOr(s, "")})

	if more := e.p.statusPeople - len(people); more > 0 {
		if err := e.seedPeople(ctx, prefix, userIDs(statusUsers+int64(len(people)), more), false); err != nil {
			return err
		}
		s, _ := timeIt("/status")
		r.add(Row{Scenario: "status", Figure: fmt.Sprintf("/status p50 / p99 / max, %d responses, %d members", n, e.p.statusPeople),
			Value: fmt.Sprintf("%s / %s / %s", ms(s.pct(50)), ms(s.pct(99)), ms(s.max())), Number: msf(s.pct(99)), Unit: "ms p99",
			Goal: "≤ 20 ms", Verdict: verdict(msf(s.pct(99)), 20, false) + failOr(s, "")})
	}
	s, text = timeIt("/stats " + surveyID)
	if !strings.Contains(text, strconv.Itoa(n)) {
		r.note("stats: the /stats answer did not show %d submitted responses: %q", n, strconvQuoteShort(text))
	}
	r.add(Row{Scenario: "status", Figure: fmt.Sprintf("/stats text p50 / p99 / max, %d responses (the chart photo follows separately)", n),
		Value: fmt.Sprintf("%s / %s / %s", ms(s.pct(50)), ms(s.pct(99)), ms(s.max())), Number: msf(s.pct(99)), Unit: "ms p99",
		Goal: "≤ 20 ms", Verdict: verdict(msf(s.pct(99)), 20, false) + failOr(s, "")})
	return nil
}

func strconvQuoteShort(s string) string {
	if r := []rune(s); len(r) > 30 {
		s = string(r[:30]) + "…"
	}
	return strconv.Quote(s)
}
