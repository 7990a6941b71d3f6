package join

import (
	"fmt"
	"slices"
	"strings"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// Join requests: someone whose number is not on the roster asks to join
// the unit of the link they opened; the unit's secretaries (its
// supervisors and officials, else the nearest unit above that has some,
// else the admins) approve or refuse with one tap.

// pendingMost is how many waiting requests the to-do and the digest list.
const pendingMost = 5

// request files the join request of a link join whose name was confirmed,
// and pushes it to the unit's deciders.
func (st step) request(j *Run) error {
	req := Request{ID: st.Env.NewCode(), User: st.In.UserID, Name: j.Name, Unit: j.Unit, Tail: j.Tail,
		RosterName: j.RosterName, At: st.Now, Status: RequestPending}
	st.Emit(RequestCreated{Request: req})
	st.Conclude(st.t(mRequestedShort))
	st.Next()
	st.Answer("", false)
	st.Edit(st.In.MessageID, st.t(mConfirmName, j.Name)+" ✅")
	st.Send(st.t(mRequested, st.UnitName(req.Unit)))
	deciders, err := st.deciders(req.Unit)
	if err != nil {
		return err
	}
	for _, id := range deciders {
		st.Push(id, st.requestText(req), decisionButtons(req.ID))
	}
	return nil
}

// deciders are who decides the requests of unit: its leads, else those of
// the nearest unit above that has some, else the admins.
func (st step) deciders(unit string) ([]int64, error) {
	for u := unit; u != ""; u = st.Env.Parent(u) {
		leads, err := st.Dir.Leads(u)
		if err != nil {
			return nil, fmt.Errorf("leads of %s: %w", u, err)
		}
		if len(leads) > 0 {
			ids := make([]int64, len(leads))
			for i, p := range leads {
				ids[i] = p.ID
			}
			return ids, nil
		}
	}
	var ids []int64
	for id := range st.Env.Admins {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids, nil
}

// requestText is the request as its deciders read it (pushes are in
// Chinese): who, the last digits of their number, the unit.
func (st step) requestText(req Request) string {
	phone := catalog.T("zh", mRequestTail, req.Tail)
	if req.Tail == "" {
		phone = catalog.T("zh", mRequestNoTail)
	}
	note := catalog.T("zh", mRequestNotOnRoster)
	if req.RosterName != "" {
		note = catalog.T("zh", mRequestRosterName, req.RosterName)
	}
	return catalog.T("zh", mRequestPush, req.Name, phone, st.Env.UnitName(req.Unit), note)
}

// decisionButtons approve or refuse request id.
func decisionButtons(id string) []kit.Button {
	return []kit.Button{{Text: catalog.T("zh", mBtnApprove), Data: "jq:" + id + ":ok"},
		{Text: catalog.T("zh", mBtnRefuse), Data: "jq:" + id + ":no"}}
}

// requestEntry handles "jq:<id>:ok|no": a secretary's decision. The
// requester is told either way, kindly; a request decided already says by
// whom.
func (st step) requestEntry(rest string) error {
	id, verb, _ := strings.Cut(rest, ":")
	r, ok := st.reader()
	if _, known := access.Verb("jq", verb); !ok || !known {
		st.Answer(kit.T(st.Lang, kit.MsgExpired), false)
		return nil
	}
	req, found, err := r.Request(id)
	if err != nil {
		return fmt.Errorf("join request: %w", err)
	}
	if !found {
		st.Answer(kit.T(st.Lang, kit.MsgExpired), false)
		return nil
	}
	if !access.Check(st.Step, access.Invite, access.Object{Unit: req.Unit, Role: kit.RoleMember}).Allowed {
		return nil
	}
	if req.Status != RequestPending {
		return st.decidedAlready(req)
	}
	approved := verb == "ok"
	st.Emit(RequestDecided{Request: req, Approved: approved, By: st.Me.ID, At: st.Now})
	if !approved {
		st.Chose(st.requestText(req), st.t(mRefusedShort))
		st.Push(req.User, catalog.T("zh", mRefusedPush, st.Env.UnitName(req.Unit)))
		return nil
	}
	if _, member, err := st.Dir.Person(req.User); err != nil || member {
		st.Chose(st.requestText(req), st.t(mApprovedShort))
		return err
	}
	p := kit.Person{ID: req.User, Name: req.Name, Unit: req.Unit, Role: kit.RoleMember, JoinedAt: st.Now}
	st.Emit(MemberJoined{Person: p, Ref: "join-request:" + req.ID})
	st.Chose(st.requestText(req), st.t(mApprovedShort))
	st.Push(req.User, catalog.T("zh", mApprovedPush, p.Name, st.Env.UnitName(p.Unit)))
	st.Out(kit.Output{Kind: kit.OutCommands, ChatID: req.User, Role: p.Role, Lang: "zh"})
	return nil
}

// decidedAlready answers a press on a request decided meanwhile: what
// became of it and by whom.
func (st step) decidedAlready(req Request) error {
	by := ""
	if p, ok, err := st.Dir.Person(req.By); err != nil {
		return err
	} else if ok {
		by = p.Name
	}
	what := st.t(mRefusedShort)
	if req.Status == RequestApproved {
		what = st.t(mApprovedShort)
	}
	st.Chose(st.requestText(req), st.t(mDecidedBy, what, by))
	return nil
}

// todo lists the join requests waiting for a lead of their own unit, with
// the buttons that decide them (the /start to-do).
func (st step) todo() ([]kit.Task, error) {
	r, ok := st.reader()
	if !ok || st.Me.Role != kit.RoleSupervisor && st.Me.Role != kit.RoleOfficial {
		return nil, nil
	}
	reqs, err := r.Pending(st.Me.Unit)
	if err != nil {
		return nil, fmt.Errorf("join requests: %w", err)
	}
	var tasks []kit.Task
	for i, req := range reqs {
		if i == pendingMost {
			break
		}
		tasks = append(tasks, kit.Task{Text: st.t(mTodoRequest, req.Name, st.UnitName(req.Unit)), Buttons: decisionButtons(req.ID)})
	}
	return tasks, nil
}

// Digest is what joining adds to a secretary's or official's daily digest:
// the people of their unit (an official: and the units below) on the
// roster who have not joined, until there are none, and the join requests
// waiting for them (as on the /start to-do). The daily digest (the
// attention budget) calls it as a feature's Digest.
func (f *Feature) Digest(s *kit.Step) ([]kit.Task, error) {
	st := f.step(s)
	r, ok := st.reader()
	if !ok || st.Me.Role != kit.RoleSupervisor && st.Me.Role != kit.RoleOfficial {
		return nil, nil
	}
	units := []string{st.Me.Unit}
	if st.Me.Role == kit.RoleOfficial {
		units = st.Env.SubUnits(st.Me.Unit)
	}
	total, err := sumCounts(r, units)
	if err != nil {
		return nil, err
	}
	tasks, err := st.todo()
	if err != nil || total.Waiting == 0 {
		return tasks, err
	}
	button, _ := kit.CommandData("roster", st.Me.Unit)
	b := []kit.Button{{Text: st.t(mBtnShowRoster), Data: button}}
	if st.Me.Role == kit.RoleSupervisor {
		b = st.linkButton(st.Me.Unit)
	}
	task := kit.Task{Text: st.t(mDigestWaiting, st.UnitName(st.Me.Unit), total.Waiting, total.Joined(), total.Expected), Buttons: b}
	return append([]kit.Task{task}, tasks...), nil
}

// sumCounts adds up the roster figures of units.
func sumCounts(r Reader, units []string) (RosterCount, error) {
	counts, err := r.RosterCounts(units)
	if err != nil {
		return RosterCount{}, fmt.Errorf("roster counts: %w", err)
	}
	var total RosterCount
	for _, c := range counts {
		total.Expected += c.Expected
		total.Waiting += c.Waiting
		total.Requests += c.Requests
	}
	return total, nil
}

// status is the roster line of an official's /status ("" when no roster
// was imported and no request waits).
func (st step) status() (string, error) {
	r, ok := st.reader()
	if !ok || st.Me.Role != kit.RoleOfficial {
		return "", nil
	}
	total, err := sumCounts(r, st.Env.SubUnits(access.Scope(st.Me)))
	if err != nil || total.Expected == 0 && total.Requests == 0 {
		return "", err
	}
	// the first block of /status (join is the engine's first feature)
	return st.t(mStatusRoster, total.Expected, total.Joined(), total.Waiting, total.Requests) + "\n\n", nil
}
