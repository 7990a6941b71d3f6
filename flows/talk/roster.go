package talk

import (
	"encoding/json"
	"fmt"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// Rosters from an uploaded file: an official sends /talks roster <round>,
// then an XLSX or CSV of names. The transport downloads and reads the file
// (flows does no I/O) and hands the rows in as an input of kind
// kit.InputOther with Other = OtherRoster and Text = the RosterUpload as
// JSON. The step matches the names to members in the official's units (by
// name, and by unit when the file names one; match.go), shows what matched,
// asks which person is meant for names several members share, and on
// confirmation adds the matched people to the round (an open round) or
// opens the round with them as its roster (a predefined round not opened
// yet).

// OtherRoster is kit.Input's Other for a roster file the transport has
// read: Input.Text holds a RosterUpload as JSON.
const OtherRoster = "talk_roster"

// Limits of an uploaded roster.
const (
	RosterMaxBytes = 2 << 20 // bigger files are refused before download
	RosterMaxRows  = 5000    // more names are refused (upload in parts)
)

// RosterProblem says why a roster file could not be used.
type RosterProblem string

// Roster file problems, each answered with its own polite message.
const (
	RosterOK         RosterProblem = ""
	RosterBadType    RosterProblem = "type"       // not .xlsx or .csv
	RosterTooBig     RosterProblem = "size"       // over RosterMaxBytes
	RosterEmpty      RosterProblem = "empty"      // no names
	RosterNoName     RosterProblem = "no_name"    // no 姓名 column
	RosterTooMany    RosterProblem = "too_many"   // over RosterMaxRows
	RosterUnreadable RosterProblem = "unreadable" // damaged, encrypted, or could not be fetched
)

// RosterRow is one name of an uploaded roster, with the optional unit and
// phone columns, and its row number in the file (1 is the header).
type RosterRow struct {
	Line  int    `json:"line"`
	Name  string `json:"name"`
	Unit  string `json:"unit,omitempty"`
	Phone string `json:"phone,omitempty"`
	// Group is the optional 分组 column (a checklist's group, e.g. 四大班子
	// 领导); talk rounds do not use it.
	Group string `json:"group,omitempty"`
}

// RosterUpload is a roster file as the transport read it: its name and
// rows, or the problem that kept it from being read.
type RosterUpload struct {
	File    string        `json:"file"`
	Rows    []RosterRow   `json:"rows,omitempty"`
	Problem RosterProblem `json:"problem,omitempty"`
}

// RosterDraft is a matched upload waiting for the official's confirmation:
// the people to add (with the phone numbers the file gave, normalized) and
// the names still to disambiguate.
type RosterDraft struct {
	File   string           `json:"f"`
	People []int64          `json:"p,omitempty"`
	Phones map[int64]string `json:"ph,omitempty"`
	Ask    []RosterAsk      `json:"a,omitempty"`
}

// RosterAsk is a name several members share: the official picks one (or
// skips the name).
type RosterAsk struct {
	Line       int     `json:"l"`
	Name       string  `json:"n"`
	Unit       string  `json:"u,omitempty"`
	Phone      string  `json:"ph,omitempty"`
	Candidates []int64 `json:"c"`
}

// keepPhones puts the numbers the file gave on entries.
func (d *RosterDraft) keepPhones(entries []Entry) {
	for i := range entries {
		entries[i].Phone = d.Phones[entries[i].User]
	}
}

// rosterStart handles /talks roster <round>: wait for the file.
func (st step) rosterStart(tr Reader, id string) error {
	stored, ok, err := tr.TalkRound(id)
	if err != nil {
		return err
	}
	var extra string
	switch {
	case ok && stored.Open:
	case ok:
		st.Send(st.t(mNotOpen, id))
		return nil
	case st.f.Settings.Rounds[id] != nil:
		extra = st.t(mRosterWillOpen)
	default:
		return st.sendWithRounds(tr, mUnknown, id)
	}
	title, r, a := stored.Round.Title, &stored.Round, access.Roster
	if !ok {
		title, r, a = st.f.Settings.Rounds[id].Title, st.f.Settings.Rounds[id], access.Launch
	}
	if d, err := st.check(a, r); err != nil || !d.Allowed {
		return err
	}
	st.enter(&Run{Round: id, Step: stepRosterFile})
	st.Next()
	st.Send(st.t(mRosterAsk, title, extra))
	return nil
}

// rosterRound returns the round an upload is for, when the access policy
// still lets the person add to it: stored and open (scoped to their
// units), or predefined and never opened (opened by the upload); ok=false
// (said, and the conversation ended) otherwise.
func (st step) rosterRound(tr Reader, id string) (r *Round, open, ok bool, err error) {
	stored, found, err := tr.TalkRound(id)
	if err != nil {
		return nil, false, false, err
	}
	a := access.Roster
	switch {
	case found && stored.Open:
		r, open = &stored.Round, true
	case !found && st.f.Settings.Rounds[id] != nil:
		r, a = st.f.Settings.Rounds[id], access.Launch
	default:
		st.end()
		st.Next()
		st.Send(st.t(mNotOpen, id))
		return nil, false, false, nil
	}
	d, err := st.check(a, r)
	if err != nil || !d.Allowed {
		st.end()
		st.Next()
		return nil, false, false, err
	}
	return r, open, true, nil
}

// rosterInput handles what an official sends while a roster upload is in
// progress.
func (st step) rosterInput() error {
	run := st.run()
	if !access.Check(st.Step, access.Roster, access.Object{}).Allowed {
		st.end()
		return nil
	}
	document := st.In.Kind == kit.InputOther && st.In.Other == "document"
	switch {
	case run.Step != stepRosterFile && document:
		st.Send(st.t(mRosterUseButtons))
		return nil
	case run.Step != stepRosterFile:
		st.Send(st.t(kit.MsgUseButtons))
		return nil
	case document:
		// The transport did not read it (it reads documents only while
		// the session waits for one): treat it as unreadable.
		st.Send(st.t(mRosterUnreadable, st.In.FileName))
		return nil
	case st.In.Kind != kit.InputOther || st.In.Other != OtherRoster:
		st.Send(st.t(mRosterNotFile))
		return nil
	}
	var up RosterUpload
	if err := json.Unmarshal([]byte(st.In.Text), &up); err != nil {
		return fmt.Errorf("decode roster upload: %w", err)
	}
	if msg := st.rosterProblem(up); msg != "" {
		st.Send(msg)
		return nil
	}
	tr, _ := st.reader()
	r, open, ok, err := st.rosterRound(tr, run.Round)
	if !ok || err != nil {
		return err
	}
	return st.rosterMatch(tr, r, open, up)
}

// rosterProblem is what to say about an upload that cannot be used ("" for
// a good one).
func (st step) rosterProblem(up RosterUpload) string { return up.ProblemText(st.Lang) }

// ProblemText is what to say, in lang, about an upload that cannot be used
// ("" for a good one): every feature reading such a file (a talk round's
// roster, a checklist's list) says it the same way.
func (up RosterUpload) ProblemText(lang string) string {
	if up.Problem == RosterOK && len(up.Rows) == 0 {
		up.Problem = RosterEmpty
	}
	if up.Problem == RosterOK && len(up.Rows) > RosterMaxRows {
		up.Problem = RosterTooMany
	}
	switch up.Problem {
	case RosterOK:
		return ""
	case RosterBadType:
		return catalog.T(lang, mRosterBadType, up.File)
	case RosterTooBig:
		return catalog.T(lang, mRosterTooBig, up.File, RosterMaxBytes>>20)
	case RosterEmpty:
		return catalog.T(lang, mRosterEmpty, up.File)
	case RosterNoName:
		return catalog.T(lang, mRosterNoName, up.File)
	case RosterTooMany:
		return catalog.T(lang, mRosterTooMany, up.File, RosterMaxRows)
	}
	return catalog.T(lang, mRosterUnreadable, up.File)
}
