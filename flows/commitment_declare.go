package flows

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

const (
	maxContent  = 200
	maxMeasures = 300
	maxNote     = 1000
)

// promiseCommand answers /promise [up|down]: a member declares their items;
// a supervisor with up/down declares the unit's own (三级双向).
func (st *step) promiseCommand() error {
	if st.isMonitor() {
		st.send(st.t(mNoPermission))
		return nil
	}
	p := st.promise()
	arg := strings.TrimSpace(st.in.Args)
	run := &PromiseRun{Mode: modeDeclare, Field: "content", Items: []PromiseDraft{{}}}
	if arg != "" {
		if !st.isSupervisor() {
			st.send(st.t(mNoPermission))
			return nil
		}
		switch arg {
		case "up", "上级", "向上":
			run.Dir = DirUp
		case "down", "党员", "向下":
			run.Dir = DirDown
		default:
			st.send(st.t(mpPromiseUsage))
			return nil
		}
		run.Unit = st.me.Unit
		if st.e.reviewUnit(Commitment{Unit: run.Unit, Direction: run.Dir}, 1) == "" {
			st.send(st.t(mpNoUpper, st.unitName(run.Unit)))
			return nil
		}
	}
	existing, returned, err := st.periodItems(run)
	if err != nil {
		return err
	}
	if existing >= p.MaxItems {
		st.send(st.t(mpAtMax, existing, p.MaxItems) + st.returnedHint(returned))
		return nil
	}
	st.enterPromise(run)
	who := st.me.Name
	if run.Dir != DirPerson {
		who = st.ownerLabel(Commitment{Unit: run.Unit, Direction: run.Dir})
	}
	st.send(st.t(mpIntro, who, st.period(), p.MinItems, p.MaxItems, existing) + st.returnedHint(returned))
	st.askField()
	return nil
}

// periodItems counts the items already declared this period for the
// declaration run describes (returned ones included: they come back).
func (st *step) periodItems(run *PromiseRun) (int, []Commitment, error) {
	r, err := st.reader()
	if err != nil {
		return 0, nil, err
	}
	var items []Commitment
	if run.Dir == DirPerson {
		items, err = r.CommitmentsOf(st.me.ID)
	} else {
		items, err = r.UnitCommitments(run.Unit)
	}
	if err != nil {
		return 0, nil, fmt.Errorf("commitments: %w", err)
	}
	n := 0
	var returned []Commitment
	for _, c := range items {
		if c.Period != st.period() || c.Direction != run.Dir || run.Dir != DirPerson && c.Unit != run.Unit {
			continue
		}
		n++
		if c.Status == CommitReturned {
			returned = append(returned, c)
		}
	}
	return n, returned, nil
}

func (st *step) returnedHint(returned []Commitment) string {
	if len(returned) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n\n" + st.t(mpReturnedHint, len(returned)))
	for _, c := range returned {
		fmt.Fprintf(&b, "\n· %s — %s", short(c.Content, 20), c.Comment)
	}
	return b.String()
}

// askField asks for the current field of the current draft.
func (st *step) askField() {
	run := st.run0()
	n := run.Cur + 1
	switch run.Field {
	case "content":
		st.sess().next()
		st.send(st.t(mpAskContent, n))
	case "measures":
		st.sess().next()
		st.send(st.t(mpAskMeasures, n))
	case "deadline":
		st.datePrompt(st.t(mpAskDeadline, n))
	case "source":
		seq := st.sess().next()
		var row []Button
		for i, s := range st.promise().Sources {
			row = append(row, Button{Text: s, Data: data(seq, "src", fmt.Sprint(i))})
		}
		st.send(st.t(mpAskSource, n), row, []Button{{Text: st.t(mpBtnSkip), Data: data(seq, "src", "-")}})
	case "summary":
		st.declareSummary()
	case "menu":
		st.editMenu()
	}
}

func (st *step) declareSummary() {
	run := st.run0()
	p := st.promise()
	var b strings.Builder
	b.WriteString(st.t(mpSummary, len(run.Items)))
	for i, d := range run.Items {
		fmt.Fprintf(&b, "\n\n%d. %s\n   %s\n   %s", i+1, d.Content, st.t(mpMeasuresLabel, d.Measures), st.t(mpDeadlineLabel, st.dateText(d.Deadline)))
		if d.Source != "" {
			b.WriteString(" · " + d.Source)
		}
	}
	seq := st.sess().next()
	rows := [][]Button{{{Text: st.t(mpBtnAdd), Data: data(seq, "add")}, {Text: st.t(mpBtnSubmit), Data: data(seq, "sub")}},
		{{Text: st.t(mpBtnDelLast), Data: data(seq, "del")}}}
	b.WriteString("\n\n" + st.t(mpSummaryHint, p.MinItems, p.MaxItems))
	st.send(b.String(), rows...)
}

