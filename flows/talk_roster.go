package flows

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Rosters from an uploaded file: an official sends /talks roster <round>,
// then an XLSX or CSV of names. The transport downloads and reads the file
// (flows does no I/O) and hands the rows in as an input of kind InputOther
// with Other = OtherTalkRoster and Text = the TalkRosterUpload as JSON. The
// step matches the names to members in the official's units (by name, and
// by unit when the file names one), shows what matched, asks which person
// is meant for names several members share, and on confirmation adds the
// matched people to the round (an open round) or opens the round with them
// as its roster (a predefined round not opened yet).

// OtherTalkRoster is Input.Other for a roster file the transport has read:
// Input.Text holds a TalkRosterUpload as JSON.
const OtherTalkRoster = "talk_roster"

// Limits of an uploaded roster.
const (
	TalkRosterMaxBytes = 2 << 20 // bigger files are refused before download
	TalkRosterMaxRows  = 5000    // more names are refused (upload in parts)
)

// RosterProblem says why a roster file could not be used.
type RosterProblem string

// Roster file problems, each answered with its own polite message.
const (
	RosterOK         RosterProblem = ""
	RosterBadType    RosterProblem = "type"       // not .xlsx or .csv
	RosterTooBig     RosterProblem = "size"       // over TalkRosterMaxBytes
	RosterEmpty      RosterProblem = "empty"      // no names
	RosterNoName     RosterProblem = "no_name"    // no 姓名 column
	RosterTooMany    RosterProblem = "too_many"   // over TalkRosterMaxRows
	RosterUnreadable RosterProblem = "unreadable" // damaged, encrypted, or could not be fetched
)

