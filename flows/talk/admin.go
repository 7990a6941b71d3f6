package talk

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// Officials' /talks: open, close, roster (roster.go), excuse (excuse.go).

// sortedRoundIDs returns the predefined round ids in order.
func (f *Feature) sortedRoundIDs() []string {
	ids := make([]string, 0, len(f.Settings.Rounds))
	for id := range f.Settings.Rounds {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// roundList lists the stored rounds with their state, then the predefined
// ones not opened yet.
func (st step) roundList(tr Reader) (string, error) {
	var b strings.Builder
	seen := map[string]bool{}
	ids, err := tr.TalkRounds()
	if err != nil {
		return "", err
	}
	for _, id := range ids {
		rs, ok, err := tr.TalkRound(id)
		if err != nil {
			return "", err
		}
		if !ok {
			continue
		}
		seen[id] = true
		state := st.t(kit.MsgStatusOpenLabel)
		if !rs.Open {
			state = st.t(kit.MsgStatusClosedLabel)
		}
		fmt.Fprintf(&b, "  · %s（%s）\n", rs.Round.Title, state)
	}
	for _, id := range st.f.sortedRoundIDs() {
		if !seen[id] {
			fmt.Fprintf(&b, "  · %s（%s）\n", st.f.Settings.Rounds[id].Title, st.t(kit.MsgStatusDraft))
		}
	}
	if b.Len() == 0 {
		return "  " + st.t(mNone), nil
	}
	return strings.TrimRight(b.String(), "\n"), nil
}

// sendWithRounds sends message key with the round list as its last
// argument.
func (st step) sendWithRounds(tr Reader, key kit.Msg, args ...any) error {
	list, err := st.roundList(tr)
	if err != nil {
		return err
	}
	st.Send(st.t(key, append(args, list)...))
	return nil
}

// admin handles /talks open|close|roster <round> and /talks excuse <round>
// <person> [reason] (rounds by id or title, actions in English or 开启,
// 结束, 名单, 免谈); what is missing is offered as buttons.
func (st step) admin() error {
	tr, ok := st.roundsReader()
	if !ok {
		return nil
	}
	args := strings.Fields(st.In.Args)
	verb := ""
	if len(args) > 0 {
		verb = talksVerbs[args[0]]
	}
	if verb == "" || len(args) < 2 {
		return st.roundPicker(tr, st.t(mPickRoundAction), verb)
	}
	id, err := st.findRound(tr, args[1])
	if err != nil {
		return err
	}
	if id == "" {
		return st.roundPicker(tr, st.t(mRoundNotFound, args[1]), verb)
	}
	switch verb {
	case "open":
		return st.openRound(tr, id)
	case "close":
		return st.closeRound(tr, id)
	case "roster":
		return st.rosterStart(tr, id)
	}
	if len(args) < 3 {
		rs, ok, err := tr.TalkRound(id)
		if err != nil || !ok || !rs.Open {
			st.Send(st.t(mNotOpen, id))
			return err
		}
		return st.personPicker(tr, rs)
	}
	return st.excuse(tr, id, args[2], strings.Join(args[3:], " "))
}

// closeRound closes an open round, saying how far it got.
func (st step) closeRound(tr Reader, id string) error {
	rs, ok, err := tr.TalkRound(id)
	if err != nil {
		return err
	}
	if !ok || !rs.Open {
		st.Send(st.t(mNotOpen, id))
		return nil
	}
	if d, err := st.check(access.Launch, &rs.Round); err != nil || !d.Allowed {
		return err
	}
	cov, err := tr.TalkCoverage(id)
	if err != nil {
		return err
	}
	st.Emit(RoundClosed{Round: id, By: st.Me.ID})
	st.Send(st.t(mClosedOK, rs.Round.Title, cov.Done(), cov.Roster, cov.Buckets[BucketExcused]))
	return nil
}

// openRound opens a predefined round (or reopens a stored one), inviting
// everyone on its roster who was not invited yet.
func (st step) openRound(tr Reader, id string) error {
	r := st.f.Settings.Rounds[id]
	stored, ok, err := tr.TalkRound(id)
	if err != nil {
		return err
	}
	if ok && (r == nil || stored.Open || stored.Round.RosterOnly) {
		r = &stored.Round // a round in flight (or opened with an uploaded list) keeps its stored definition
	}
	if r == nil {
		return st.sendWithRounds(tr, mUnknown, id)
	}
	if d, err := st.check(access.Launch, r); err != nil || !d.Allowed {
		return err
	}
	return st.openWith(tr, r, stored, ok, nil)
}

// openWith opens (or reopens) r, inviting everyone on its roster who was
// not invited yet; d, when given, is the uploaded list the roster came
// from (its phone numbers are kept on the entries).
func (st step) openWith(tr Reader, r *Round, stored RoundState, ok bool, d *RosterDraft) error {
	entries, err := st.roster(tr, r)
	if err != nil {
		return err
	}
	if len(entries) == 0 && !ok {
		st.Send(st.t(mNoRoster, r.Title))
		return nil
	}
	st.Emit(RoundOpened{Round: *r, By: st.Me.ID})
	if len(entries) > 0 {
		inv := Invited{Round: r.ID, Entries: entries}
		if d != nil {
			d.keepPhones(entries)
			inv.By, inv.Source = st.Me.ID, d.File
		}
		st.Emit(inv)
	}
	ivs := st.invite(r, entries)
	if ok && stored.Open {
		st.Send(st.t(mReopened, r.Title, len(entries)))
	} else {
		st.Send(st.t(mOpenedTo, r.Title, len(entries), ivs, st.f.deadline(st.Lang, r.Deadline)))
	}
	return nil
}

// invite pushes the invitation to each new entry and a note to each
// interviewer; it returns how many interviewers there are.
func (st step) invite(r *Round, entries []Entry) int {
	body := st.f.roundDetails("zh", r, st.Now)
	ivs := map[int64]int{}
	for _, en := range entries {
		ivs[en.Interviewer]++
		st.Push(en.User, catalog.T("zh", mInvitation, r.Title, body, st.personName(en.Interviewer)),
			st.f.inviteButtons("zh", r, st.Now)...)
	}
	ids := make([]int64, 0, len(ivs))
	for iv := range ivs {
		ids = append(ids, iv)
	}
	slices.Sort(ids)
	for _, iv := range ids {
		st.Push(iv, catalog.T("zh", mIvAssigned, r.Title, ivs[iv]))
	}
	return len(ids)
}

// roster lists the people of r not on its roster yet, each with an
// interviewer.
func (st step) roster(tr Reader, r *Round) ([]Entry, error) {
	people, err := st.rosterPeople(r)
	if err != nil {
		return nil, err
	}
	supervisors := map[string][]int64{}
	var out []Entry
	for _, p := range people {
		_, on, err := tr.TalkEntry(r.ID, p.ID)
		if err != nil {
			return nil, err
		}
		if on {
			continue
		}
		iv, err := st.interviewerFor(r, p, supervisors)
		if err != nil {
			return nil, err
		}
		out = append(out, Entry{Round: r.ID, User: p.ID, Name: p.Name, Unit: p.Unit, Interviewer: iv, Status: EntryPending, Invited: st.Now})
	}
	return out, nil
}

// rosterPeople are the people r selects (its units' members of its roles,
// and its people by id), by user id.
func (st step) rosterPeople(r *Round) ([]kit.Person, error) {
	units := r.Units
	if len(units) == 0 {
		units = []string{st.Env.Root}
	}
	if r.RosterOnly {
		units = nil
	}
	seen := map[int64]bool{}
	var people []kit.Person
	for _, u := range units {
		ps, err := st.Dir.Members(u, true)
		if err != nil {
			return nil, fmt.Errorf("members of %s: %w", u, err)
		}
		for _, p := range ps {
			if !seen[p.ID] && kit.RoleIn(p.Role, r.Roles) {
				seen[p.ID] = true
				people = append(people, p)
			}
		}
	}
	for _, id := range r.People {
		if seen[id] {
			continue
		}
		p, ok, err := st.Dir.Person(id)
		if err != nil {
			return nil, err
		}
		if ok {
			seen[id] = true
			people = append(people, p)
		}
	}
	sort.Slice(people, func(a, b int) bool { return people[a].ID < people[b].ID })
	return people, nil
}

// interviewerFor picks p's interviewer: the round's interviewers of p's
// unit or its nearest ancestor, else the supervisors there, else an
// official of p's chain (fallbackInterviewer); never p themself. cache
// holds the supervisors of the units looked up so far.
func (st step) interviewerFor(r *Round, p kit.Person, cache map[string][]int64) (int64, error) {
	parent := map[string]string{}
	for _, u := range st.Env.Units {
		parent[u.ID] = u.Parent
	}
	pick := func(ids []int64) int64 {
		var c []int64
		for _, id := range ids {
			if id != p.ID {
				c = append(c, id)
			}
		}
		if len(c) == 0 {
			return 0
		}
		return c[int(p.ID%int64(len(c)))]
	}
	for u, i := p.Unit, 0; u != "" && i <= len(parent); u, i = parent[u], i+1 {
		if iv := pick(r.Interviewers[u]); iv != 0 {
			return iv, nil
		}
	}
	for u, i := p.Unit, 0; u != "" && i <= len(parent); u, i = parent[u], i+1 {
		sups, ok := cache[u]
		if !ok {
			ms, err := st.Dir.Members(u, false)
			if err != nil {
				return 0, err
			}
			for _, m := range ms {
				if m.Role == kit.RoleSupervisor {
					sups = append(sups, m.ID)
				}
			}
			slices.Sort(sups)
			cache[u] = sups
		}
		if iv := pick(sups); iv != 0 {
			return iv, nil
		}
	}
	return st.fallbackInterviewer(p)
}