// promiseInput handles typed text, photos and documents in every mode.
func (st *step) promiseInput() error {
	run := st.run0()
	if run == nil {
		st.leavePromise()
		return nil
	}
	switch run.Mode {
	case modeDeclare, modeEdit:
		return st.declareInput()
	case modeReturn:
		return st.returnInput()
	case modeProgress, modeDone:
		return st.evidenceInput()
	case modeUrge:
		return st.urgeInput()
	case modeExtend, modeRectify:
		return st.extendInput()
	case modeReport:
		return st.reportInput()
	}
	st.send(st.t(mUseButtons))
	return nil
}

func (st *step) textField(max int) (string, bool) {
	if st.in.Kind != InputText {
		st.send(st.t(mpTextOnly))
		return "", false
	}
	t := strings.TrimSpace(st.in.Text)
	if n := utf8.RuneCountInString(t); n < 2 || n > max {
		st.send(st.t(mpTextLength, max))
		return "", false
	}
	return t, true
}

func (st *step) declareInput() error {
	run := st.run0()
	d := &run.Items[run.Cur]
	switch run.Field {
	case "content":
		t, ok := st.textField(maxContent)
		if !ok {
			return nil
		}
		d.Content = t
		run.Field = "measures"
		if run.Mode == modeEdit {
			run.Field = "menu"
		}
	case "measures":
		t, ok := st.textField(maxMeasures)
		if !ok {
			return nil
		}
		d.Measures = t
		run.Field = "deadline"
		if run.Mode == modeEdit {
			run.Field = "menu"
		}
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
	default:
		st.send(st.t(mUseButtons))
		return nil
	}
	st.askField()
	return nil
}

// promiseCallback routes a prompt button by mode.
func (st *step) promiseCallback(cb callback) (bool, error) {
	run := st.run0()
	if run == nil {
		return false, nil
	}
	if cb.Verb == "x" { // a prompt's own 取消 button
		st.leavePromise()
		st.edit(st.in.MessageID, st.t(mCancelled))
		st.noEdit = true
		return true, nil
	}
	switch run.Mode {
	case modeDeclare, modeEdit:
		return st.declareCallback(cb)
	case modeProgress, modeDone:
		return st.evidenceCallback(cb)
	case modeExtend, modeRectify:
		return st.extendCallback(cb)
	case modeReport, modeGrade, modeVote:
		return st.evalCallback(cb)
	case modeUrge, modeReturn:
		return false, nil
	}
	return false, nil
}

func (st *step) declareCallback(cb callback) (bool, error) {
	run := st.run0()
	if run.Field == "deadline" || run.Field == "confirm_date" {
		return st.dateCallback(cb, st.askField, func(d string) error {
			run.Items[run.Cur].Deadline = d
			run.Field = "source"
			if run.Mode == modeEdit {
				run.Field = "menu"
			}
			st.askField()
			return nil
		})
	}
	switch cb.Verb {
	case "src":
		if run.Field != "source" {
			return false, nil
		}
		if i, ok := cb.index(len(st.promise().Sources)); ok {
			run.Items[run.Cur].Source = st.promise().Sources[i]
		} else if cb.Arg != "-" {
			return false, nil
		}
		run.Field = "summary"
		st.askField()
		return true, nil
	case "add":
		existing, _, err := st.periodItems(run)
		if err != nil {
			return true, err
		}
		if existing+len(run.Items) >= st.promise().MaxItems {
			st.answer(st.t(mpTooMany, st.promise().MaxItems), true)
			return true, nil
		}
		run.Items = append(run.Items, PromiseDraft{})
		run.Cur, run.Field = len(run.Items)-1, "content"
		st.askField()
		return true, nil
	case "del":
		run.Items = run.Items[:len(run.Items)-1]
		if len(run.Items) == 0 {
			run.Items, run.Cur, run.Field = []PromiseDraft{{}}, 0, "content"
		} else {
			run.Cur = len(run.Items) - 1
		}
		st.askField()
		return true, nil
	case "sub":
		return true, st.submitDeclaration()
	case "ef": // edit menu: change a field
		if run.Mode != modeEdit || run.Field != "menu" {
			return false, nil
		}
		switch cb.Arg {
		case "content", "measures", "deadline":
			run.Field = cb.Arg
			st.askField()
			return true, nil
		}
		return false, nil
	case "rs":
		if run.Mode != modeEdit || run.Field != "menu" {
			return false, nil
		}
		return true, st.resubmit()
	}
	return false, nil
}

// submitDeclaration turns the drafts into items waiting for review.
func (st *step) submitDeclaration() error {
	run := st.run0()
	p := st.promise()
	existing, _, err := st.periodItems(run)
	if err != nil {
		return err
	}
	total := existing + len(run.Items)
	if total < p.MinItems {
		st.answer(st.t(mpTooFew, p.MinItems, total), true)
		return nil
	}
	if total > p.MaxItems {
		st.answer(st.t(mpTooMany, p.MaxItems), true)
		return nil
	}
	for i, d := range run.Items {
		c := Commitment{ID: newItemID(st.me.ID, st.now, i), Owner: st.me.ID, OwnerName: st.me.Name, Unit: st.me.Unit,
			DeclaredBy: st.me.ID, Period: st.period(), Content: d.Content, Measures: d.Measures, Source: d.Source,
			Deadline: d.Deadline, Status: CommitReview, Level: 1, Created: st.now, Updated: st.now}
		if run.Dir != DirPerson {
			c.Owner, c.OwnerName, c.Unit, c.Direction = 0, st.unitName(run.Unit), run.Unit, run.Dir
		}
		st.effect(CommitmentDeclared{CommitmentChange{Item: c, Entry: st.entry("declared", "")}})
		if err := st.askReview(c); err != nil {
			return err
		}
	}
	st.leavePromise()
	st.edit(st.in.MessageID, st.t(mpSubmittedEdit, len(run.Items)))
	st.noEdit = true
	st.send(st.t(mpSubmitted, len(run.Items)))
	return nil
}

