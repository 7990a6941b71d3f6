package talk

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// Matching an uploaded roster to members, asking about namesakes and
// confirming (roster.go has the upload itself).

const rosterListMax = 20 // names listed in the summary before "等 N 个"

// normName compares names without spaces (full-width ones included), which
// lists often put in two-character names (张　三).
func normName(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
}

// unitsNamed returns the units a file's unit cell means: by id or name, or
// the units whose name contains it (第一支部 in 东城街道第一支部).
func (st step) unitsNamed(text string) []string {
	t := normName(text)
	if t == "" {
		return nil
	}
	var exact, partial []string
	for _, u := range st.Env.Units {
		n := normName(u.Name)
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

// inUnitNamed reports whether p is in (the subtree of) a unit the cell
// text means.
func (st step) inUnitNamed(text string, p kit.Person) bool {
	for _, u := range st.unitsNamed(text) {
		if st.Env.Subtree(u, p.Unit) {
			return true
		}
	}
	return false
}

// rosterMatch matches an upload's names to the members of the official's
// units and shows the result.
func (st step) rosterMatch(tr Reader, r *Round, open bool, up RosterUpload) error {
	scope := access.Scope(st.Me)
	members, err := st.Dir.Members(scope, true)
	if err != nil {
		return fmt.Errorf("members of %s: %w", scope, err)
	}
	d, unmatched, ambiguous := st.matchRows(members, up)
	already := 0
	if open {
		if already, err = d.dropOnRoster(tr, r.ID); err != nil {
			return err
		}
	}
	var b strings.Builder
	b.WriteString(st.t(mRosterSummary, up.File, len(up.Rows), r.Title) + "\n")
	b.WriteString(st.t(mRosterMatched, len(d.People)+already))
	if already > 0 {
		b.WriteString(st.t(mRosterAlready, already))
	}
	b.WriteString("\n")
	if len(ambiguous) > 0 {
		b.WriteString(st.t(mRosterAmbiguous, len(ambiguous), st.nameList(ambiguous)) + "\n")
	}
	if len(unmatched) > 0 {
		b.WriteString(st.t(mRosterUnmatched, len(unmatched), st.nameList(unmatched)) + "\n")
		b.WriteString(st.t(mRosterUnmatchedHint) + "\n")
	}
	st.Send(strings.TrimRight(b.String(), "\n"))
	st.run().Roster = d
	return st.rosterNext(r, open)
}

// matchRows matches each row to members by name (and unit, when given):
// one member is added, several are asked about, none is unmatched.
func (st step) matchRows(members []kit.Person, up RosterUpload) (d *RosterDraft, unmatched, ambiguous []string) {
	byName := map[string][]kit.Person{}
	for _, p := range members {
		n := normName(p.Name)
		byName[n] = append(byName[n], p)
	}
	for _, ps := range byName {
		slices.SortFunc(ps, func(a, b kit.Person) int { return int(a.ID - b.ID) })
	}
	d = &RosterDraft{File: up.File}
	for _, row := range up.Rows {
		cands := byName[normName(row.Name)]
		if row.Unit != "" && len(cands) > 1 {
			var in []kit.Person
			for _, p := range cands {
				if st.inUnitNamed(row.Unit, p) {
					in = append(in, p)
				}
			}
			if len(in) > 0 {
				cands = in
			}
		} else if row.Unit != "" && len(cands) == 1 && !st.inUnitNamed(row.Unit, cands[0]) {
			// One member of that name but in another unit: ask rather
			// than add the wrong person.
			d.Ask = append(d.Ask, RosterAsk{Line: row.Line, Name: row.Name, Unit: row.Unit, Phone: row.Phone, Candidates: []int64{cands[0].ID}})
			ambiguous = append(ambiguous, row.Name)
			continue
		}
		switch len(cands) {
		case 0:
			unmatched = append(unmatched, st.t(mRosterLine, row.Name, row.Line))
		case 1:
			d.add(cands[0].ID, row.Phone)
		default:
			ids := make([]int64, len(cands))
			for i, p := range cands {
				ids[i] = p.ID
			}
			d.Ask = append(d.Ask, RosterAsk{Line: row.Line, Name: row.Name, Unit: row.Unit, Phone: row.Phone, Candidates: ids})
			ambiguous = append(ambiguous, row.Name)
		}
	}
	return d, unmatched, ambiguous
}

// dropOnRoster drops the people already on round's roster from the draft;
// it returns how many.
func (d *RosterDraft) dropOnRoster(tr Reader, round string) (int, error) {
	already := 0
	kept := d.People[:0]
	for _, id := range d.People {
		_, on, err := tr.TalkEntry(round, id)
		if err != nil {
			return 0, err
		}
		if on {
			already++
			delete(d.Phones, id)
			continue
		}
		kept = append(kept, id)
	}
	d.People = kept
	return already, nil
}

// add adds person id with the number the file gave (if valid).
func (d *RosterDraft) add(id int64, phone string) {
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

// drop removes person id from the draft.
func (d *RosterDraft) drop(id int64) {
	d.People = slices.DeleteFunc(d.People, func(p int64) bool { return p == id })
	delete(d.Phones, id)
}

// nameList joins names, the first rosterListMax of them.
func (st step) nameList(names []string) string {
	if len(names) <= rosterListMax {
		return strings.Join(names, "、")
	}
	return strings.Join(names[:rosterListMax], "、") + st.t(mRosterMore, len(names))
}

// rosterNext asks about the next ambiguous name, or for confirmation.
func (st step) rosterNext(r *Round, open bool) error {
	run := st.run()
	d := run.Roster
	if len(d.Ask) > 0 {
		return st.askNamesake(d.Ask[0])
	}
	if len(d.People) == 0 {
		run.Step, run.Roster = stepRosterFile, nil
		st.Next()
		st.Send(st.t(mRosterNobody))
		return nil
	}
	run.Step = stepRosterConfirm
	seq := st.Next()
	text := st.t(mRosterConfirmAdd, len(d.People), r.Title)
	if !open {
		text = st.t(mRosterConfirmOpen, len(d.People), r.Title, st.f.deadline(st.Lang, r.Deadline))
	}
	st.Send(text, []kit.Button{{Text: st.t(mRosterBtnConfirm), Data: kit.Data(seq, "rok")}, {Text: st.t(mRosterBtnReupload), Data: kit.Data(seq, "rre")}})
	return nil
}

// askNamesake asks which member a shared name means.
func (st step) askNamesake(a RosterAsk) error {
	st.run().Step = stepRosterPick
	seq := st.Next()
	unit := ""
	if a.Unit != "" {
		unit = st.t(mRosterUnit, a.Unit)
	}
	var rows [][]kit.Button
	for i, id := range a.Candidates {
		p, ok, err := st.Dir.Person(id)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		rows = append(rows, []kit.Button{{Text: st.t(mRosterCandidate, p.Name, st.UnitName(p.Unit), p.ID), Data: kit.Data(seq, "rp", strconv.Itoa(i))}})
	}
	rows = append(rows, []kit.Button{{Text: st.t(mRosterBtnSkip), Data: kit.Data(seq, "rs")}})
	st.Send(st.t(mRosterPick, a.Line, a.Name, unit), rows...)
	return nil
}

// rosterCallback handles the buttons of the roster conversation.
func (st step) rosterCallback(cb kit.Callback) (bool, error) {
	run := st.run()
	if !access.Allows(st.Step, access.Roster, access.Object{}) || run.Roster == nil && cb.Verb != "rre" {
		return false, nil
	}
	tr, _ := st.reader()
	switch {
	case run.Step == stepRosterPick && (cb.Verb == "rp" || cb.Verb == "rs"):
		return st.pickNamesake(tr, cb)
	case cb.Verb == "rre":
		run.Step, run.Roster = stepRosterFile, nil
		st.Next()
		st.Answer("", false)
		st.Send(st.t(mRosterReask))
		return true, nil
	case run.Step == stepRosterConfirm && cb.Verb == "rok":
		st.Answer("", false)
		return true, st.rosterConfirm(tr)
	}
	return false, nil
}

// pickNamesake takes the member picked for a shared name ("rp"), or skips
// the name ("rs"), and goes on.
func (st step) pickNamesake(tr Reader, cb kit.Callback) (bool, error) {
	run := st.run()
	a := run.Roster.Ask[0]
	if cb.Verb == "rp" {
		i, ok := cb.Index(len(a.Candidates))
		if !ok {
			return false, nil
		}
		id := a.Candidates[i]
		run.Roster.add(id, a.Phone)
		stored, found, err := tr.TalkRound(run.Round)
		if err != nil {
			return true, err
		}
		if found && stored.Open {
			_, on, err := tr.TalkEntry(run.Round, id)
			if err != nil {
				return true, err
			}
			if on { // already on the roster: nothing to add
				run.Roster.drop(id)
			}
		}
	}
	run.Roster.Ask = run.Roster.Ask[1:]
	st.Answer("", false)
	r, open, ok, err := st.rosterRound(tr, run.Round)
	if !ok || err != nil {
		return true, err
	}
	return true, st.rosterNext(r, open)
}

// rosterConfirm adds the draft's people to the round, or opens the round
// with them as its roster.
func (st step) rosterConfirm(tr Reader) error {
	d := st.run().Roster
	r, open, ok, err := st.rosterRound(tr, st.run().Round)
	if !ok || err != nil {
		return err
	}
	st.end()
	st.Next()
	if !open {
		def := *r
		def.People, def.RosterOnly = slices.Clone(d.People), true
		return st.openWith(tr, &def, RoundState{}, false, d)
	}
	cand := *r
	cand.Units, cand.Roles, cand.People, cand.RosterOnly = nil, nil, d.People, true
	entries, err := st.roster(tr, &cand)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		st.Send(st.t(mRosterAdded, 0, r.Title, 0))
		return nil
	}
	d.keepPhones(entries)
	st.Emit(Invited{Round: r.ID, Entries: entries, By: st.Me.ID, Source: d.File})
	ivs := st.invite(r, entries)
	st.Send(st.t(mRosterAdded, len(entries), r.Title, ivs))
	return nil
}
