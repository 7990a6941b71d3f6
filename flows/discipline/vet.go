package discipline

import (
	"strings"
	"unicode/utf8"

	"sibu/flows/access"
	"sibu/flows/kit"
	"sibu/flows/tipoff"
)

// startAdd starts adding a nominee: the name first.
func (st step) startAdd() error {
	if !access.Check(st.Step, access.Nominate, access.Object{Unit: st.Me.Unit}).Allowed {
		return nil
	}
	n := &Nominee{ID: newNomineeID(st), By: st.Me.ID, ByName: st.Me.Name, Unit: st.Me.Unit}
	st.enter(&Run{Mode: modeAdd, Step: stepName, Nominee: n})
	st.Next()
	st.Send(st.t(mAskNomineeName))
	return nil
}

// addText takes the typed name, unit or post of a new nominee.
func (st step) addText(text string) error {
	run := st.run()
	n := run.Nominee
	switch run.Step {
	case stepName:
		if l := utf8.RuneCountInString(text); l < 2 || l > 20 {
			st.Send(st.t(mBadName))
			return nil
		}
		n.Name, run.Step = text, stepUnit
		st.askNomineeUnit()
	case stepUnit:
		u, ok := st.Env.FindUnit(text, st.Me.Unit)
		if !ok {
			if ids := st.Env.MatchUnits(text, st.Me.Unit); len(ids) > 1 && len(ids) <= 40 {
				st.Send(st.t(mNamesakes, len(ids)), st.Env.NamesakeButtons(ids, st.Next(), "u")...)
				return nil
			}
			st.Send(st.t(mBadUnit))
			return nil
		}
		n.Unit, run.Step = u, stepPost
		st.askPost()
	case stepPost:
		n.Post = text
		st.confirmNominee()
	default:
		st.Send(kit.T(st.Lang, kit.MsgUseButtons))
	}
	return nil
}