// entry is a history line by me now.
func (st *step) entry(what, text string) CommitmentEntry {
	return CommitmentEntry{At: st.now, By: st.me.ID, ByName: st.me.Name, What: what, Text: text}
}

// askReview pushes c to the reviewers of its level with 通过 / 退回.
func (st *step) askReview(c Commitment) error {
	unit := st.e.reviewUnit(c, c.Level)
	people, err := st.e.supervisorsOf(st.dir, unit, c.Owner)
	if err != nil {
		return err
	}
	text := T("zh", mpReviewPush, c.Level, st.unitName(unit)) + "\n" + st.zhCard(c)
	id := fmt.Sprint(c.Level)
	for _, p := range people {
		if p.ID == c.DeclaredBy {
			continue
		}
		st.push(p.ID, text, []Button{{Text: T("zh", mpBtnApprove), Data: "pr:" + c.ID + ":ok:" + id},
			{Text: T("zh", mpBtnReturn), Data: "pr:" + c.ID + ":rt:" + id}})
	}
	return nil
}

// zhCard is itemCard in Chinese (pushes go out in Chinese: the recipient's
// language is not known).
func (st *step) zhCard(c Commitment) string {
	lang := st.lang
	st.lang = "zh"
	defer func() { st.lang = lang }()
	return st.itemCard(c)
}

// promiseBack handles /back in every mode.
func (st *step) promiseBack() error {
	run := st.run0()
	if run == nil {
		st.leavePromise()
		return nil
	}
	if run.Mode == modeEdit {
		if run.Field == "menu" {
			st.send(st.t(mNothingToBack))
			return nil
		}
		run.Field = "menu"
		st.askField()
		return nil
	}
	if run.Mode != modeDeclare {
		return st.otherBack()
	}
	switch run.Field {
	case "content":
		if run.Cur == 0 {
			st.send(st.t(mNothingToBack))
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

// editReturned starts editing a returned item (the 修改 button of a return).
func (st *step) editReturned(c Commitment) error {
	if !st.mayAct(c) {
		st.answer(st.t(mpNotYours), true)
		return nil
	}
	if c.Status != CommitReturned {
		st.answer(st.t(mpAlreadyHandled), true)
		return nil
	}
	st.answer("", false)
	st.enterPromise(&PromiseRun{Mode: modeEdit, Item: c.ID, Field: "menu",
		Items: []PromiseDraft{{Content: c.Content, Measures: c.Measures, Deadline: c.Deadline, Source: c.Source}}})
	st.askField()
	return nil
}

func (st *step) editMenu() {
	run := st.run0()
	d := run.Items[0]
	seq := st.sess().next()
	text := st.t(mpEditMenu, d.Content, d.Measures, st.dateText(d.Deadline))
	if c, ok, _ := st.item(run.Item); ok && c.Comment != "" {
		text += "\n" + st.t(mpReturnComment, c.Comment)
	}
	st.send(text,
		[]Button{{Text: st.t(mpBtnEditContent), Data: data(seq, "ef", "content")},
			{Text: st.t(mpBtnEditMeasures), Data: data(seq, "ef", "measures")},
			{Text: st.t(mpBtnEditDeadline), Data: data(seq, "ef", "deadline")}},
		[]Button{{Text: st.t(mpBtnResubmit), Data: data(seq, "rs")}, {Text: st.t(mpBtnCancel), Data: data(seq, "x")}})
}

func (st *step) resubmit() error {
	run := st.run0()
	c, ok, err := st.item(run.Item)
	if err != nil {
		return err
	}
	if !ok || c.Status != CommitReturned {
		st.leavePromise()
		st.send(st.t(mpAlreadyHandled))
		return nil
	}
	d := run.Items[0]
	prev := c.Rev
	c.Content, c.Measures, c.Deadline = d.Content, d.Measures, d.Deadline
	c.Status, c.Level, c.Comment, c.Updated = CommitReview, 1, "", st.now
	st.effect(CommitmentDeclared{CommitmentChange{Item: c, Prev: prev, From: CommitReturned, Entry: st.entry("resubmitted", "")}})
	if err := st.askReview(c); err != nil {
		return err
	}
	st.leavePromise()
	st.edit(st.in.MessageID, st.t(mpResubmitted, short(c.Content, 30)))
	st.noEdit = true
	return nil
}
