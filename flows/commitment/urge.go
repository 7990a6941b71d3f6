package commitment

import (
	"fmt"
	"slices"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// urgeCommand answers /urge: the overdue and nearly due items under me,
// each with a 督办 button.
func (st step) urgeCommand() error {
	items, err := st.overdueUnder(st.Me.Unit, 3)
	if err != nil {
		return err
	}
	items = slices.DeleteFunc(items, func(c Item) bool { return !st.may(access.Urge, c) })
	if len(items) == 0 {
		st.Send(st.t(mUrgeNone))
		return nil
	}
	var rows [][]kit.Button
	for i, c := range items {
		if i == 20 {
			break
		}
		rows = append(rows, []kit.Button{itemButton(fmt.Sprintf("%s · %s（%s）", short(st.ownerLabel(c), 8), short(c.Content, 14), c.Deadline), c.ID, "ur")})
	}
	st.Send(st.t(mUrgePick), rows...)
	return nil
}

// startUrge asks a supervisor for the 督办 note about c.
func (st step) startUrge(c Item) error {
	if !st.check(access.Urge, c) {
		return nil
	}
	if !c.active() {
		st.Answer(st.t(mNotActive, st.statusName(c.Status)), true)
		return nil
	}
	st.Answer("", false)
	st.enter(&Run{Mode: modeUrge, Item: c.ID})
	seq := st.Next()
	st.Send(st.t(mAskUrge, st.ownerLabel(c), short(c.Content, 40), st.dateText(c.Deadline)), st.cancelRow(seq))
	return nil
}

// urgeButton is the 督办 button of a push about item id.
func urgeButton(id string) []kit.Button {
	return []kit.Button{itemButton(catalog.T("zh", mBtnUrge), id, "ur")}
}

// urgeItem sends the 督办 note t about the item the run acts on.
func (st step) urgeItem(t string, c Item, found bool) error {
	if !found || !c.active() {
		st.leave()
		st.Send(st.t(mAlreadyHandled))
		return nil
	}
	if !st.check(access.Urge, c) {
		st.leave()
		return nil
	}
	prev := c.Rev
	c.Updated = st.Now
	st.Emit(Urged{Change{Item: c, Prev: prev, From: c.Status, Entry: st.entry("urged", t)}})
	chats, err := st.f.ownerChats(st.Dir, c)
	if err != nil {
		return err
	}
	for _, id := range chats {
		st.PushUrgent(id, catalog.T("zh", mUrgeOwner, st.Me.Name, t, short(c.Content, 40), st.dateText(c.Deadline)), ownerButtons(c.ID))
	}
	st.leave(st.t(mUrgeSent, st.ownerLabel(c)))
	st.Send(st.t(mUrgeSent, st.ownerLabel(c)))
	return nil
}
