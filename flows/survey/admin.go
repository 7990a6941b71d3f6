package survey

import (
	"fmt"
	"strings"

	"sibu/flows/kit"
)

// admin handles /survey open|close <id> (officials).
func (st step) admin() error {
	args := strings.Fields(st.In.Args)
	if len(args) != 2 || (args[0] != "open" && args[0] != "close") {
		st.Send(st.t(mSurveyUsage, st.f.list()))
		return nil
	}
	id := args[1]
	sv := st.f.Surveys[id]
	if sv == nil {
		st.Send(st.t(mSurveyUnknown, id, st.f.list()))
		return nil
	}
	c, err := st.counts(id)
	if err != nil {
		return err
	}
	if args[0] == "close" {
		st.close(sv, c)
		return nil
	}
	fresh, err := st.issue(sv, c.Status)
	if err != nil {
		return err
	}
	switch {
	case fresh < 0:
		st.Send(st.t(mSurveyNoAudience, sv.Title))
	case c.Status == StatusOpen:
		st.Send(st.t(mSurveyReissued, sv.Title, fresh))
	default:
		st.Send(st.t(mSurveyOpenedTo, sv.Title, fresh))
	}
	return nil
}

// close handles /survey close: an open questionnaire stops taking answers.
func (st step) close(sv *Survey, c Counts) {
	if c.Status != StatusOpen {
		st.Send(st.t(mSurveyNotOpen, sv.Title))
		return
	}
	st.Emit(Closed{SurveyID: sv.ID, By: st.Me.ID})
	st.Send(st.t(mSurveyClosedOK, sv.Title, c.Submitted))
}

// issue opens sv, read in status from (or re-issues it), to everyone of its
// audience who has not had it yet: one effect and one invitation push
// each; an open questionnaire with nobody new records nothing. It returns
// how many were invited, or -1 when the audience is empty.
func (st step) issue(sv *Survey, from Status) (int, error) {
	audience, err := st.audience(sv)
	if err != nil {
		return 0, err
	}
	if len(audience) == 0 {
		return -1, nil
	}
	r, err := st.reader()
	if err != nil {
		return 0, err
	}
	var fresh []int64
	var units []string
	for _, p := range audience {
		issued, err := r.Issued(sv.ID, p.ID)
		if err != nil {
			return 0, fmt.Errorf("issued %s: %w", sv.ID, err)
		}
		if !issued {
			fresh = append(fresh, p.ID)
			units = append(units, p.Unit)
		}
	}
	if len(fresh) == 0 && from == StatusOpen {
		return 0, nil
	}
	st.Emit(Opened{SurveyID: sv.ID, Version: sv.Version, By: st.Me.ID, Issued: fresh, Units: units, From: from})
	for _, uid := range fresh {
		st.Push(uid, st.f.InvitationText(sv, true), startButton(sv.ID))
	}
	return len(fresh), nil
}

// startButton is the (Chinese) 开始填写 button of an invitation or a
// reminder.
func startButton(id string) []kit.Button {
	return []kit.Button{{Text: catalog.T("zh", kit.MsgBtnStartSurvey), Data: entry(id)}}
}

// audience lists the people a questionnaire is for.
func (st step) audience(sv *Survey) ([]kit.Person, error) {
	units := sv.Campaign.Units
	if len(units) == 0 {
		units = []string{st.Env.Root}
	}
	seen := map[int64]bool{}
	var out []kit.Person
	for _, u := range units {
		ps, err := st.Dir.Members(u, true)
		if err != nil {
			return nil, fmt.Errorf("members of %s: %w", u, err)
		}
		for _, p := range ps {
			if seen[p.ID] || !kit.RoleIn(p.Role, sv.Campaign.Roles) {
				continue
			}
			seen[p.ID] = true
			out = append(out, p)
		}
	}
	return out, nil
}

// list lists the configured questionnaires as "  id — title" lines (for
// usage messages).
func (f *Feature) list() string {
	var b strings.Builder
	for _, id := range f.IDs() {
		fmt.Fprintf(&b, "  %s — %s\n", id, f.Title(id))
	}
	return strings.TrimRight(b.String(), "\n")
}

// status is the questionnaire block of /status: per questionnaire that has
// been opened, issued / submitted / response rate / 满意率.
func (st step) status() (string, error) {
	r, err := st.reader()
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, id := range st.f.IDs() {
		c, err := r.Survey(id)
		if err != nil {
			return "", fmt.Errorf("survey counts %s: %w", id, err)
		}
		if c.Status == StatusDraft {
			continue
		}
		title := st.f.Title(id)
		if c.Status == StatusClosed {
			title += st.t(kit.MsgStatusClosed)
		}
		sat := "—"
		if st.f.Surveys[id].Campaign.Satisfied != nil {
			sat = kit.Percent(c.Satisfied, c.Submitted)
		}
		b.WriteString(st.t(mStatusSurvey, title, id, c.Issued, c.Submitted, kit.Percent(c.Submitted, c.Issued), sat))
		b.WriteString("\n")
	}
	if b.Len() == 0 {
		b.WriteString(st.t(mStatusNone))
		b.WriteString("\n")
	}
	return b.String(), nil
}
