package flows

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// start handles /start and /start <payload> (t.me deep links).
func (st *step) start() error {
	code := strings.TrimSpace(st.in.Args)
	if code == "" {
		if !st.ok {
			st.send(st.t(mStartStranger))
			return nil
		}
		st.send(st.t(mStartMember, st.me.Name, st.unitName(st.me.Unit)))
		return nil
	}
	inv, found, err := st.dir.Invite(code)
	if err != nil {
		return fmt.Errorf("load invite: %w", err)
	}
	if st.ok && found {
		st.send(st.t(mAlreadyMember, st.unitName(st.me.Unit)))
		return nil
	}
	if problem := st.inviteProblem(inv, found); problem != "" {
		st.send(problem)
		return nil
	}
	s := st.sess()
	if s.Flow == FlowSurvey {
		st.parkSurvey()
	}
	s.Flow = FlowJoin
	s.Join = &JoinRun{Code: inv.Code, Unit: inv.Unit, Role: inv.Role}
	s.next()
	st.send(st.t(mInviteWelcome, st.unitName(inv.Unit), st.roleName(inv.Role)))
	return nil
}

func (st *step) joinInput() error {
	j := st.sess().Join
	if st.in.Kind != InputText {
		st.send(st.t(mUnsupported) + "\n" + st.t(mAskNameAgain))
		return nil
	}
	name, ok := cleanName(st.in.Text)
	if !ok {
		st.send(st.t(mBadName))
		return nil
	}
	j.Name = name
	seq := st.sess().next()
	st.send(st.t(mConfirmName, name), []Button{
		{Text: st.t(mBtnConfirm), Data: data(seq, "y")},
		{Text: st.t(mBtnRetype), Data: data(seq, "n")},
	})
	return nil
}

func (st *step) joinCallback(cb callback) (bool, error) {
	s := st.sess()
	j := s.Join
	if j.Name == "" {
		return false, nil
	}
	switch cb.Verb {
	case "y":
		// The invite may have been used (a shared link) or expired while the
		// name was typed: check again, so a lost race is an answer, not a
		// commit that can never succeed.
		inv, found, err := st.dir.Invite(j.Code)
		if err != nil {
			return false, fmt.Errorf("load invite: %w", err)
		}
		if problem := st.inviteProblem(inv, found); problem != "" {
			s.Flow, s.Join = FlowNone, nil
			s.next()
			st.answer(problem, true)
			st.edit(st.in.MessageID, st.t(mConfirmName, j.Name))
			st.send(problem)
			return true, nil
		}
		p := Person{ID: st.in.UserID, Name: j.Name, Unit: j.Unit, Role: j.Role, JoinedAt: st.now}
		st.effect(MemberJoined{Person: p, Invite: j.Code})
		s.Flow, s.Join = FlowNone, nil
		s.next()
		st.answer("", false)
		st.edit(st.in.MessageID, st.t(mConfirmName, p.Name)+" ✅")
		st.send(st.t(mJoined, p.Name, st.unitName(p.Unit)))
		st.res.Outputs = append(st.res.Outputs, Output{Kind: OutCommands, ChatID: st.in.ChatID, Role: p.Role, Lang: st.lang})
		return true, nil
	case "n":
		j.Name = ""
		s.next()
		st.answer("", false)
		st.edit(st.in.MessageID, st.t(mConfirmName, "…"))
		st.send(st.t(mAskNameAgain))
		return true, nil
	}
	return false, nil
}

// cleanName accepts 2–20 letters (Han, Latin…), spaces and the middle dot.
func cleanName(s string) (string, bool) {
	s = strings.Join(strings.Fields(s), " ")
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 20 {
		return "", false
	}
	for _, r := range s {
		if !(unicode.IsLetter(r) || r == ' ' || r == '·' || r == '•') {
			return "", false
		}
	}
	return s, true
}

func (st *step) joinBack() error {
	j := st.sess().Join
	if j.Name == "" {
		st.send(st.t(mNothingToBack))
		return nil
	}
	j.Name = ""
	st.sess().next()
	st.send(st.t(mAskNameAgain))
	return nil
}

// inviteProblem says why an invite cannot be used now ("" when it can).
func (st *step) inviteProblem(inv Invite, found bool) string {
	switch {
	case !found:
		return st.t(mInviteBadCode)
	case inv.UsedBy != 0:
		return st.t(mInviteUsed)
	case !st.now.Before(inv.ExpiresAt):
		return st.t(mInviteExpired)
	}
	return ""
}
