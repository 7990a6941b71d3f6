package flows

import (
	"fmt"
	"strings"
)

// status answers /status: one screen with, per questionnaire that has been
// opened, issued / submitted / response rate / 满意率.
func (st *step) status() error {
	var b strings.Builder
	b.WriteString(st.t(mStatusHeader, st.now.In(st.e.env.Location).Format("2006-01-02 15:04")))
	b.WriteString("\n\n")
	any := false
	for _, id := range st.e.surveyIDs() {
		c, err := st.dir.Survey(id)
		if err != nil {
			return fmt.Errorf("survey counts %s: %w", id, err)
		}
		if c.Status == StatusDraft {
			continue
		}
		any = true
		title := st.e.surveyTitle(id)
		if c.Status == StatusClosed {
			title += st.t(mStatusClosed)
		}
		sat := "—"
		if st.e.env.Surveys[id].Campaign.Satisfied != nil {
			sat = percent(c.Satisfied, c.Submitted)
		}
		b.WriteString(st.t(mStatusSurvey, title, id, c.Issued, c.Submitted, percent(c.Submitted, c.Issued), sat))
		b.WriteString("\n")
	}
	if !any {
		b.WriteString(st.t(mStatusNone))
		b.WriteString("\n")
	}
	for _, f := range st.e.features {
		if f.status == nil {
			continue
		}
		more, err := f.status(st)
		if err != nil {
			return err
		}
		if more != "" {
			b.WriteString("\n" + more + "\n")
		}
	}
	count, err := st.memberCount(st.e.env.Root)
	if err != nil {
		return fmt.Errorf("members: %w", err)
	}
	b.WriteString("\n")
	b.WriteString(st.t(mStatusMembers, count))
	st.send(b.String())
	return nil
}

func (st *step) unitList() string {
	var b strings.Builder
	for _, u := range st.e.env.Units {
		fmt.Fprintf(&b, "  %s — %s\n", u.ID, u.Name)
	}
	return strings.TrimRight(b.String(), "\n")
}

// invite answers /invite [unit] [role] with a single-use t.me link.
func (st *step) invite() error {
	if st.me.Role == RoleMember || st.me.Role == RoleMonitor {
		st.send(st.t(mNoPermission))
		return nil
	}
	unit, role := st.me.Unit, RoleMember
	for _, a := range strings.Fields(st.in.Args) {
		switch r := Role(strings.ToLower(a)); {
		case r.Valid():
			role = r
		case st.unitExists(a):
			unit = a
		case a == "help" || a == "?":
			st.send(st.t(mInviteUsage, st.unitList()))
			return nil
		default:
			if la := strings.ToLower(a); strings.Contains(la, "member") || strings.Contains(la, "official") ||
				strings.Contains(la, "supervisor") || strings.Contains(la, "monitor") {
				st.send(st.t(mInviteBadRole, a))
				return nil
			}
			st.send(st.t(mInviteBadUnit, a, st.unitList()))
			return nil
		}
	}
	if st.me.Role == RoleSupervisor {
		if unit != st.me.Unit {
			st.send(st.t(mInviteOwnUnit, st.unitName(st.me.Unit)))
			return nil
		}
		if role != RoleMember {
			st.send(st.t(mInviteOnlyMember))
			return nil
		}
	}
	inv := Invite{Code: st.e.env.NewCode(), Unit: unit, Role: role, By: st.me.ID, ExpiresAt: st.now.Add(st.e.env.InviteTTL)}
	st.effect(InviteCreated{Invite: inv})
	link := fmt.Sprintf("https://t.me/%s?start=%s", st.e.env.BotUsername, inv.Code)
	st.send(st.t(mInviteCreated, st.unitName(unit), st.roleName(role),
		inv.ExpiresAt.In(st.e.env.Location).Format("2006-01-02 15:04"), link))
	return nil
}

func (st *step) unitExists(id string) bool {
	for _, u := range st.e.env.Units {
		if u.ID == id {
			return true
		}
	}
	return false
}

func (st *step) surveyList() string {
	var b strings.Builder
	for _, id := range st.e.surveyIDs() {
		fmt.Fprintf(&b, "  %s — %s\n", id, st.e.surveyTitle(id))
	}
	return strings.TrimRight(b.String(), "\n")
}

// surveyAdmin handles /survey open|close <id>.
func (st *step) surveyAdmin() error {
	args := strings.Fields(st.in.Args)
	if len(args) != 2 || (args[0] != "open" && args[0] != "close") {
		st.send(st.t(mSurveyUsage, st.surveyList()))
		return nil
	}
	id := args[1]
	sv := st.e.env.Surveys[id]
	if sv == nil {
		st.send(st.t(mSurveyUnknown, id, st.surveyList()))
		return nil
	}
	c, err := st.dir.Survey(id)
	if err != nil {
		return fmt.Errorf("survey counts %s: %w", id, err)
	}
	if args[0] == "close" {
		if c.Status != StatusOpen {
			st.send(st.t(mSurveyNotOpen, sv.Title))
			return nil
		}
		st.effect(SurveyClosed{SurveyID: id, By: st.me.ID})
		st.send(st.t(mSurveyClosedOK, sv.Title, c.Submitted))
		return nil
	}
	fresh, err := st.issue(sv)
	if err != nil {
		return err
	}
	if fresh < 0 {
		st.send(st.t(mSurveyNoAudience, sv.Title))
		return nil
	}
	if c.Status == StatusOpen {
		st.send(st.t(mSurveyReissued, sv.Title, fresh))
	} else {
		st.send(st.t(mSurveyOpenedTo, sv.Title, fresh))
	}
	return nil
}

