package join

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"sibu/flows/kit"
)

// Callback verbs of the name confirmation.
const (
	verbConfirm = "y"
	verbRetype  = "n"
)

// start handles /start <payload> (t.me deep links), and /start from a
// stranger.
func (st step) start() error {
	code := strings.TrimSpace(st.In.Args)
	if code == "" { // the engine answers people who joined with their to-do
		if r, ok := st.reader(); ok {
			if waiting, err := st.pendingSaid(r); waiting || err != nil {
				return err
			}
		}
		st.Send(kit.T(st.Lang, kit.MsgStartStranger))
		return nil
	}
	inv, found, err := st.Dir.Invite(code)
	if err != nil {
		return fmt.Errorf("load invite: %w", err)
	}
	if !found {
		if handled, err := st.startLink(code); handled || err != nil {
			return err
		}
	}
	if st.Known && found {
		st.Send(st.t(mAlreadyMember, st.UnitName(st.Me.Unit)))
		return nil
	}
	if problem := st.inviteProblem(inv, found); problem != "" {
		st.Send(problem)
		return nil
	}
	st.Enter(Flow)
	state(st.Step).Join = &Run{Code: inv.Code, Unit: inv.Unit, Role: inv.Role}
	st.Next()
	st.Send(st.t(mInviteWelcome, st.UnitName(inv.Unit), st.RoleName(inv.Role)))
	return nil
}

// input takes the typed name and asks to confirm it (a link join: first
// the shared contact).
func (st step) input() error {
	j := state(st.Step).Join
	switch {
	case j.Link && !j.Shared:
		return st.contactInput()
	case j.Matched:
		st.Send(kit.T(st.Lang, kit.MsgUseButtons))
		return nil
	}
	if st.In.Kind != kit.InputText {
		st.Send(kit.T(st.Lang, kit.MsgUnsupported) + "\n" + st.t(mAskNameAgain))
		return nil
	}
	name, ok := cleanName(st.In.Text)
	if !ok {
		st.Send(st.t(mBadName))
		return nil
	}
	j.Name = name
	seq := st.Next()
	st.Send(st.t(mConfirmName, name), []kit.Button{
		{Text: kit.T(st.Lang, kit.MsgBtnConfirm), Data: kit.Data(seq, verbConfirm)},
		{Text: st.t(mBtnRetype), Data: kit.Data(seq, verbRetype)},
	})
	return nil
}

func (st step) callback(cb kit.Callback) (bool, error) {
	if state(st.Step).Join.Name == "" {
		return false, nil
	}
	switch cb.Verb {
	case verbConfirm:
		return true, st.confirm()
	case verbRetype:
		j := state(st.Step).Join
		if j.Matched {
			return true, st.notMe()
		}
		j.Name = ""
		st.Next()
		st.Answer("", false)
		st.Edit(st.In.MessageID, st.t(mConfirmName, "…"))
		st.Send(st.t(mAskNameAgain))
		return true, nil
	}
	return false, nil
}

// AskName asks a configured admin who has not joined for their real name
// (their first /start, or anything they type outside a conversation):
// confirmed, they are recorded as an official of the root unit.
func (f *Feature) AskName(s *kit.Step) {
	st := f.step(s)
	st.Enter(Flow)
	state(s).Join = &Run{Unit: st.Env.Root, Role: kit.RoleOfficial, Admin: true}
	st.Next()
	st.Send(st.t(mAdminWelcome, st.UnitName(st.Env.Root)))
}

// confirm joins the person under the confirmed name. The invite may have
// been used (a shared link) or expired while the name was typed: it is
// checked again, so a lost race is an answer, not a commit that can never
// succeed.
func (st step) confirm() error {
	j := state(st.Step).Join
	switch {
	case j.Admin:
		return st.joined(kit.Invite{}, "")
	case j.Link:
		return st.linkConfirm()
	}
	inv, found, err := st.Dir.Invite(j.Code)
	if err != nil {
		return fmt.Errorf("load invite: %w", err)
	}
	if problem := st.inviteProblem(inv, found); problem != "" {
		st.Leave()
		st.Next()
		st.Answer(problem, true)
		st.Edit(st.In.MessageID, st.t(mConfirmName, j.Name))
		st.Send(problem)
		return nil
	}
	return st.joined(inv, "")
}

// joined records the person under the confirmed name (with inv, as an
// admin giving theirs, or as the roster entry ref says), sets their command
// menu and tells whoever invited them.
func (st step) joined(inv kit.Invite, ref string) error {
	j := state(st.Step).Join
	p := kit.Person{ID: st.In.UserID, Name: j.Name, Unit: j.Unit, Role: j.Role, JoinedAt: st.Now}
	st.Emit(MemberJoined{Person: p, Invite: inv.Code, Ref: ref})
	st.Conclude(st.t(mJoinedShort))
	st.Next()
	st.Answer("", false)
	st.Edit(st.In.MessageID, st.t(mConfirmName, p.Name)+" ✅")
	if j.Admin {
		st.Send(st.t(mAdminNamed, p.Name, st.UnitName(p.Unit)))
	} else {
		st.Send(st.t(mJoined, p.Name, st.UnitName(p.Unit), st.RoleName(p.Role)))
	}
	st.Out(kit.Output{Kind: kit.OutCommands, ChatID: st.In.ChatID, Role: p.Role, Lang: st.Lang})
	if inv.By != 0 && inv.By != p.ID {
		st.Push(inv.By, catalog.T("zh", mInviterTold, p.Name, st.Env.UnitName(p.Unit), st.roleZh(p.Role)))
	}
	return nil
}

// roleZh is the Chinese name of role r (pushes are in Chinese).
func (st step) roleZh(r kit.Role) string {
	lang := st.Lang
	st.Lang = "zh"
	defer func() { st.Lang = lang }()
	return st.RoleName(r)
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

func (st step) back() error {
	j := state(st.Step).Join
	if j.Link && j.Shared {
		*j = Run{Code: j.Code, Unit: st.linkUnit(j), Role: kit.RoleMember, Link: true}
		st.askContact(st.t(mAskContactAgain))
		return nil
	}
	if j.Name == "" {
		st.Send(kit.T(st.Lang, kit.MsgNothingToBack))
		return nil
	}
	j.Name = ""
	st.Next()
	st.Send(st.t(mAskNameAgain))
	return nil
}

// inviteProblem says why an invite cannot be used now ("" when it can).
func (st step) inviteProblem(inv kit.Invite, found bool) string {
	switch {
	case !found:
		return st.t(mInviteBadCode)
	case inv.UsedBy != 0:
		return st.t(mInviteUsed)
	case !st.Now.Before(inv.ExpiresAt):
		return st.t(mInviteExpired)
	}
	return ""
}
