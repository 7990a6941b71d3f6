package commitment

import (
	"fmt"
	"slices"

	"sibu/flows/access"
	"sibu/flows/kit"
	"sibu/flows/survey"
)

// openRound opens a round of unit: owners are asked for 述诺, graders to
// grade the items they may grade, and the members of unit and the units
// below it to answer sv (when not nil) or to vote on the items of their
// own unit (never their own).
func (st step) openRound(unit string, sv *survey.Survey) error {
	items, err := st.roundItems(unit)
	if err != nil {
		return err
	}
	if len(items) == 0 {
		st.Send(st.t(mEvalNoItems, st.UnitName(unit)))
		return nil
	}
	round := Round{ID: unit + "-" + st.Now.In(st.Env.Location).Format("20060102150405"), Unit: unit,
		Period: st.period(), OpenedBy: st.Me.ID, OpenedAt: st.Now}
	if sv != nil {
		round.Survey = sv.ID
	}
	st.Emit(RoundOpened{Round: round})
	name := st.UnitName(unit)
	owners := map[int64]bool{}
	for _, c := range items {
		chats, err := st.f.ownerChats(st.Dir, c)
		if err != nil {
			return err
		}
		for _, id := range chats {
			owners[id] = true
		}
	}
	for _, id := range sortedIDs(owners) {
		st.Push(id, catalog.T("zh", mEvalOwnerPush, name), roundButton(mBtnReport, unit, "sr"))
	}
	graders, err := st.roundGraders(unit, items)
	if err != nil {
		return err
	}
	gset := map[int64]bool{}
	for _, p := range graders {
		gset[p.ID] = true
		if n := st.countFor(p, access.Grade, unit, items, false); n > 0 {
			st.Push(p.ID, catalog.T("zh", mEvalGraderPush, name, n), roundButton(mBtnGrade, unit, "gr"))
		}
	}
	voters, err := st.inviteVoters(unit, sv, items, gset)
	if err != nil {
		return err
	}
	if sv != nil {
		st.Send(st.t(mEvalOpenedSurvey, name, len(items), len(owners), len(graders), sv.Title, voters))
		return nil
	}
	st.Send(st.t(mEvalOpened, name, len(items), len(owners), len(graders), voters))
	return nil
}

// countFor is how many of a round's items the access policy lets p do a
// on (invited: the round invited p to vote).
func (st step) countFor(p kit.Person, a access.Action, unit string, items []Item, invited bool) int {
	n := 0
	for _, c := range items {
		o := st.object(c)
		o.Unit, o.Invited = unit, invited
		if access.Decide(st.Env, p, a, o).Allowed {
			n++
		}
	}
	return n
}

// roundButton is a button of a round's push: "pe:<unit>:<verb>".
func roundButton(text kit.Msg, unit, verb string) []kit.Button {
	return []kit.Button{{Text: catalog.T("zh", text), Data: "pe:" + unit + ":" + verb}}
}

// inviteVoters asks the members of unit and below who do not grade
// (graders) for the round's satisfaction measure: sv, or the per-item vote
// on the items of their own unit, not their own (a member with none is not
// asked). It returns how many were asked.
func (st step) inviteVoters(unit string, sv *survey.Survey, items []Item, graders map[int64]bool) (int, error) {
	members, err := st.Dir.Members(unit, true)
	if err != nil {
		return 0, fmt.Errorf("members of %s: %w", unit, err)
	}
	slices.SortFunc(members, byID)
	name := st.UnitName(unit)
	voters := 0
	for _, p := range members {
		if graders[p.ID] || p.Role != kit.RoleMember {
			continue
		}
		n := st.countFor(p, access.Vote, unit, items, true)
		if sv == nil && n == 0 {
			continue
		}
		voters++
		if sv != nil {
			st.Push(p.ID, catalog.T("zh", mEvalSurveyPush, name)+"\n"+st.f.Surveys.InvitationText(sv, false),
				roundButton(kit.MsgBtnStartSurvey, unit, "sq"))
			continue
		}
		st.Push(p.ID, catalog.T("zh", mEvalVoterPush, name, n), roundButton(mBtnVote, unit, "vt"))
	}
	return voters, nil
}
