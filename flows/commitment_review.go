package flows

import (
	"fmt"
	"strconv"
	"strings"
)

// promiseEntry handles the buttons of pushes about one item:
// "pr:<item>:<verb>[:<arg>]" — ok/rt (审 at a level), ed (edit a returned
// item), pg/dn/ex (汇报进展/已完成/申请延期), ur (督办), xa/xr (extension
// approved/refused), rd (set the 整改 deadline). The item's state makes a
// stale or replayed button harmless: it is answered and changes nothing.
func (st *step) promiseEntry(rest string) error {
	parts := strings.SplitN(rest, ":", 3)
	if len(parts) < 2 || !st.ok {
		st.answer(st.t(mExpired), false)
		return nil
	}
	c, ok, err := st.item(parts[0])
	if err != nil {
		return err
	}
	if !ok {
		st.answer(st.t(mExpired), false)
		return nil
	}
	arg := ""
	if len(parts) == 3 {
		arg = parts[2]
	}
	switch parts[1] {
	case "ok":
		return st.approve(c, arg)
	case "rt":
		return st.startReturn(c, arg)
	case "ed":
		return st.editReturned(c)
	case "pg":
		return st.startEvidence(c, modeProgress)
	case "dn":
		return st.startEvidence(c, modeDone)
	case "ex":
		return st.startExtend(c)
	case "ur":
		return st.startUrge(c)
	case "xa", "xr":
		return st.decideExtension(c, parts[1] == "xa")
	case "rd":
		return st.startRectifyDate(c)
	}
	st.answer(st.t(mExpired), false)
	return nil
}

// reviewable checks that c waits for review at level (as the button says)
// and that me may review it there.
func (st *step) reviewable(c Commitment, level string) bool {
	if c.Status != CommitReview || strconv.Itoa(c.Level) != level {
		st.answer(st.t(mpAlreadyHandled), true)
		return false
	}
	if !st.oversees(st.e.reviewUnit(c, c.Level)) || c.Owner == st.me.ID || c.DeclaredBy == st.me.ID {
		st.answer(st.t(mNoPermission), true)
		return false
	}
	return true
}

// approve passes c at its level: on to the next level, or active and 公示.
func (st *step) approve(c Commitment, level string) error {
	if !st.reviewable(c, level) {
		return nil
	}
	prev := c.Rev
	p := st.promise()
	lvl := c.Level
	c.Updated = st.now
	next := ""
	if lvl < p.Levels {
		next = st.e.reviewUnit(c, lvl+1)
	}
	note := st.t(mpApprovedBy, lvl, st.me.Name)
	if next != "" {
		c.Level = lvl + 1
		st.effect(CommitmentApproved{CommitmentChange{Item: c, Prev: prev, From: CommitReview, Entry: st.entry("approved", note)}})
		if err := st.askReview(c); err != nil {
			return err
		}
		st.editOrSend(st.zhCard(c) + "\n\n" + st.t(mpApprovedNext, lvl, st.unitName(next)))
		return nil
	}
	c.Status, c.Level = CommitActive, 0
	st.effect(CommitmentApproved{CommitmentChange{Item: c, Prev: prev, From: CommitReview, Entry: st.entry("approved", note)}})
	chats, err := st.e.ownerChats(st.dir, c)
	if err != nil {
		return err
	}
	for _, id := range chats {
		if id != st.me.ID {
			st.push(id, T("zh", mpApprovedOwner, short(c.Content, 40), st.dateText(c.Deadline)))
		}
	}
	published := false
	if u, ok := st.e.unit(c.Unit); ok && u.Group != 0 && !p.NoPublish {
		st.push(u.Group, T("zh", mpPublicNotice, u.Name)+"\n"+st.zhCard(c))
		e := st.entry("published", "")
		st.effect(CommitmentPublished{CommitmentChange{Item: c, Prev: prev + 1, Follows: true, From: CommitActive, Entry: e}})
		published = true
	}
	done := st.t(mpApprovedFinal)
	if published {
		done += st.t(mpPublished)
	}
	st.editOrSend(st.zhCard(c) + "\n\n" + done)
	return nil
}

// editOrSend replaces the pressed message (dropping its buttons), or sends
// text when there is no message to edit.
func (st *step) editOrSend(text string) {
	st.answer("", false)
	if st.in.MessageID != 0 && st.in.Kind == InputCallback {
		st.edit(st.in.MessageID, text)
		st.noEdit = true
		return
	}
	st.send(text)
}

func (st *step) startReturn(c Commitment, level string) error {
	if !st.reviewable(c, level) {
		return nil
	}
	st.answer("", false)
	st.enterPromise(&PromiseRun{Mode: modeReturn, Item: c.ID, Text: level})
	seq := st.sess().next()
	st.send(st.t(mpAskReturn, short(c.Content, 40)), []Button{{Text: st.t(mpBtnCancel), Data: data(seq, "x")}})
	return nil
}

func (st *step) returnInput() error {
	run := st.run0()
	t, ok := st.textField(maxNote)
	if !ok {
		return nil
	}
	c, found, err := st.item(run.Item)
	if err != nil {
		return err
	}
	if !found || c.Status != CommitReview || strconv.Itoa(c.Level) != run.Text {
		st.leavePromise()
		st.send(st.t(mpAlreadyHandled))
		return nil
	}
	prev := c.Rev
	c.Status, c.Comment, c.Level, c.Updated = CommitReturned, t, 0, st.now
	st.effect(CommitmentReturned{CommitmentChange{Item: c, Prev: prev, From: CommitReview, Entry: st.entry("returned", t)}})
	chats, err := st.e.ownerChats(st.dir, c)
	if err != nil {
		return err
	}
	for _, id := range chats {
		st.push(id, T("zh", mpReturnedOwner, st.me.Name, short(c.Content, 40), t),
			[]Button{{Text: T("zh", mpBtnEditResubmit), Data: "pr:" + c.ID + ":ed"}})
	}
	st.leavePromise()
	st.send(st.t(mpReturnedDone, short(c.Content, 40)))
	return nil
}

// reviewCommand answers /review: the items waiting for me, each with its
// buttons again (a lost push is never a lost review).
func (st *step) reviewCommand() error {
	if !st.isSupervisor() {
		st.send(st.t(mNoPermission))
		return nil
	}
	r, err := st.reader()
	if err != nil {
		return err
	}
	pending, err := r.PendingReviews()
	if err != nil {
		return fmt.Errorf("pending reviews: %w", err)
	}
	var mine []Commitment
	for _, c := range pending {
		if st.oversees(st.e.reviewUnit(c, c.Level)) && c.Owner != st.me.ID && c.DeclaredBy != st.me.ID {
			mine = append(mine, c)
		}
	}
	if len(mine) == 0 {
		st.send(st.t(mpReviewNone))
		return nil
	}
	st.send(st.t(mpReviewList, len(mine)))
	for i, c := range mine {
		if i == 10 {
			st.send(st.t(mpReviewMore, len(mine)-10))
			break
		}
		lv := strconv.Itoa(c.Level)
		st.send(st.t(mpReviewPush, c.Level, st.unitName(st.e.reviewUnit(c, c.Level)))+"\n"+st.itemCard(c),
			[]Button{{Text: st.t(mpBtnApprove), Data: "pr:" + c.ID + ":ok:" + lv},
				{Text: st.t(mpBtnReturn), Data: "pr:" + c.ID + ":rt:" + lv}})
	}
	return nil
}
