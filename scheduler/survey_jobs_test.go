package scheduler_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"sibu/anonymity"
	"sibu/flows"
	"sibu/flows/join"
	"sibu/flows/kit"
	"sibu/flows/survey"
	"sibu/internal/redistest"
	"sibu/scheduler"
	"sibu/storage"
)

var cst = time.FixedZone("CST", 8*3600)

const remindSurvey = `{
  "campaign": {"units": ["root"], "reminders": {"gap": "48h", "max": 2},
               "opens_at": "2026-12-01 09:00", "closes_at": "2026-12-10 18:00"},
  "survey": {"title": "测评", "elements": [{"type": "radiogroup", "name": "q", "title": "Q", "choices": ["a", "b"]}]}
}`

// anonSurvey is anonymous, answered by groups of at least two.
const anonSurvey = `{
  "campaign": {"units": ["root"], "anonymous": true, "min_group": 2},
  "survey": {"title": "匿名", "elements": [{"type": "radiogroup", "name": "q", "title": "Q", "choices": ["a", "b"]}]}
}`

func setup(t *testing.T) (*storage.Store, *flows.Engine, func() int64) {
	rdb, prefix := redistest.Client(t)
	units := []kit.Unit{{ID: "root", Name: "区委"}}
	key, err := anonymity.Generate()
	if err != nil {
		t.Fatal(err)
	}
	store := storage.New(rdb, prefix, storage.Options{Units: units, Root: "root", Anonymity: key})
	surveys := map[string]*survey.Survey{}
	for id, src := range map[string]string{"r": remindSurvey, "a": anonSurvey} {
		if surveys[id], err = survey.Parse(id, []byte(src), cst); err != nil {
			t.Fatal(err)
		}
	}
	eng := flows.NewEngine(flows.Env{Env: kit.Env{Units: units, Root: "root", Location: cst, Quiet: quietHours}, Surveys: surveys})
	ctx := context.Background()
	for i := int64(1); i <= 4; i++ {
		_, err := store.Commit(ctx, storage.Commit{ChatID: i, NoSession: true, Now: time.Now(), Effects: []kit.Effect{
			join.MemberJoined{Person: kit.Person{ID: i, Name: fmt.Sprint("p", i), Unit: "root", Role: kit.RoleMember}}}})
		if err != nil {
			t.Fatal(err)
		}
	}
	pushes := func() int64 { return rdb.XLen(ctx, store.Keys().Push()).Val() }
	return store, eng, pushes
}

func TestSurveyOpenRemindClose(t *testing.T) {
	store, eng, pushes := setup(t)
	ctx := context.Background()
	jobs := &scheduler.SurveyJobs{Deps: scheduler.Deps{Store: store, Engine: eng}}
	at := func(s string) time.Time { t, _ := time.ParseInLocation("2006-01-02 15:04", s, cst); return t }

	// Before opens_at nothing happens; at it the invitations go out.
	jobs.OpenClose(ctx, at("2026-12-01 08:59"))
	if pushes() != 0 {
		t.Fatal("opened early")
	}
	res, _ := jobs.OpenClose(ctx, at("2026-12-01 09:00"))
	if res["opened"] != 1 || pushes() != 4 {
		t.Fatalf("open: %v, %d pushes", res, pushes())
	}
	// Person 1 submits.
	store.Commit(ctx, storage.Commit{ChatID: 1, NoSession: true, Now: at("2026-12-01 10:00"), Effects: []kit.Effect{
		survey.ResponseSubmitted{SurveyID: "r", Respondent: 1, Answers: map[string]any{"q": "a"}, At: at("2026-12-01 10:00")}}})

	steps := []struct {
		when string
		want int64 // pushes added
	}{
		{"2026-12-02 09:00", 0}, // within the gap after opening
		{"2026-12-03 09:15", 3}, // first reminder to the three non-respondents
		{"2026-12-03 09:30", 0}, // not again within the gap
		{"2026-12-05 23:00", 0}, // quiet hours
		{"2026-12-06 08:00", 3}, // second reminder, first tick after quiet hours
		{"2026-12-09 09:00", 0}, // maximum reached
	}
	for _, s := range steps {
		before := pushes()
		_, err := jobs.Reminders(ctx, at(s.when))
		ranOrDeferred(t, err)
		if got := pushes() - before; got != s.want {
			t.Errorf("%s: %d reminders, want %d", s.when, got, s.want)
		}
	}
	res, _ = jobs.OpenClose(ctx, at("2026-12-10 18:00"))
	if c, _ := store.SurveyCounts(ctx, "r"); res["closed"] != 1 || c.Status != survey.StatusClosed {
		t.Fatalf("close: %v %v", res, c.Status)
	}
}

func TestRemindersOnceAcrossReplicas(t *testing.T) {
	store, eng, pushes := setup(t)
	ctx := context.Background()
	at := func(s string) time.Time { t, _ := time.ParseInLocation("2006-01-02 15:04", s, cst); return t }
	(&scheduler.SurveyJobs{Deps: scheduler.Deps{Store: store, Engine: eng}}).OpenClose(ctx, at("2026-12-01 09:00"))
	base := pushes()
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			jobs := &scheduler.SurveyJobs{Deps: scheduler.Deps{Store: store, Engine: eng}}
			for k := 0; k < 5; k++ {
				if _, err := jobs.Reminders(ctx, at("2026-12-03 10:00")); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	if got := pushes() - base; got != 4 {
		t.Fatalf("%d reminders from 3 replicas × 5 runs, want 4 (one per person)", got)
	}
}

// TestAnonymousResponsesReleasedInBatches: the release job counts an
// anonymous questionnaire's responses only once its min_group of them
// wait; fewer wait for more.
func TestAnonymousResponsesReleasedInBatches(t *testing.T) {
	store, eng, _ := setup(t)
	ctx := context.Background()
	jobs := &scheduler.SurveyJobs{Deps: scheduler.Deps{Store: store, Engine: eng}}
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, cst)
	res, err := eng.Survey().Open("a", at, store.Directory(ctx))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Commit(ctx, storage.Commit{NoSession: true, Now: at, Effects: res.Effects}); err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct{ who, want int64 }{{1, 0}, {2, 2}} {
		who, want := step.who, step.want
		_, err := store.Commit(ctx, storage.Commit{NoSession: true, Now: at, Effects: []kit.Effect{survey.ResponseSubmitted{
			SurveyID: "a", Respondent: who, Anonymous: true, Answers: map[string]any{"q": "a"}, Tallies: []string{"#q", "q\x1fa"}, At: at}}})
		if err != nil {
			t.Fatal(err)
		}
		out, err := jobs.ReleaseAnonymous(ctx, at)
		if err != nil {
			t.Fatal(err)
		}
		if c, _ := store.SurveyCounts(ctx, "a"); c.Submitted != want || out["released"] != int(want) {
			t.Errorf("after %d responses: released %v, submitted %d; want %d", who, out, c.Submitted, want)
		}
	}
}
