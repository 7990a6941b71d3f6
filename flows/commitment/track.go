package commitment

import (
	"sibu/flows/kit"
)

// Track makes a follow-up action a tracked item of the 台账: owner keeps it
// by deadline (2006-01-02), source says where it came from ("复盘：…").
// The person of st (a 复盘's facilitator, who the access policy let run it)
// assigns it: it needs no review and is active at once, so the reminders,
// 督办, /progress, /done and the ledger apply as to an approved commitment.
// The owner is told with the buttons of their reminders. It returns the
// new item's id. It implements the retro feature's Tracker.
func (f *Feature) Track(s *kit.Step, owner kit.Person, content, source, deadline string) (string, error) {
	st := f.step(s)
	c := Item{ID: newItemID(st.Me.ID, st.Now, 0), Owner: owner.ID, OwnerName: owner.Name, Unit: owner.Unit,
		DeclaredBy: st.Me.ID, Period: st.period(), Content: content, Measures: "—", Source: source, Deadline: deadline,
		Status: StatusActive, Created: st.Now, Updated: st.Now}
	st.Emit(Assigned{Change{Item: c, Entry: st.entry("assigned", source)}})
	st.Push(owner.ID, catalog.T("zh", mAssignedOwner, st.Me.Name, source, st.zhCard(c)), ownerButtons(c.ID))
	return c.ID, nil
}

// Assigned: an item was assigned to its owner from a follow-up action (a
// 复盘's 有待改进之处 or 转化应用) and is active at once.
//
//	{"type":"sibu.commitment.assigned","data":{"item_id":"…","owner":42,"status":"active","source":"复盘：…",…}}
type Assigned struct{ Change }

// EventType implements kit.Effect.
func (Assigned) EventType() string { return "sibu.commitment.assigned" }