// askNomineeUnit offers the units of the official's subtree.
func (st step) askNomineeUnit() {
	seq := st.Next()
	var rows [][]kit.Button
	var row []kit.Button
	for _, u := range st.Env.TopUnits(st.Me.Unit, 40) { // the others typed
		row = append(row, kit.Button{Text: st.UnitName(u), Data: kit.Data(seq, "u", u)})
		if len(row) == 2 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	st.Send(st.t(mAskNomineeUnit, st.run().Nominee.Name), rows...)
}

// askPost asks for the post (拟任职务), which may be skipped.
func (st step) askPost() {
	seq := st.Next()
	st.Send(st.t(mAskPost), []kit.Button{{Text: st.t(mBtnSkip), Data: kit.Data(seq, "skip")}})
}

// confirmNominee shows the new nominee before adding them.
func (st step) confirmNominee() {
	run := st.run()
	run.Step = stepConfirm
	seq := st.Next()
	n := run.Nominee
	st.Send(st.t(mConfirmNominee, n.Name, st.UnitName(n.Unit), n.Post), []kit.Button{{Text: st.t(mBtnAddOK), Data: kit.Data(seq, "ok")}})
}

// addButton takes the unit, 跳过 and 确认 of a new nominee.
func (st step) addButton(cb kit.Callback) (bool, error) {
	run := st.run()
	n := run.Nominee
	switch {
	case cb.Verb == "u" && run.Step == stepUnit && st.Env.Subtree(st.Me.Unit, cb.Arg):
		st.Chose(st.t(mAskNomineeUnit, n.Name), st.UnitName(cb.Arg))
		n.Unit, run.Step = cb.Arg, stepPost
		st.askPost()
		return true, nil
	case cb.Verb == "skip" && run.Step == stepPost:
		st.Chose(st.t(mAskPost), st.t(mBtnSkip))
		st.confirmNominee()
		return true, nil
	case cb.Verb == "ok" && run.Step == stepConfirm:
		return true, st.addNominee()
	}
	return false, nil
}

// addNominee adds the nominee with four open checks and tells the offices
// that close them.
func (st step) addNominee() error {
	if !access.Check(st.Step, access.Nominate, access.Object{Unit: st.run().Nominee.Unit}).Allowed {
		return nil
	}
	n := *st.run().Nominee
	n.Added = st.Now
	for _, k := range Checks {
		n.Checks = append(n.Checks, Check{Kind: k})
	}
	st.Emit(NomineeAdded{Nominee: n})
	told := 0
	for _, role := range []kit.Role{kit.RoleOfficial, kit.RoleInspector} {
		people, err := st.officeOf(n.Unit, role)
		if err != nil {
			return err
		}
		for _, p := range people {
			if p.ID == st.Me.ID {
				continue
			}
			told++
			st.Push(p.ID, catalog.T("zh", mNomineePush, st.Me.Name, n.Name, st.UnitName(n.Unit), catalog.T("zh", kit.Msg("dc_office_"+string(role)))),
				[]kit.Button{{Text: catalog.T("zh", mBtnOpenNominee), Data: "nm:" + n.ID + ":v"}})
		}
	}
	st.Chose(st.t(mConfirmNominee, n.Name, st.UnitName(n.Unit), n.Post), st.t(mAddedShort))
	st.end(st.t(mAddedShort))
	st.Send(st.t(mAdded, n.Name, told))
	st.card(n)
	return nil
}

// officeOf is the people of role at unit or the nearest unit above it
// that has any: the office that closes a nominee's checks.
func (st step) officeOf(unit string, role kit.Role) ([]kit.Person, error) {
	for u := unit; u != ""; u = st.Env.Parent(u) {
		ms, err := st.Dir.Members(u, false)
		if err != nil {
			return nil, err
		}
		var out []kit.Person
		for _, p := range ms {
			if p.Role == role {
				out = append(out, p)
			}
		}
		if len(out) > 0 {
			return out, nil
		}
	}
	return nil, nil
}

// startVet starts closing check k of n: the verdict first.
func (st step) startVet(n Nominee, k CheckKind) error {
	if k.Office() == "" || !validCheck(k) {
		st.Answer(kit.T(st.Lang, kit.MsgExpired), false)
		return nil
	}
	if !access.Check(st.Step, access.Vet, access.Object{Unit: n.Unit, Office: k.Office()}).Allowed {
		return nil
	}
	if recused, err := st.recused(n, k); err != nil || recused {
		return err
	}
	st.Answer("", false)
	st.enter(&Run{Mode: modeVet, Step: stepVerdict, ID: n.ID, Check: k})
	seq := st.Next()
	st.Send(st.t(mAskVerdict, n.Name, st.t(kit.Msg("dc_check_"+string(k)))),
		[]kit.Button{{Text: st.t(mBtnPass), Data: kit.Data(seq, "v", string(VerdictPass))},
			{Text: st.t(mBtnIssue), Data: kit.Data(seq, "v", string(VerdictIssue))}})
	return nil
}

// recused tells (and reports) when the person may not close check k of n:
// its 信访举报凡提必查 follows tip-offs linked to it, and an inspector who
// may not read one of them (the inspectors of the unit it is about) may
// not close the check that answers it either.
func (st step) recused(n Nominee, k CheckKind) (bool, error) {
	ids := n.Check(k).Tipoffs
	rd, ok := st.Dir.(tipoff.Reader)
	if k != CheckPetition || len(ids) == 0 || !ok {
		return false, nil
	}
	for _, id := range ids {
		t, found, err := rd.Tipoff(id)
		if err != nil {
			return true, err
		}
		if found && !access.Allows(st.Step, access.Inspect, access.Object{Unit: t.Unit}) {
			st.tell(st.t(mVetRecused))
			return true, nil
		}
	}
	return false, nil
}

// validCheck reports whether k is one of the four checks.
func validCheck(k CheckKind) bool {
	for _, c := range Checks {
		if c == k {
			return true
		}
	}
	return false
}

// vetButton takes the verdict, 跳过 (no note for 通过) and 无附件.
func (st step) vetButton(cb kit.Callback) (bool, error) {
	run := st.run()
	switch {
	case cb.Verb == "v" && run.Step == stepVerdict && (cb.Arg == string(VerdictPass) || cb.Arg == string(VerdictIssue)):
		run.Verdict, run.Step = Verdict(cb.Arg), stepNote
		st.Chose(st.t(mVerdictTitle), st.t(kit.Msg("dc_verdict_"+cb.Arg)))
		seq := st.Next()
		if run.Verdict == VerdictIssue {
			st.Send(st.t(mAskIssue))
			return true, nil
		}
		st.Send(st.t(mAskNote), []kit.Button{{Text: st.t(mBtnSkip), Data: kit.Data(seq, "skip")}})
		return true, nil
	case cb.Verb == "skip" && run.Step == stepNote && run.Verdict == VerdictPass:
		st.Chose(st.t(mAskNote), st.t(mBtnSkip))
		st.askEvidence()
		return true, nil
	case cb.Verb == "nofile" && run.Step == stepFile:
		st.DropButtons(st.In.MessageID)
		st.NoEdit = true
		return true, st.closeCheck()
	}
	return false, nil
}

// askEvidence asks for the evidence (a document or photo), which may be
// left out.
func (st step) askEvidence() {
	run := st.run()
	run.Step = stepFile
	seq := st.Next()
	st.Send(st.t(mAskEvidence), []kit.Button{{Text: st.t(mBtnNoFile), Data: kit.Data(seq, "nofile")}})
}

// vetInput takes the note, or the evidence.
func (st step) vetInput() error {
	run := st.run()
	switch run.Step {
	case stepNote:
		text := strings.TrimSpace(st.In.Text)
		if st.In.Kind != kit.InputText || text == "" || utf8.RuneCountInString(text) > 500 {
			st.Send(st.t(mNoteLength))
			return nil
		}
		run.Note = text
		st.askEvidence()
	case stepFile:
		if st.In.Kind != kit.InputOther || st.In.FileID == "" {
			st.Send(st.t(mEvidenceOnly))
			return nil
		}
		run.File = &kit.File{Kind: st.In.Other, ID: st.In.FileID}
		return st.closeCheck()
	default:
		st.Send(kit.T(st.Lang, kit.MsgUseButtons))
	}
	return nil
}

// closeCheck closes the check with what was collected.
func (st step) closeCheck() error {
	run := st.run()
	rd, _ := st.reader()
	n, found, err := rd.Nominee(run.ID)
	if err != nil || !found {
		st.end("")
		return err
	}
	if !access.Check(st.Step, access.Vet, access.Object{Unit: n.Unit, Office: run.Check.Office()}).Allowed {
		st.end("")
		return nil
	}
	if recused, err := st.recused(n, run.Check); err != nil || recused {
		st.end("")
		return err
	}
	c := n.Check(run.Check)
	c.Verdict, c.Note, c.File, c.By, c.ByName, c.At = run.Verdict, run.Note, run.File, st.Me.ID, st.Me.Name, st.Now
	after := n.withCheck(c)
	if run.Verdict == VerdictIssue {
		after.Cleared, after.ClearedBy = false, 0
	}
	st.Emit(CheckClosed{NomineeChange: NomineeChange{Nominee: after, Prev: n.Rev, By: st.Me.ID}, Kind: run.Check})
	st.end(st.t(mVetShort))
	st.Send(st.t(mVetDone, n.Name, st.t(kit.Msg("dc_check_"+string(run.Check))), st.t(kit.Msg("dc_verdict_"+string(run.Verdict)))))
	st.card(after)
	return nil
}
