package commitment

import (
	"strconv"
	"strings"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// itemEntry handles the buttons of pushes about one item:
// "pr:<item>:<verb>[:<arg>]" — ok/rt (审 at a level), ed (edit a returned
// item), pg/dn/ex (汇报进展/已完成/申请延期), ur (督办), xa/xr (extension
// approved/refused), rd (set the 整改 deadline). The item's state makes a
// stale or replayed button harmless: it is answered and changes nothing.
func (st step) itemEntry(rest string) error {
	parts := strings.SplitN(rest, ":", 3)
	if len(parts) < 2 || !st.Known {
		st.Answer(st.t(kit.MsgExpired), false)
		return nil
	}
	c, ok, err := st.item(parts[0])
	if err != nil {
		return err
	}
	if !ok {
		st.Answer(st.t(kit.MsgExpired), false)
		return nil
	}
	arg := ""
	if len(parts) == 3 {
		arg = parts[2]
	}
	if _, known := access.Verb("pr", parts[1]); !known {
		st.Answer(st.t(kit.MsgExpired), false)
		return nil
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
	st.Answer(st.t(kit.MsgExpired), false)
	return nil
}

// mayReview reports whether the access policy lets me review c at its
// level (saying why not when tell).
func (st step) mayReview(c Item, tell bool) (bool, error) {
	quick := access.Object{Unit: c.Unit, Item: policyItem(c, st.f.reviewUnit(c, c.Level), nil)}
	if !tell && !access.Allows(st.Step, access.Review, quick) {
		return false, nil // not theirs to review: no need to read who approved it
	}
	o, err := st.reviewObject(c)
	if err != nil {
		return false, err
	}
	if tell {
		return access.Check(st.Step, access.Review, o).Allowed, nil
	}
	return access.Allows(st.Step, access.Review, o), nil
}

// reviewable checks that c waits for review at level (as the button says)
// and that me may review it there.
func (st step) reviewable(c Item, level string) (bool, error) {
	if c.Status != StatusReview || strconv.Itoa(c.Level) != level {
		st.handledAlready(c)
		return false, nil
	}
	return st.mayReview(c, true)
}

// approve passes c at its level: on to the next level, or active and 公示.
func (st step) approve(c Item, level string) error {
	if ok, err := st.reviewable(c, level); !ok || err != nil {
		return err
	}
	prev := c.Rev
	p := st.settings()
	lvl := c.Level
	c.Updated = st.Now
	next := ""
	if lvl < p.Levels {
		next = st.f.reviewUnit(c, lvl+1)
	}
	note := st.t(mApprovedBy, lvl, st.Me.Name)
	if next != "" {
		c.Level = lvl + 1
		st.Emit(Approved{Change{Item: c, Prev: prev, From: StatusReview, Entry: st.entry("approved", note)}})
		if err := st.askReview(c, st.Me.ID); err != nil {
			return err
		}
		st.editOrSend(st.zhCard(c) + "\n\n" + st.t(mApprovedNext, lvl, st.UnitName(next)))
		return nil
	}
	c.Status, c.Level = StatusActive, 0
	st.Emit(Approved{Change{Item: c, Prev: prev, From: StatusReview, Entry: st.entry("approved", note)}})
	published := st.publish(c, prev)
	chats, err := st.f.ownerChats(st.Dir, c)
	if err != nil {
		return err
	}
	told := mApprovedOwner // 公示 is said only when it was posted to a group
	if published {
		told = mApprovedOwnerPublished
	}
	for _, id := range chats {
		if id != st.Me.ID {
			st.PushUrgent(id, catalog.T("zh", told, short(c.Content, 40), st.dateText(c.Deadline)))
		}
	}
	done := st.t(mApprovedFinal)
	if published {
		done += st.t(mPublished)
	}
	st.editOrSend(st.zhCard(c) + "\n\n" + done)
	return nil
}

// publish posts the approved c to its unit's group (公示) unless the unit
// has none or publishing is off; true when it did.
func (st step) publish(c Item, prev int64) bool {
	u, ok := st.Env.Unit(c.Unit)
	if !ok || u.Group == 0 || st.settings().NoPublish {
		return false
	}
	st.Push(u.Group, catalog.T("zh", mPublicNotice, u.Name)+"\n"+st.zhCard(c))
	e := st.entry("published", "")
	st.Emit(Published{Change{Item: c, Prev: prev + 1, Follows: true, From: StatusActive, Entry: e}})
	return true
}

// startReturn asks the reviewer for the comment of a return (退回).
func (st step) startReturn(c Item, level string) error {
	if ok, err := st.reviewable(c, level); !ok || err != nil {
		return err
	}
	st.Answer("", false)
	st.enter(&Run{Mode: modeReturn, Item: c.ID, Text: level, Msg: st.In.MessageID})
	seq := st.Next()
	st.Send(st.t(mAskReturn, short(c.Content, 40)), st.cancelRow(seq))
	return nil
}

// returnItem returns the item the run acts on with the reviewer's comment t.
func (st step) returnItem(t string, c Item, found bool) error {
	if !found || c.Status != StatusReview || strconv.Itoa(c.Level) != st.run().Text {
		st.leave()
		st.Send(st.t(mAlreadyHandled))
		return nil
	}
	if ok, err := st.mayReview(c, true); !ok || err != nil {
		st.leave()
		return err
	}
	prev := c.Rev
	c.Status, c.Comment, c.Level, c.Updated = StatusReturned, t, 0, st.Now
	st.Emit(Returned{Change{Item: c, Prev: prev, From: StatusReview, Entry: st.entry("returned", t)}})
	chats, err := st.f.ownerChats(st.Dir, c)
	if err != nil {
		return err
	}
	for _, id := range chats {
		st.PushUrgent(id, catalog.T("zh", mReturnedOwner, st.Me.Name, short(c.Content, 40), t),
			[]kit.Button{itemButton(catalog.T("zh", mBtnEditResubmit), c.ID, "ed")})
	}
	msg := st.run().Msg
	st.leave(st.t(mReturnedDone, short(c.Content, 40)))
	st.Edit(msg, st.zhCard(c)+"\n\n"+st.t(mReturnedNote, t))
	st.Send(st.t(mReturnedDone, short(c.Content, 40)))
	return nil
}

// reviewCommand answers /review: the items waiting for me, each with its
// buttons again (a lost push is never a lost review).
func (st step) reviewCommand() error {
	mine, err := st.myReviews()
	if err != nil {
		return err
	}
	if len(mine) == 0 {
		st.Send(st.t(mReviewNone))
		return nil
	}
	st.Send(st.t(mReviewList, len(mine)))
	for i, c := range mine {
		if i == 10 {
			st.Send(st.t(mReviewMore, len(mine)-10))
			break
		}
		st.Send(st.t(mReviewPush, c.Level, st.UnitName(st.f.reviewUnit(c, c.Level)))+"\n"+st.itemCard(c),
			reviewButtons(st.Lang, c))
	}
	return nil
}
