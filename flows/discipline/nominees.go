package discipline

import (
	"fmt"
	"strconv"
	"strings"

	"sibu/flows/access"
	"sibu/flows/kit"
	"sibu/flows/tipoff"
)

// nomineesCommand answers /nominees: the gate of every nominee of the
// person's units, a button each, and (officials) a new one; "/nominees new"
// adds one.
func (st step) nomineesCommand() error {
	rd, ok := st.reader()
	if !ok {
		st.Send(st.t(mNone))
		return nil
	}
	switch strings.TrimSpace(st.In.Args) {
	case "new", "新建", "添加":
		return st.startAdd()
	}
	all, err := rd.Nominees()
	if err != nil {
		return err
	}
	var b strings.Builder
	var rows [][]kit.Button
	for _, n := range all {
		if !access.Allows(st.Step, access.Nominees, access.Object{Unit: n.Unit}) {
			continue
		}
		b.WriteString("\n" + st.nomineeLine(n))
		rows = append(rows, []kit.Button{{Text: n.Name + "（" + st.UnitName(n.Unit) + "）", Data: "nm:" + n.ID + ":v"}})
	}
	if d, ok := kit.CommandData("nominees", "new"); ok && access.Allows(st.Step, access.Nominate, access.Object{Unit: st.Me.Unit}) {
		rows = append(rows, []kit.Button{{Text: st.t(mBtnAddNominee), Data: d}})
	}
	if len(rows) == 0 || b.Len() == 0 {
		st.Send(st.t(mNomineesNone), rows...)
		return nil
	}
	st.Send(st.t(mNomineesHeader)+b.String(), rows...)
	return nil
}

// marks are the signs of a check's state.
func mark(c Check) string {
	switch c.Verdict {
	case VerdictPass:
		return "✅"
	case VerdictIssue:
		return "❌"
	}
	return "⏳"
}

// nomineeLine is one nominee of the list: name, unit, post, the four
// checks and the outcome.
func (st step) nomineeLine(n Nominee) string {
	var marks []string
	for _, k := range Checks {
		marks = append(marks, st.t(kit.Msg("dc_short_"+string(k)))+mark(n.Check(k)))
	}
	return st.t(mNomineeLine, n.Name, st.UnitName(n.Unit), n.Post, strings.Join(marks, " "), st.outcome(n))
}

// outcome is 可提名, 受阻 or 审查中.
func (st step) outcome(n Nominee) string {
	switch {
	case n.Cleared:
		return st.t(mCleared)
	case len(n.Blocked()) > 0:
		return st.t(mBlocked)
	case n.Passed():
		return st.t(mReady)
	}
	return st.t(mVetting)
}

// card is a nominee with each check's verdict, note and who closed it,
// and the buttons of what the person may do.
func (st step) card(n Nominee) {
	var b strings.Builder
	b.WriteString(st.t(mNomineeCard, n.Name, st.UnitName(n.Unit), n.Post, n.ByName, st.outcome(n)))
	var rows [][]kit.Button
	for _, k := range Checks {
		c := n.Check(k)
		fmt.Fprintf(&b, "\n\n%s %s", mark(c), st.t(kit.Msg("dc_check_"+string(k))))
		if c.Verdict != "" {
			line := st.t(kit.Msg("dc_verdict_"+string(c.Verdict))) + " · " + c.ByName
			if c.Note != "" {
				line += "：" + c.Note
			}
			if c.File != nil {
				line += " 📎"
			}
			b.WriteString("\n" + line)
		}
		if len(c.Tipoffs) > 0 {
			b.WriteString("\n" + st.t(mTipoffsLinked, len(c.Tipoffs)))
		}
		if access.Allows(st.Step, access.Vet, access.Object{Unit: n.Unit, Office: k.Office()}) {
			rows = append(rows, []kit.Button{{Text: st.t(mBtnVet, st.t(kit.Msg("dc_check_"+string(k)))), Data: "nm:" + n.ID + ":ck:" + string(k)}})
		}
	}
	if !n.Cleared && access.Allows(st.Step, access.Nominate, access.Object{Unit: n.Unit}) {
		rows = append(rows, []kit.Button{{Text: st.t(mBtnClear), Data: "nm:" + n.ID + ":ok"}})
	}
	st.Send(b.String(), rows...)
}

