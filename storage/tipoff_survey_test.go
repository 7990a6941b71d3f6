package storage_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"sibu/flows"
	"sibu/flows/kit"
	"sibu/flows/survey"
	"sibu/flows/tipoff"
	"sibu/storage"
)

// huanjieID is an anonymous questionnaire about 换届风气 that offers the
// tip-off line; no random text contains its id by chance.
const huanjieID = "huanjie_zq8"

const huanjieTipoffSurvey = `{
  "campaign": {"units": ["root"], "anonymous": true, "tipoff": true},
  "survey": {"title": "换届风气匿名测评", "elements": [
    {"type": "radiogroup", "name": "overall", "title": "总体评价", "isRequired": true, "choices": ["sat_ok_aa1", "unsat_zz9"]}
  ]}
}`

// TestTipoffFromQuestionnaireTiesToNothing answers an anonymous
// questionnaire that offers the tip-off line, then reports through its
// 🛡 button, as the bot does, under MONITOR: nothing Redis receives from the
// press of the button to the tip-off's submit names the questionnaire or
// the answer, and what Redis keeps of the tip-off carries neither the
// reporter nor anything of the questionnaire.
func TestTipoffFromQuestionnaireTiesToNothing(t *testing.T) {
	m := newMonitored(t)
	ctx := context.Background()
	units := []kit.Unit{{ID: "root", Name: "区委"}}
	s := storage.New(m.rdb, "mon", storage.Options{Units: units, Root: "root", Now: func() time.Time { return now }, Anonymity: testKey(t)})
	sv, err := survey.Parse(huanjieID, []byte(huanjieTipoffSurvey), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	eng := flows.NewEngine(flows.Env{Env: kit.Env{Units: units, Root: "root", Admins: map[int64]bool{anonWho: true}, Location: time.UTC,
		NewCode: func() string { n++; return "k7qm4xpa9trd" + string(rune('a'+n)) }}, Surveys: map[string]*survey.Survey{huanjieID: sv}})
	if _, err := s.Commit(ctx, storage.Commit{NoSession: true, Now: now, Effects: []kit.Effect{
		survey.Opened{SurveyID: huanjieID, Version: sv.Version, By: 1, Issued: []int64{anonWho}, Units: []string{"root"}}}}); err != nil {
		t.Fatal(err)
	}
	c := &anonChat{t: t, s: s, eng: eng, msgs: map[int]kit.Output{}}
	c.say("/surveys")
	c.press("换届风气匿名测评")
	c.press(anonChoice)
	c.press("提交")
	m.take(t)
	c.press("匿名举报")
	c.press("拉票贿选")
	c.press("区委")
	c.say(tipText)
	c.press("没有材料")
	var sent bool
	for _, ef := range c.press("提交举报") {
		_, sent = ef.(tipoff.Submitted)
	}
	if !sent {
		t.Fatal("the tip-off started from the questionnaire was not sent")
	}
	for _, l := range m.take(t) {
		for _, secret := range []string{huanjieID, anonChoice, "tipoff_marker"} {
			if strings.Contains(l, secret) {
				t.Errorf("reporting from the questionnaire showed Redis %q: %.300s", secret, l)
			}
		}
	}
	if _, err := s.ReleaseTipoffs(ctx, 1, now); err != nil {
		t.Fatal(err)
	}
	keys, err := m.rdb.Keys(ctx, "{mon}:tipoff*").Result()
	if err != nil || len(keys) == 0 {
		t.Fatalf("tip-off keys: %v %v", keys, err)
	}
	for _, k := range keys {
		if dump := m.rdb.Dump(ctx, k).Val(); strings.Contains(k+dump, huanjieID) {
			t.Errorf("%s names the questionnaire", k)
		}
	}
	for _, e := range m.rdb.XRange(ctx, "{mon}:outbox", "-", "+").Val() {
		if ev, _ := e.Values["event"].(string); strings.Contains(ev, "sibu.tipoff.") &&
			(strings.Contains(ev, huanjieID) || strings.Contains(ev, "7700123456") || !strings.Contains(ev, `"time":"2026-11-25T00:00:00Z"`)) {
			t.Errorf("the tip-off's records event names the questionnaire, the reporter or the time: %s", ev)
		}
	}
}
