package bench

import (
	"context"
	"fmt"
	"time"

	"sibu/flows"
	"sibu/flows/kit"
	"sibu/flows/survey"
	"sibu/storage"
)

// footprint measures Redis bytes per active session (a chat in the middle
// of the questionnaire, written by real flow steps and commits) from INFO
// used_memory deltas, per stored response from MEMORY USAGE of the keys a
// response lives in, per undelivered records event, and per update's
// dedupe mark.
func (e *env) footprint(ctx context.Context) error {
	before := e.usedMemory(ctx)
	prefix, ids, err := e.peoplePrefix(ctx, "foot", footUsers, e.p.sessions)
	if err != nil {
		return err
	}
	perPerson := float64(e.usedMemory(ctx)-before) / float64(len(ids))
	e.rep.add(Row{Scenario: "footprint", Figure: fmt.Sprintf("Redis bytes per member (member hash, unit and member sets, questionnaire issued; INFO delta over %d)", len(ids)),
		Value: fmt.Sprintf("%.0f B", perPerson), Number: perPerson, Unit: "B", Verdict: "kept as long as the member"})
	store := e.store(prefix)
	if err := e.footprintSessions(ctx, store, ids); err != nil {
		return err
	}
	if err := e.footprintResponses(ctx, store, ids); err != nil {
		return err
	}
	return e.footprintDedupe(ctx, store, ids[0])
}

// footprintSessions leaves each of ids mid-questionnaire and adds the row of
// the bytes per session.
func (e *env) footprintSessions(ctx context.Context, store *storage.Store, ids []int64) error {
	engine := e.engine()
	before := e.usedMemory(ctx)
	for _, id := range ids {
		if err := e.midQuestionnaire(ctx, engine, store, id); err != nil {
			return err
		}
	}
	after := e.usedMemory(ctx)
	perSession := float64(after-before) / float64(len(ids))
	one, _ := e.rdb.MemoryUsage(ctx, store.Keys().Session(ids[0]), 0).Result()
	e.rep.add(Row{Scenario: "footprint", Figure: fmt.Sprintf("Redis bytes per active session (INFO delta over %d; MEMORY USAGE of one)", len(ids)),
		Value: fmt.Sprintf("%.0f B (%d B)", perSession, one), Number: perSession, Unit: "B", Goal: "≤ 1024 B",
		Verdict: verdict(perSession, 1024, false)})
	return nil
}

// midQuestionnaire opens the questionnaire for id through real flow steps,
// answers the first two questions, and commits the session.
func (e *env) midQuestionnaire(ctx context.Context, engine *flows.Engine, store *storage.Store, id int64) error {
	now := time.Now()
	in := kit.Input{Kind: kit.InputCallback, ChatID: id, UserID: id, Private: true, CallbackID: "1", Data: "sv:" + surveyID}
	res, err := engine.Step(flows.Session{}, in, now, store.Directory(ctx))
	if err != nil {
		return err
	}
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
	_, err = store.Commit(ctx, storage.Commit{ChatID: id, Session: res.Session, Now: now})
	return err
}

// footprintResponses commits one response for each of ids, as the 提交 step
// commits them, and adds the rows of the bytes per stored response and per
// undelivered records event.
func (e *env) footprintResponses(ctx context.Context, store *storage.Store, ids []int64) error {
	keys := store.Keys()
	version := e.cfg.Surveys[surveyID].Version
	for i, id := range ids {
		ef := survey.ResponseSubmitted{SurveyID: surveyID, Version: version, Respondent: id, Unit: e.cfg.Root,
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
	perResp := float64(respBytes) / float64(len(ids))
	e.rep.add(Row{Scenario: "footprint", Figure: "Redis bytes per stored response (responses list + submitted set + counters)",
		Value: fmt.Sprintf("%.0f B", perResp), Number: perResp, Unit: "B", Goal: "≤ 512 B", Verdict: verdict(perResp, 512, false)})
	ob, _ := e.rdb.MemoryUsage(ctx, keys.Outbox(), 0).Result()
	e.rep.add(Row{Scenario: "footprint", Figure: "Redis bytes per undelivered records event (outbox stream)",
		Value: fmt.Sprintf("%.0f B", float64(ob)/float64(len(ids))), Verdict: "freed once delivered"})
	return nil
}

// footprintDedupe records one update from id and adds the row of the bytes
// of the dedupe mark every update leaves for 25 h.
func (e *env) footprintDedupe(ctx context.Context, store *storage.Store, id int64) error {
	const updateID = 9_000_000_001
	raw := fmt.Sprintf(`{"update_id":%d,"message":{"message_id":12,"from":{"id":%d,"is_bot":false,"first_name":"用户"},"chat":{"id":%d,"type":"private"},"date":%d,"text":"希望多下基层走访。"}}`,
		updateID, id, id, time.Now().Unix())
	if _, err := store.Record(ctx, storage.Update{ID: updateID, ChatID: id, Raw: []byte(raw)}); err != nil {
		return err
	}
	seen, _ := e.rdb.MemoryUsage(ctx, store.Keys().InboxSeen(updateID), 0).Result()
	e.rep.add(Row{Scenario: "footprint", Figure: "Redis bytes per update's dedupe mark (kept 25 h)", Value: fmt.Sprintf("%d B", seen),
		Verdict: fmt.Sprintf("≈ %d MB per million updates a day", seen)})
	return nil
}

// buttonData is the callback data of the newest button labelled label in
// outs, or "".
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
