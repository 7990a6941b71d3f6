package survey

import (
	"fmt"
	"strings"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// admin handles /survey open|close <questionnaire> (by id or title):
// officials whose subtree holds every unit the questionnaire reaches (a
// campaign of the whole organisation is issued and closed by the root's
// officials). Without a questionnaire it offers them as buttons.
func (st step) admin() error {
	args := strings.Fields(st.In.Args)
	verb, name := "", ""
	if len(args) > 0 {
		verb, name = surveyVerbs[args[0]], strings.Join(args[1:], " ")
	}
	if verb == "" || name == "" {
		return st.adminPicker(st.t(mSurveyPick), verb)
	}
	sv := st.f.Find(name)
	if sv == nil {
		return st.adminPicker(st.t(mSurveyUnknown, name), verb)
	}
	id := sv.ID
	if !access.Check(st.Step, access.Launch, st.f.object(sv)).Allowed {
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

// status is the questionnaire block of /status: per questionnaire that has
// been opened, issued / submitted / response rate / 满意率, of the
// official's units when the campaign reaches beyond them (and nothing of a
// campaign that does not reach them).
func (st step) status() (string, error) {
	r, err := st.reader()
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, id := range st.f.IDs() {
		sv := st.f.Surveys[id]
		d := access.Decide(st.Env, st.Me, access.Results, st.f.object(sv))
		if !d.Allowed {
			continue
		}
		c, f, err := st.statusFigures(r, id, d.Scope)
		if err != nil {
			return "", err
		}
		if c.Status == StatusDraft {
			continue
		}
		title := st.f.Title(id)
		if c.Status == StatusClosed {
			title += st.t(kit.MsgStatusClosed)
		}
		b.WriteString(st.t(mStatusSurvey, title, f.Issued, f.Submitted, kit.Percent(f.Submitted, f.Issued), f.Submitted, f.Issued, st.satisfied(sv, f)))
		b.WriteString("\n")
		note, err := st.notJoined(sv, d.Scope)
		if err != nil {
			return "", err
		}
		if note != "" {
			b.WriteString("  " + note + "\n")
		}
	}
	if b.Len() == 0 {
		b.WriteString(st.t(mStatusNone))
		b.WriteString("\n")
	}
	return b.String(), nil
}

// statusFigures reads questionnaire id's figures: the campaign's, or (with
// scope) its units'.
func (st step) statusFigures(r Reader, id, scope string) (Counts, figures, error) {
	if scope == "" {
		c, err := r.Survey(id)
		if err != nil {
			return c, figures{}, fmt.Errorf("survey counts %s: %w", id, err)
		}
		return c, whole(c), nil
	}
	s, err := r.Stats(id)
	if err != nil {
		return Counts{}, figures{}, fmt.Errorf("stats %s: %w", id, err)
	}
	return s.Counts, figuresIn(st.Env, s, scope), nil
}
