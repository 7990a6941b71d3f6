package survey

import (
	"sort"

	"sibu/flows/kit"
)

// Flow is the name of the questionnaire conversation.
const Flow kit.FlowName = "survey"

// Feature is the questionnaire feature (问民情): /survey, /surveys, /stats,
// /export, the answering conversation and its jobs.
type Feature struct {
	Env *kit.Env
	// Surveys are the configured questionnaires by id.
	Surveys map[string]*Survey
	// Rounds ties a run to an evaluation round (评) of the commitment
	// feature; nil when there are none.
	Rounds Rounds
}

// Rounds is what the questionnaire conversation asks of evaluation rounds
// (implemented by the commitment feature) for a run answering a round's
// satisfaction questionnaire (Run.Round set).
type Rounds interface {
	// ClosedNow ends the run (End) once its round closed (or another
	// round replaced it), saying so; true when it did. (A run it reports
	// and leaves in place is ended by the caller.)
	ClosedNow(st *kit.Step, run *Run) bool
	// Responded reports whether the person already answered the run's
	// round, saying so and ending the run (End) when they did.
	Responded(st *kit.Step, run *Run) (bool, error)
	// Intro is the line that introduces a round's questionnaire for unit.
	Intro(st *kit.Step, unit string) string
}

// Get returns questionnaire id, nil when unknown.
func (f *Feature) Get(id string) *Survey { return f.Surveys[id] }

// Title returns the title of questionnaire id (the id when unknown).
func (f *Feature) Title(id string) string {
	if s := f.Surveys[id]; s != nil {
		return s.Title
	}
	return id
}

// IDs returns the configured questionnaire ids in order.
func (f *Feature) IDs() []string {
	ids := make([]string, 0, len(f.Surveys))
	for id := range f.Surveys {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Enter shows the current question of sv to the person of st: of the run in
// progress, of a parked draft, or of a new run (with the questionnaire's
// introduction). round and unit scope the run to an evaluation round's
// satisfaction questionnaire ("" for the campaign).
func (f *Feature) Enter(st *kit.Step, sv *Survey, round, unit string) {
	f.step(st).enter(sv, round, unit)
}

// InvitationText is the (Chinese) invitation to sv pushed with a 开始填写
// button: title, description, the campaign's closing time when deadline
// (an evaluation round sets its own end) and the number of questions.
func (f *Feature) InvitationText(sv *Survey, deadline bool) string {
	body := ""
	if sv.Description != "" {
		body += sv.Description + "\n"
	}
	if deadline && !sv.Campaign.ClosesAt.IsZero() {
		body += catalog.T("zh", mSurveyDeadline, f.when(sv.Campaign.ClosesAt)) + "\n"
	}
	return catalog.T("zh", mSurveyInvitation, sv.Title, body, countAll(sv))
}

// Kit is the feature as the engine sees it: /survey (officials), /surveys,
// /stats, /export, the answering flow, the 开始填写 entry ("sv:<id>") and
// the questionnaire block of /status.
func (f *Feature) Kit() kit.Feature {
	return kit.Feature{
		Commands: map[string]func(st *kit.Step) error{
			"survey":  f.handle(step.admin),
			"surveys": f.handle(step.listSurveys),
			"stats":   f.handle(step.stats),
			"export":  f.handle(step.export),
		},
		Flows: map[kit.FlowName]kit.Flow{Flow: {
			Input:    f.handle(step.input),
			Callback: func(st *kit.Step, cb kit.Callback) (bool, error) { return f.step(st).callback(cb) },
			Back:     f.handle(step.back),
			Cancel:   func(st *kit.Step) { f.step(st).cancel() },
			Leave:    park,
		}},
		Entries: map[string]func(st *kit.Step, rest string) error{
			"sv": func(st *kit.Step, id string) error { return f.step(st).start(id) },
		},
		Status: func(st *kit.Step) (string, error) { return f.step(st).status() },
		Help:   func(st *kit.Step) string { return f.step(st).help() },
		Todo:   func(st *kit.Step) ([]kit.Task, error) { return f.step(st).todo() },
	}
}

// handle adapts a step method to the engine's handlers.
func (f *Feature) handle(run func(st step) error) func(st *kit.Step) error {
	return func(st *kit.Step) error { return run(f.step(st)) }
}

// cancel handles /cancel while answering: the run is kept as a draft.
func (st step) cancel() {
	id := state(st.Step).Survey.ID
	st.Conclude(st.t(mPausedShort))
	st.Send(st.t(mSurveyPaused, st.f.Title(id)))
}