// TalkRosterRow is one name of an uploaded roster, with the optional unit
// and phone columns, and its row number in the file (1 is the header).
type TalkRosterRow struct {
	Line  int    `json:"line"`
	Name  string `json:"name"`
	Unit  string `json:"unit,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// TalkRosterUpload is a roster file as the transport read it: its name and
// rows, or the problem that kept it from being read.
type TalkRosterUpload struct {
	File    string          `json:"file"`
	Rows    []TalkRosterRow `json:"rows,omitempty"`
	Problem RosterProblem   `json:"problem,omitempty"`
}

// TalkRosterDraft is a matched upload waiting for the official's
// confirmation: the people to add (with the phone numbers the file gave,
// normalized), the names still to disambiguate, and counts for the summary.
type TalkRosterDraft struct {
	File   string           `json:"f"`
	People []int64          `json:"p,omitempty"`
	Phones map[int64]string `json:"ph,omitempty"`
	Ask    []TalkRosterAsk  `json:"a,omitempty"`
}

// TalkRosterAsk is a name several members share: the official picks one
// (or skips the name).
type TalkRosterAsk struct {
	Line       int     `json:"l"`
	Name       string  `json:"n"`
	Unit       string  `json:"u,omitempty"`
	Phone      string  `json:"ph,omitempty"`
	Candidates []int64 `json:"c"`
}

// Roster conversation steps.
const (
	tkRosterFile    = "roster"         // official: send the file
	tkRosterPick    = "roster_pick"    // official: which of several namesakes
	tkRosterConfirm = "roster_confirm" // official: confirm adding
)

const tkRosterListMax = 20 // names listed in the summary before "等 N 个"

// WantsTalkRoster reports whether the chat waits for a roster file, so the
// transport should read a document it receives into a TalkRosterUpload.
func (s Session) WantsTalkRoster() bool {
	return s.Flow == FlowTalk && s.Talk != nil && s.Talk.Step == tkRosterFile
}

// tkScope is the unit whose subtree an official answers for: the root for
// configured admins, otherwise the official's own unit.
func (st *step) tkScope() string {
	if st.e.env.Admins[st.me.ID] || st.me.Unit == "" {
		return st.e.env.Root
	}
	return st.me.Unit
}

// tkSubtreeUnits lists root and its descendants, in configuration order.
func (e *Engine) tkSubtreeUnits(root string) []string {
	var out []string
	for _, u := range e.env.Units {
		if e.Subtree(root, u.ID) {
			out = append(out, u.ID)
		}
	}
	if len(out) == 0 {
		out = []string{root}
	}
	return out
}

// tkRosterStart handles /talks roster <round>: wait for the file.
func (st *step) tkRosterStart(tr TalkReader, id string) error {
	stored, ok, err := tr.TalkRound(id)
	if err != nil {
		return err
	}
	var extra string
	switch {
	case ok && stored.Open:
	case ok:
		st.send(st.t(mTalkNotOpen, id))
		return nil
	case st.e.env.Talk.Rounds[id] != nil:
		extra = st.t(mTalkRosterWillOpen)
	default:
		list, err := st.tkRoundList(tr)
		if err != nil {
			return err
		}
		st.send(st.t(mTalkUnknown, id, list))
		return nil
	}
	title := stored.Round.Title
	if !ok {
		title = st.e.env.Talk.Rounds[id].Title
	}
	st.tkLeaveOtherFlows()
	s := st.sess()
	s.Flow = FlowTalk
	s.Talk = &TalkRun{Round: id, Step: tkRosterFile}
	s.next()
	st.send(st.t(mTalkRosterAsk, title, extra))
	return nil
}

// tkRosterRound returns the round an upload is for: stored and open, or
// predefined and never opened (opened by the upload); ok=false (said) when
// neither.
func (st *step) tkRosterRound(tr TalkReader, id string) (r *TalkRound, open, ok bool, err error) {
	stored, found, err := tr.TalkRound(id)
	if err != nil {
		return nil, false, false, err
	}
	switch {
	case found && stored.Open:
		return &stored.Round, true, true, nil
	case !found && st.e.env.Talk.Rounds[id] != nil:
		return st.e.env.Talk.Rounds[id], false, true, nil
	}
	s := st.sess()
	s.Flow, s.Talk = FlowNone, nil
	s.next()
	st.send(st.t(mTalkNotOpen, id))
	return nil, false, false, nil
}

// tkRosterInput handles what an official sends while a roster upload is
// in progress.
func (st *step) tkRosterInput() error {
	run := st.sess().Talk
	if st.me.Role != RoleOfficial {
		s := st.sess()
		s.Flow, s.Talk = FlowNone, nil
		st.send(st.t(mNoPermission))
		return nil
	}
	if run.Step != tkRosterFile {
		if st.in.Kind == InputOther && st.in.Other == "document" {
			st.send(st.t(mTalkRosterUseButtons))
			return nil
		}
		st.send(st.t(mUseButtons))
		return nil
	}
	if st.in.Kind != InputOther || st.in.Other != OtherTalkRoster {
		if st.in.Kind == InputOther && st.in.Other == "document" {
			// The transport did not read it (it reads documents only while
			// the session waits for one): treat it as unreadable.
			st.send(st.t(mTalkRosterUnreadable, st.in.FileName))
			return nil
		}
		st.send(st.t(mTalkRosterNotFile))
		return nil
	}
	var up TalkRosterUpload
	if err := json.Unmarshal([]byte(st.in.Text), &up); err != nil {
		return fmt.Errorf("decode roster upload: %w", err)
	}
	if up.Problem == RosterOK && len(up.Rows) == 0 {
		up.Problem = RosterEmpty
	}
	if up.Problem == RosterOK && len(up.Rows) > TalkRosterMaxRows {
		up.Problem = RosterTooMany
	}
	switch up.Problem {
	case RosterOK:
	case RosterBadType:
		st.send(st.t(mTalkRosterBadType, up.File))
		return nil
	case RosterTooBig:
		st.send(st.t(mTalkRosterTooBig, up.File, TalkRosterMaxBytes>>20))
		return nil
	case RosterEmpty:
		st.send(st.t(mTalkRosterEmpty, up.File))
		return nil
	case RosterNoName:
		st.send(st.t(mTalkRosterNoName, up.File))
		return nil
	case RosterTooMany:
		st.send(st.t(mTalkRosterTooMany, up.File, TalkRosterMaxRows))
		return nil
	default:
		st.send(st.t(mTalkRosterUnreadable, up.File))
		return nil
	}
	tr, _ := st.talks()
	r, open, ok, err := st.tkRosterRound(tr, run.Round)
	if !ok || err != nil {
		return err
	}
	return st.tkRosterMatch(tr, r, open, up)
}

// tkNormName compares names without spaces (full-width ones included),
// which lists often put in two-character names (张　三).
func tkNormName(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
}

// tkUnitsNamed returns the units a file's unit cell means: by id or name,
// or the units whose name contains it (第一支部 in 东城街道第一支部).
func (st *step) tkUnitsNamed(text string) []string {
	t := tkNormName(text)
	if t == "" {
		return nil
	}
	var exact, partial []string
	for _, u := range st.e.env.Units {
		n := tkNormName(u.Name)
		switch {
		case u.ID == t || n == t:
			exact = append(exact, u.ID)
		case strings.Contains(n, t) || strings.Contains(t, n):
			partial = append(partial, u.ID)
		}
	}
	if len(exact) > 0 {
		return exact
	}
	return partial
}

// tkRosterMatch matches an upload's names to the members of the official's
// units and shows the result.
func (st *step) tkRosterMatch(tr TalkReader, r *TalkRound, open bool, up TalkRosterUpload) error {
	members, err := st.dir.Members(st.tkScope(), true)
	if err != nil {
		return fmt.Errorf("members of %s: %w", st.tkScope(), err)
	}
	byName := map[string][]Person{}
	for _, p := range members {
		n := tkNormName(p.Name)
		byName[n] = append(byName[n], p)
	}
	for _, ps := range byName {
		slices.SortFunc(ps, func(a, b Person) int { return int(a.ID - b.ID) })
	}
	d := &TalkRosterDraft{File: up.File}
	var unmatched, ambiguous []string
	for _, row := range up.Rows {
		cands := byName[tkNormName(row.Name)]
		if row.Unit != "" && len(cands) > 1 {
			var in []Person
			for _, p := range cands {
				for _, u := range st.tkUnitsNamed(row.Unit) {
					if st.e.Subtree(u, p.Unit) {
						in = append(in, p)
						break
					}
				}
			}
			if len(in) > 0 {
				cands = in
			}
		} else if row.Unit != "" && len(cands) == 1 {
			// One member of that name but in another unit: ask rather
			// than add the wrong person.
			ok := false
			for _, u := range st.tkUnitsNamed(row.Unit) {
				ok = ok || st.e.Subtree(u, cands[0].Unit)
			}
			if !ok {
				d.Ask = append(d.Ask, TalkRosterAsk{Line: row.Line, Name: row.Name, Unit: row.Unit, Phone: row.Phone, Candidates: []int64{cands[0].ID}})
				ambiguous = append(ambiguous, row.Name)
				continue
			}
		}
		switch len(cands) {
		case 0:
			unmatched = append(unmatched, st.t(mTalkRosterLine, row.Name, row.Line))
		case 1:
			st.tkDraftAdd(d, cands[0].ID, row.Phone)
		default:
			ids := make([]int64, len(cands))
			for i, p := range cands {
				ids[i] = p.ID
			}
			d.Ask = append(d.Ask, TalkRosterAsk{Line: row.Line, Name: row.Name, Unit: row.Unit, Phone: row.Phone, Candidates: ids})
			ambiguous = append(ambiguous, row.Name)
		}
	}
	already := 0
	if open {
		kept := d.People[:0]
		for _, id := range d.People {
			_, on, err := tr.TalkEntry(r.ID, id)
			if err != nil {
				return err
			}
			if on {
				already++
				delete(d.Phones, id)
				continue
			}
			kept = append(kept, id)
		}
		d.People = kept
	}
	var b strings.Builder
	b.WriteString(st.t(mTalkRosterSummary, up.File, len(up.Rows), r.Title) + "\n")
	b.WriteString(st.t(mTalkRosterMatched, len(d.People)+already))
	if already > 0 {
		b.WriteString(st.t(mTalkRosterAlready, already))
	}
	b.WriteString("\n")
	if len(ambiguous) > 0 {
		b.WriteString(st.t(mTalkRosterAmbiguous, len(ambiguous), st.tkNameList(ambiguous)) + "\n")
	}
	if len(unmatched) > 0 {
		b.WriteString(st.t(mTalkRosterUnmatched, len(unmatched), st.tkNameList(unmatched)) + "\n")
		b.WriteString(st.t(mTalkRosterUnmatchedHint) + "\n")
	}
	st.send(strings.TrimRight(b.String(), "\n"))
	run := st.sess().Talk
	run.Roster = d
	return st.tkRosterNext(r, open)
}

func (st *step) tkDraftAdd(d *TalkRosterDraft, id int64, phone string) {
	if !slices.Contains(d.People, id) {
		d.People = append(d.People, id)
	}
	if p, ok := NormalizePhone(phone); ok {
		if d.Phones == nil {
			d.Phones = map[int64]string{}
		}
		d.Phones[id] = p
	}
}

func (st *step) tkNameList(names []string) string {
	if len(names) <= tkRosterListMax {
		return strings.Join(names, "、")
	}
	return strings.Join(names[:tkRosterListMax], "、") + st.t(mTalkRosterMore, len(names))
}

// tkRosterNext asks about the next ambiguous name, or for confirmation.
func (st *step) tkRosterNext(r *TalkRound, open bool) error {
	run := st.sess().Talk
	d := run.Roster
	s := st.sess()
	if len(d.Ask) > 0 {
		run.Step = tkRosterPick
		seq := s.next()
		a := d.Ask[0]
		unit := ""
		if a.Unit != "" {
			unit = st.t(mTalkRosterUnit, a.Unit)
		}
		var rows [][]Button
		for i, id := range a.Candidates {
			p, ok, err := st.dir.Person(id)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			rows = append(rows, []Button{{Text: st.t(mTalkRosterCandidate, p.Name, st.unitName(p.Unit), p.ID), Data: data(seq, "rp", strconv.Itoa(i))}})
		}
		rows = append(rows, []Button{{Text: st.t(mTalkRosterBtnSkip), Data: data(seq, "rs")}})
		st.send(st.t(mTalkRosterPick, a.Line, a.Name, unit), rows...)
		return nil
	}
	if len(d.People) == 0 {
		run.Step, run.Roster = tkRosterFile, nil
		s.next()
		st.send(st.t(mTalkRosterNobody))
		return nil
	}
	run.Step = tkRosterConfirm
	seq := s.next()
	text := st.t(mTalkRosterConfirmAdd, len(d.People), r.Title)
	if !open {
		text = st.t(mTalkRosterConfirmOpen, len(d.People), r.Title, st.tkWhen(r.Deadline))
	}
	st.send(text, []Button{{Text: st.t(mTalkRosterBtnConfirm), Data: data(seq, "rok")}, {Text: st.t(mTalkRosterBtnReupload), Data: data(seq, "rre")}})
	return nil
}

// tkRosterCallback handles the buttons of the roster conversation.
func (st *step) tkRosterCallback(cb callback) (bool, error) {
	run := st.sess().Talk
	if st.me.Role != RoleOfficial || run.Roster == nil && cb.Verb != "rre" {
		return false, nil
	}
	tr, _ := st.talks()
	switch {
	case run.Step == tkRosterPick && (cb.Verb == "rp" || cb.Verb == "rs"):
		a := run.Roster.Ask[0]
		if cb.Verb == "rp" {
			i, ok := cb.index(len(a.Candidates))
			if !ok {
				return false, nil
			}
			st.tkDraftAdd(run.Roster, a.Candidates[i], a.Phone)
			if stored, open, err := tr.TalkRound(run.Round); err != nil {
				return true, err
			} else if open && stored.Open {
				if _, on, err := tr.TalkEntry(run.Round, a.Candidates[i]); err != nil {
					return true, err
				} else if on { // already on the roster: nothing to add
					run.Roster.People = slices.DeleteFunc(run.Roster.People, func(id int64) bool { return id == a.Candidates[i] })
					delete(run.Roster.Phones, a.Candidates[i])
				}
			}
		}
		run.Roster.Ask = run.Roster.Ask[1:]
		st.answer("", false)
		r, open, ok, err := st.tkRosterRound(tr, run.Round)
		if !ok || err != nil {
			return true, err
		}
		return true, st.tkRosterNext(r, open)
	case cb.Verb == "rre":
		run.Step, run.Roster = tkRosterFile, nil
		st.sess().next()
		st.answer("", false)
		st.send(st.t(mTalkRosterReask))
		return true, nil
	case run.Step == tkRosterConfirm && cb.Verb == "rok":
		st.answer("", false)
		return true, st.tkRosterConfirm(tr)
	}
	return false, nil
}

// tkRosterConfirm adds the draft's people to the round, or opens the round
// with them as its roster.
func (st *step) tkRosterConfirm(tr TalkReader) error {
	run := st.sess().Talk
	d := run.Roster
	r, open, ok, err := st.tkRosterRound(tr, run.Round)
	if !ok || err != nil {
		return err
	}
	s := st.sess()
	s.Flow, s.Talk = FlowNone, nil
	s.next()
	if !open {
		def := *r
		def.People, def.RosterOnly = slices.Clone(d.People), true
		return st.tkOpenWith(tr, &def, TalkRoundState{}, false, d)
	}
	cand := *r
	cand.Units, cand.Roles, cand.People, cand.RosterOnly = nil, nil, d.People, true
	entries, err := st.tkRoster(tr, &cand)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		st.send(st.t(mTalkRosterAdded, 0, r.Title, 0))
		return nil
	}
	for i := range entries {
		entries[i].Phone = d.Phones[entries[i].User]
	}
	st.effect(TalkInvited{Round: r.ID, Entries: entries, By: st.me.ID, Source: d.File})
	ivs := st.tkInvite(r, entries)
	st.send(st.t(mTalkRosterAdded, len(entries), r.Title, ivs))
	return nil
}