// issue opens sv (or re-issues it) to everyone of its audience who has not
// had it yet: one effect and one invitation push each. It returns how many
// were invited, or -1 when the audience is empty.
func (st *step) issue(sv *Survey) (int, error) {
	audience, err := st.audience(sv)
	if err != nil {
		return 0, err
	}
	if len(audience) == 0 {
		return -1, nil
	}
	var fresh []int64
	var units []string
	for _, p := range audience {
		issued, err := st.dir.Issued(sv.ID, p.ID)
		if err != nil {
			return 0, fmt.Errorf("issued %s: %w", sv.ID, err)
		}
		if !issued {
			fresh = append(fresh, p.ID)
			units = append(units, p.Unit)
		}
	}
	st.effect(SurveyOpened{SurveyID: sv.ID, Version: sv.Version, By: st.me.ID, Issued: fresh, Units: units})
	for _, uid := range fresh {
		st.push(uid, st.invitationText(sv, true), []Button{{Text: T("zh", mBtnStartSurvey), Data: surveyEntry(sv.ID)}})
	}
	return len(fresh), nil
}

// invitationText is the (Chinese) invitation to sv pushed with a 开始填写
// button: title, description, the campaign's closing time when deadline
// (an evaluation round sets its own end) and the number of questions.
func (st *step) invitationText(sv *Survey, deadline bool) string {
	body := ""
	if sv.Description != "" {
		body += sv.Description + "\n"
	}
	if deadline && !sv.Campaign.ClosesAt.IsZero() {
		body += T("zh", mSurveyDeadline, sv.Campaign.ClosesAt.In(st.e.env.Location).Format("2006-01-02 15:04")) + "\n"
	}
	return T("zh", mSurveyInvitation, sv.Title, body, countAll(sv))
}

// countAll is the number of questions shown when no condition hides any.
func countAll(sv *Survey) int { return len(visible(sv, map[string][]string{})) }

// audience lists the people a questionnaire is for.
func (st *step) audience(sv *Survey) ([]Person, error) {
	units := sv.Campaign.Units
	if len(units) == 0 {
		units = []string{st.e.env.Root}
	}
	seen := map[int64]bool{}
	var out []Person
	for _, u := range units {
		ps, err := st.dir.Members(u, true)
		if err != nil {
			return nil, fmt.Errorf("members of %s: %w", u, err)
		}
		for _, p := range ps {
			if seen[p.ID] || !roleIn(p.Role, sv.Campaign.Roles) {
				continue
			}
			seen[p.ID] = true
			out = append(out, p)
		}
	}
	return out, nil
}

func roleIn(r Role, roles []Role) bool {
	if len(roles) == 0 {
		return r != RoleMonitor // external 履诺监督员 answer only what names them
	}
	for _, x := range roles {
		if x == r {
			return true
		}
	}
	return false
}

// listSurveys answers /surveys: open questionnaires issued to the person.
func (st *step) listSurveys() error {
	var rows [][]Button
	var b strings.Builder
	for _, id := range st.e.surveyIDs() {
		c, err := st.dir.Survey(id)
		if err != nil {
			return fmt.Errorf("survey counts %s: %w", id, err)
		}
		sv := st.e.env.Surveys[id]
		if _, open := st.answerable(sv, c); !open {
			continue
		}
		issued, err := st.dir.Issued(id, st.me.ID)
		if err != nil {
			return fmt.Errorf("issued %s: %w", id, err)
		}
		if !issued {
			continue
		}
		done, err := st.dir.Submitted(id, st.me.ID)
		if err != nil {
			return fmt.Errorf("submitted %s: %w", id, err)
		}
		if done {
			fmt.Fprintf(&b, "✔ %s（%s）\n", st.e.surveyTitle(id), st.t(mSurveysDone))
			continue
		}
		fmt.Fprintf(&b, "• %s\n", st.e.surveyTitle(id))
		rows = append(rows, []Button{{Text: st.t(mBtnStartSurvey) + "：" + st.e.surveyTitle(id), Data: surveyEntry(id)}})
	}
	if b.Len() == 0 {
		st.send(st.t(mSurveysNone))
		return nil
	}
	st.send(st.t(mSurveysHeader)+"\n"+b.String(), rows...)
	return nil
}

// memberCounter is an optional Directory method: the number of people in a
// unit and its descendants without loading them (storage counts sets).
type memberCounter interface {
	CountMembers(unit string) (int64, error)
}

func (st *step) memberCount(unit string) (int64, error) {
	if c, ok := st.dir.(memberCounter); ok {
		return c.CountMembers(unit)
	}
	ms, err := st.dir.Members(unit, true)
	return int64(len(ms)), err
}
