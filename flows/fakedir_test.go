package flows_test

import (
	"slices"

	"sibu/flows/commitment"
	"sibu/flows/join"
	"sibu/flows/kit"
	"sibu/flows/retro"
	"sibu/flows/survey"
	"sibu/flows/talk"
)

// fakeDir is the one in-memory directory of every golden transcript: it
// implements kit.Directory and every feature's reader, and applies effects
// with the conditions storage checks, all or nothing (apply).
type fakeDir struct {
	env     *kit.Env
	people  map[int64]kit.Person
	invites map[string]kit.Invite
	// questionnaires
	status    map[string]survey.Status
	issued    map[string]map[int64]bool
	submitted map[string]map[int64]bool
	satisfied map[string]int64
	opened    map[string]int64
	started   map[string]int64
	progress  map[string]map[int64]string
	tallies   map[string]map[string]int64
	units     map[string]map[string]int64
	reminded  map[string]map[int64]int
	// commitments
	items     map[string]*fakeItem
	order     []string
	rounds    map[string]commitment.Round
	marks     map[string]map[string]string
	digests   map[string]bool
	reminders map[string]bool
	// roundSurvey and respondents are a round's questionnaire figure
	// ("open", "respondents", "answered", "satisfied") and who answered.
	roundSurvey map[string]map[string]int64
	respondents map[string]map[int64]bool
	// talks
	talkRounds map[string]*talk.RoundState
	entries    map[string]map[int64]talk.Entry
	noticed    map[string]bool
	// 复盘
	retros   map[string]*retro.Retro
	contribs map[string][]retro.Contribution
	// checklists, nominees, tip-offs
	disc *fakeDiscipline
	// rosters, unit links and join requests
	roster *fakeRoster
	// research campaigns
	research *fakeResearch
}

type fakeItem struct {
	c   commitment.Item
	rev int64
	log []commitment.Entry
}

var (
	_ survey.Reader     = (*fakeDir)(nil)
	_ commitment.Reader = (*fakeDir)(nil)
	_ talk.Reader       = (*fakeDir)(nil)
)

func newFakeDir(env *kit.Env, people ...kit.Person) *fakeDir {
	d := &fakeDir{env: env, people: map[int64]kit.Person{}, invites: map[string]kit.Invite{},
		status: map[string]survey.Status{}, issued: map[string]map[int64]bool{},
		submitted: map[string]map[int64]bool{}, satisfied: map[string]int64{}, opened: map[string]int64{},
		started: map[string]int64{}, progress: map[string]map[int64]string{}, tallies: map[string]map[string]int64{},
		units: map[string]map[string]int64{}, reminded: map[string]map[int64]int{},
		items: map[string]*fakeItem{}, rounds: map[string]commitment.Round{},
		marks: map[string]map[string]string{}, digests: map[string]bool{}, reminders: map[string]bool{},
		roundSurvey: map[string]map[string]int64{}, respondents: map[string]map[int64]bool{},
		talkRounds: map[string]*talk.RoundState{}, entries: map[string]map[int64]talk.Entry{}, noticed: map[string]bool{},
		retros: map[string]*retro.Retro{}, contribs: map[string][]retro.Contribution{}, disc: newFakeDiscipline(),
		roster: newFakeRoster(), research: newFakeResearch()}
	for _, p := range people {
		d.people[p.ID] = p
	}
	return d
}

func (d *fakeDir) Person(id int64) (kit.Person, bool, error) {
	p, ok := d.people[id]
	return p, ok, nil
}

func (d *fakeDir) Invite(code string) (kit.Invite, bool, error) {
	i, ok := d.invites[code]
	return i, ok, nil
}

func (d *fakeDir) Leads(unit string) ([]kit.Person, error) {
	ms, err := d.Members(unit, false)
	return slices.DeleteFunc(ms, func(p kit.Person) bool { return p.Role != kit.RoleSupervisor && p.Role != kit.RoleOfficial }), err
}

func (d *fakeDir) Members(unit string, sub bool) ([]kit.Person, error) {
	var out []kit.Person
	for _, p := range d.people {
		if p.Unit == unit || sub && d.env.Subtree(unit, p.Unit) {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b kit.Person) int { return int(a.ID - b.ID) })
	return out, nil
}

// apply checks every effect's condition, then applies them all; false (a
// failed condition, like storage's ErrConflict) applies nothing.
func (d *fakeDir) apply(effs []kit.Effect) bool {
	if !d.joinOK(effs) || !d.rosterOK(effs) || !d.surveyOK(effs) || !d.commitmentOK(effs) || !d.talkOK(effs) ||
		!d.retroOK(effs) || !d.disciplineOK(effs) || !d.researchOK(effs) {
		return false
	}
	for _, ef := range effs {
		d.applyJoin(ef)
		d.applyRoster(ef)
		d.applySurvey(ef)
		d.applyCommitment(ef)
		d.applyTalk(ef)
		d.applyRetro(ef)
		d.applyDiscipline(ef)
		d.applyResearch(ef)
	}
	return true
}

func (d *fakeDir) joinOK(effs []kit.Effect) bool {
	for _, ef := range effs {
		if e, ok := ef.(join.MemberJoined); ok && e.Invite != "" && d.invites[e.Invite].UsedBy != 0 {
			return false
		}
	}
	return true
}

func (d *fakeDir) applyJoin(ef kit.Effect) {
	switch e := ef.(type) {
	case join.MemberJoined:
		if inv, ok := d.invites[e.Invite]; ok {
			inv.UsedBy = e.Person.ID
			d.invites[e.Invite] = inv
		}
		d.people[e.Person.ID] = e.Person
	case join.InviteCreated:
		d.invites[e.Invite.Code] = e.Invite
	}
}

// Views of the fake directory: the reads each suite's engine had when the
// three suites had fakes of their own (questionnaires everywhere, plus
// commitments or talks). A feature whose reader is missing stays out of
// /help and /status, so the goldens keep what they showed.
type (
	surveyDir interface {
		kit.Directory
		survey.Reader
	}
	surveyView     struct{ surveyDir }
	commitmentView struct {
		surveyDir
		commitment.Reader
	}
	talkView struct {
		surveyDir
		talk.Reader
	}
)