// nomineeEntry handles the buttons about a nominee: v (its card), ck
// (close a check), ok (mark 可提名).
func (st step) nomineeEntry(rest string) error {
	id, verb, arg, ok := entryParts(rest)
	rd, has := st.reader()
	if _, known := access.Verb("nm", verb); !ok || !known || !has || !st.Known {
		st.Answer(kit.T(st.Lang, kit.MsgExpired), false)
		return nil
	}
	n, found, err := rd.Nominee(id)
	if err != nil {
		return err
	}
	if !found {
		st.tell(st.t(mGone))
		return nil
	}
	switch verb {
	case "v":
		if access.Check(st.Step, access.Nominees, access.Object{Unit: n.Unit}).Allowed {
			st.Answer("", false)
			st.card(n)
		}
	case "ck":
		return st.startVet(n, CheckKind(arg))
	case "ok":
		st.clear(n)
	}
	return nil
}

// clear marks a nominee 可提名, only when all four checks passed.
func (st step) clear(n Nominee) {
	if !access.Check(st.Step, access.Nominate, access.Object{Unit: n.Unit}).Allowed {
		return
	}
	switch {
	case n.Cleared:
		st.tell(st.t(mAlreadyCleared))
		return
	case len(n.Blocked()) > 0:
		c := n.Blocked()[0]
		st.tell(st.t(mClearBlocked, st.t(kit.Msg("dc_check_"+string(c.Kind))), c.Note))
		return
	case !n.Passed():
		st.tell(st.t(mClearPending))
		return
	}
	st.Answer("", false)
	after := n
	after.Cleared, after.ClearedBy, after.ClearedAt = true, st.Me.ID, st.Now
	st.Emit(Cleared{NomineeChange{Nominee: after, Prev: n.Rev, By: st.Me.ID}})
	st.Send(st.t(mClearedOK, n.Name))
}

// NomineesUnder lists the nominees of unit and the units below it (for an
// inspector linking a tip-off). It implements tipoff.Nominees.
func (f *Feature) NomineesUnder(s *kit.Step, unit string) ([]tipoff.Nominee, error) {
	rd, ok := f.step(s).reader()
	if !ok {
		return nil, nil
	}
	all, err := rd.Nominees()
	if err != nil {
		return nil, err
	}
	var out []tipoff.Nominee
	for _, n := range all {
		if f.Env.Subtree(unit, n.Unit) {
			out = append(out, tipoff.Nominee{ID: n.ID, Name: n.Name, Unit: n.Unit})
		}
	}
	return out, nil
}

// LinkTipoff feeds tip-off id into the 信访举报凡提必查 check of nominee:
// the check is open again (it must be closed anew), and the nominee is no
// longer 可提名. It implements tipoff.Nominees.
func (f *Feature) LinkTipoff(s *kit.Step, nominee, id string) (bool, error) {
	st := f.step(s)
	rd, ok := st.reader()
	if !ok {
		return false, nil
	}
	n, found, err := rd.Nominee(nominee)
	if err != nil || !found {
		return false, err
	}
	c := n.Check(CheckPetition)
	c.Verdict, c.Note, c.File, c.By, c.ByName = "", "", nil, 0, ""
	c.Tipoffs = append(append([]string(nil), c.Tipoffs...), id)
	after := n.withCheck(c)
	after.Cleared, after.ClearedBy = false, 0
	st.Emit(TipoffLinked{NomineeChange: NomineeChange{Nominee: after, Prev: n.Rev, By: st.Me.ID}, Tipoff: id})
	st.Send(st.t(mLinked, n.Name))
	return true, nil
}

// newNomineeID makes a nominee id from who added it and the time.
func newNomineeID(st step) string {
	return "n" + strconv.FormatInt(st.Now.UnixMilli(), 36) + strconv.FormatInt(st.Me.ID%1296, 36)
}
