package commitment

import (
	"fmt"
	"strings"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// declareCommand answers /promise [up|down]: a member declares their items;
// a supervisor with up/down declares the unit's own (三级双向).
func (st step) declareCommand() error {
	run, ok := st.declaration()
	if !ok {
		return nil
	}
	return st.startDeclaration(run)
}

// startDeclaration enters run, a new declaration, within the period's
// maximum, and asks its first field.
func (st step) startDeclaration(run *Run) error {
	p := st.settings()
	existing, returned, err := st.periodItems(run)
	if err != nil {
		return err
	}
	if existing >= p.MaxItems {
		st.Send(st.t(mAtMax, existing, p.MaxItems) + st.returnedHint(returned))
		return nil
	}
	st.enter(run)
	who := st.Me.Name
	if run.Dir != DirPerson {
		who = st.ownerLabel(Item{Unit: run.Unit, Direction: run.Dir})
	}
	st.Send(st.t(mIntro, who, st.period(), p.MinItems, p.MaxItems, existing) + st.returnedHint(returned))
	st.askField()
	return nil
}

// declaration reads /promise's argument into a new declaration run;
// ok=false when answered already.
func (st step) declaration() (*Run, bool) {
	arg := strings.TrimSpace(st.In.Args)
	run := &Run{Mode: modeDeclare, Field: "content", Items: []Draft{{}}}
	leads := access.Allows(st.Step, access.Declare, access.Object{Unit: st.Me.Unit})
	switch {
	case arg == "" && leads:
		st.Send(st.t(mPromiseKind), st.promiseKinds()...)
		return nil, false
	case arg == "" || arg == "self" || arg == "个人" || arg == "我":
		return run, true
	case !access.Check(st.Step, access.Declare, access.Object{Unit: st.Me.Unit}).Allowed:
		return nil, false
	}
	switch arg {
	case "up", "上级", "向上":
		run.Dir = DirUp
	case "down", "党员", "向下":
		run.Dir = DirDown
	default:
		st.Send(st.t(mPromiseKind), st.promiseKinds()...)
		return nil, false
	}
	run.Unit = st.Me.Unit
	if st.f.reviewUnit(Item{Unit: run.Unit, Direction: run.Dir}, 1) == "" {
		st.Send(st.t(mNoUpper, st.UnitName(run.Unit)))
		return nil, false
	}
	return run, true
}

// promiseKinds are the choices of /promise for a unit's leads: their own
// items, or the unit's to the level above (when it has one) or to its
// members (三级双向).
func (st step) promiseKinds() [][]kit.Button {
	args := []string{"self"}
	labels := []string{st.t(mBtnPromiseSelf)}
	if st.f.reviewUnit(Item{Unit: st.Me.Unit, Direction: DirUp}, 1) != "" { // someone above reviews them
		args = append(args, "up", "down")
		labels = append(labels, st.t(mBtnPromiseUp), st.t(mBtnPromiseDown))
	}
	return kit.CommandButtons("promise", args, labels, 1)
}

// periodItems counts the items already declared this period for the
// declaration run describes (returned ones included: they come back).
func (st step) periodItems(run *Run) (int, []Item, error) {
	r, err := st.reader()
	if err != nil {
		return 0, nil, err
	}
	var items []Item
	if run.Dir == DirPerson {
		items, err = r.CommitmentsOf(st.Me.ID)
	} else {
		items, err = r.UnitCommitments(run.Unit)
	}
	if err != nil {
		return 0, nil, fmt.Errorf("commitments: %w", err)
	}
	n := 0
	var returned []Item
	for _, c := range items {
		if c.Period != st.period() || c.Direction != run.Dir || run.Dir != DirPerson && c.Unit != run.Unit {
			continue
		}
		n++
		if c.Status == StatusReturned {
			returned = append(returned, c)
		}
	}
	return n, returned, nil
}

// returnedHint lists the returned items of the period after a message.
func (st step) returnedHint(returned []Item) string {
	if len(returned) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n\n" + st.t(mReturnedHint, len(returned)))
	for _, c := range returned {
		fmt.Fprintf(&b, "\n· %s — %s", short(c.Content, 20), c.Comment)
	}
	return b.String()
}

// askField asks for the current field of the current draft.
func (st step) askField() {
	run := st.run()
	n := run.Cur + 1
	switch run.Field {
	case "content":
		st.Next()
		st.Send(st.t(mAskContent, n))
	case "measures":
		st.Next()
		st.Send(st.t(mAskMeasures, n))
	case "deadline":
		st.datePrompt(st.t(mAskDeadline, n))
	case "source":
		if d := run.Items[run.Cur]; d.Opinion != "" && d.Source != "" {
			run.Field = "summary" // drawn from an opinion: its source is known
			st.declareSummary()
			return
		}
		seq := st.Next()
		var row []kit.Button
		for i, s := range st.settings().Sources {
			row = append(row, kit.Button{Text: s, Data: kit.Data(seq, "src", fmt.Sprint(i))})
		}
		st.Send(st.t(mAskSource, n), row, []kit.Button{{Text: st.t(mBtnSkip), Data: kit.Data(seq, "src", "-")}})
	case "summary":
		st.declareSummary()
	case "menu":
		st.editMenu()
	}
}

// declareSummary lists the drafts with 再加一项 / 提交审核 / 删除最后一项.
func (st step) declareSummary() {
	run := st.run()
	p := st.settings()
	var b strings.Builder
	b.WriteString(st.t(mSummary, len(run.Items)))
	for i, d := range run.Items {
		fmt.Fprintf(&b, "\n\n%d. %s\n   %s\n   %s", i+1, d.Content, st.t(mMeasuresLabel, d.Measures), st.t(mDeadlineLabel, st.dateText(d.Deadline)))
		if d.Source != "" {
			b.WriteString(" · " + d.Source)
		}
	}
	seq := st.Next()
	rows := [][]kit.Button{{{Text: st.t(mBtnAdd), Data: kit.Data(seq, "add")}, {Text: st.t(mBtnSubmit), Data: kit.Data(seq, "sub")}},
		{{Text: st.t(mBtnDelLast), Data: kit.Data(seq, "del")}}}
	b.WriteString("\n\n" + st.t(mSummaryHint, p.MinItems, p.MaxItems))
	st.Send(b.String(), rows...)
}

// declareInput takes the typed text of the current field.
func (st step) declareInput() error {
	run := st.run()
	d := &run.Items[run.Cur]
	var next string
	switch run.Field {
	case "content":
		t, ok := st.textField(maxContent)
		if !ok {
			return nil
		}
		d.Content, next = t, "measures"
	case "measures":
		t, ok := st.textField(maxMeasures)
		if !ok {
			return nil
		}
		d.Measures, next = t, "deadline"
	case "deadline", "confirm_date":
		st.dateInput()
		return nil
	case "source":
		t, ok := st.textField(20)
		if !ok {
			return nil
		}
		d.Source = t
		run.Field = "summary"
		st.askField()
		return nil
	default:
		st.Send(st.t(kit.MsgUseButtons))
		return nil
	}
	st.nextField(next)
	return nil
}

// nextField moves on to field after one was filled: editing a returned
// item goes back to its menu instead.
func (st step) nextField(field string) {
	run := st.run()
	run.Field = field
	if run.Mode == modeEdit {
		run.Field = "menu"
	}
	st.askField()
}

// declareBack is /back while declaring: the previous field.
func (st step) declareBack() error {
	run := st.run()
	switch run.Field {
	case "content":
		if run.Cur == 0 {
			st.Send(st.t(kit.MsgNothingToBack))
			return nil
		}
		run.Items = run.Items[:run.Cur]
		run.Cur, run.Field = run.Cur-1, "summary"
	case "measures":
		run.Field = "content"
	case "deadline":
		run.Field, run.Month = "measures", ""
	case "confirm_date":
		run.Field, run.Date = "deadline", ""
	case "source":
		run.Field = "deadline"
	case "summary":
		run.Field = "source"
	}
	st.askField()
	return nil
}
