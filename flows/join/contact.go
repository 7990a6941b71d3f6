package join

import (
	"fmt"
	"strings"
	"unicode"

	"sibu/flows/kit"
	"sibu/flows/talk"
)

// Joining through a unit's link: the person shares their own contact (the
// request_contact button; a typed number never claims a roster entry, and
// another person's contact is refused, as in 电话约谈). A number on the
// roster joins them as that entry after a ✅ 确认 of its name; any other
// number leads to their real name and a join request the unit's secretary
// approves or refuses with one tap.

// startLink handles /start <code> when code is a unit's join link;
// handled=false when it is none.
func (st step) startLink(code string) (handled bool, err error) {
	r, ok := st.reader()
	if !ok {
		return false, nil
	}
	link, found, err := r.UnitLink(code)
	if err != nil || !found {
		return false, err
	}
	switch {
	case st.Known:
		st.Send(st.t(mAlreadyMember, st.UnitName(st.Me.Unit)))
		return true, nil
	case link.Revoked:
		st.Send(st.t(mLinkRevoked))
		return true, nil
	case !st.Now.Before(link.ExpiresAt):
		st.Send(st.t(mLinkExpired))
		return true, nil
	}
	if waiting, err := st.pendingSaid(r); waiting || err != nil {
		return true, err
	}
	st.Enter(Flow)
	state(st.Step).Join = &Run{Code: code, Unit: link.Unit, Role: kit.RoleMember, Link: true}
	st.askContact(st.t(mLinkWelcome, st.UnitName(link.Unit)))
	return true, nil
}

// pendingSaid tells a person whose join request waits that it does (true).
func (st step) pendingSaid(r Reader) (bool, error) {
	req, waiting, err := r.RequestOf(st.In.UserID)
	if err != nil {
		return false, fmt.Errorf("join request: %w", err)
	}
	if waiting {
		st.Send(st.t(mRequestWaiting, st.UnitName(req.Unit)))
	}
	return waiting, nil
}

// askContact sends text with the button that shares the person's own
// number.
func (st step) askContact(text string) {
	st.Next()
	st.Out(kit.Output{Kind: kit.OutSend, ChatID: st.In.ChatID, Text: text,
		Keyboard: [][]kit.KeyButton{{{Text: st.t(mBtnShareContact), RequestContact: true}}}})
}

// contactInput takes the shared contact of a link join.
func (st step) contactInput() error {
	j := state(st.Step).Join
	switch {
	case st.In.Kind == kit.InputContact && st.In.ContactUserID != st.In.UserID:
		st.askContact(st.t(mForeignContact))
		return nil
	case st.In.Kind == kit.InputText:
		st.askContact(st.t(mTypedNumber))
		return nil
	case st.In.Kind != kit.InputContact:
		st.askContact(st.t(mAskContactAgain))
		return nil
	}
	j.Shared, j.Tail = true, tail(st.In.ContactPhone)
	phone, ok := talk.NormalizeContactPhone(st.In.ContactPhone)
	if !ok {
		st.noted(st.t(mNotMainland))
		return st.askName(j)
	}
	j.Phone = phone
	r, _ := st.reader()
	found, err := r.Expected([]string{phone})
	if err != nil {
		return fmt.Errorf("roster entry: %w", err)
	}
	cur, on := found[phone]
	switch {
	case on && cur.Joined != 0:
		st.noted(st.t(mNumberTaken))
		st.Conclude(st.t(mNumberTakenShort))
		return nil
	case !on:
		st.noted(st.t(mPhoneNoted, talk.PhoneDisplay(phone)))
		return st.askName(j)
	}
	j.Matched, j.Name, j.Unit, j.Role = true, cur.Name, cur.Unit, cur.Role
	st.noted(st.t(mPhoneNoted, talk.PhoneDisplay(phone)))
	seq := st.Next()
	st.Send(st.matchText(cur.Expected), []kit.Button{
		{Text: kit.T(st.Lang, kit.MsgBtnConfirm), Data: kit.Data(seq, verbConfirm)},
		{Text: st.t(mBtnNotMe), Data: kit.Data(seq, verbRetype)},
	})
	return nil
}

// noted says what became of the shared number and hides the share button.
func (st step) noted(text string) {
	st.Out(kit.Output{Kind: kit.OutSend, ChatID: st.In.ChatID, Text: text, RemoveKeyboard: true})
}

// askName asks a person whose number is not on the roster for their real
// name (the way to a join request).
func (st step) askName(j *Run) error {
	j.Matched, j.Name = false, ""
	st.Next()
	st.Send(st.t(mNotOnRoster, st.UnitName(j.Unit)))
	return nil
}

// matchText shows the roster entry of the person's number and asks to
// confirm its name.
func (st step) matchText(e Expected) string {
	pos := ""
	if e.Position != "" {
		pos = st.t(mMatchPosition, e.Position)
	}
	return st.t(mMatched, e.Name, st.UnitName(e.Unit), st.RoleName(e.Role), pos, e.Name)
}

// notMe: the person says the roster's name is not theirs; they give their
// real name and a secretary decides (a join request).
func (st step) notMe() error {
	j := state(st.Step).Join
	st.Chose(st.t(mConfirmName, j.Name), st.t(mNotMeChosen))
	j.RosterName, j.Unit, j.Role = j.Name, st.linkUnit(j), kit.RoleMember
	j.Matched, j.Name = false, ""
	st.Next()
	st.Send(st.t(mNotMeAsk))
	return nil
}

// linkUnit is the unit of the link a join came through.
func (st step) linkUnit(j *Run) string {
	r, _ := st.reader()
	if link, ok, err := r.UnitLink(j.Code); err == nil && ok {
		return link.Unit
	}
	return j.Unit
}

// linkConfirm confirms a link join: as the roster entry (read again: it may
// have been claimed or changed meanwhile), or as a join request.
func (st step) linkConfirm() error {
	j := state(st.Step).Join
	if !j.Matched {
		return st.request(j)
	}
	r, _ := st.reader()
	found, err := r.Expected([]string{j.Phone})
	if err != nil {
		return fmt.Errorf("roster entry: %w", err)
	}
	cur, on := found[j.Phone]
	if !on || cur.Joined != 0 {
		st.Leave()
		st.Next()
		st.Answer(st.t(mNumberTaken), true)
		st.Edit(st.In.MessageID, st.t(mConfirmName, j.Name))
		st.Send(st.t(mNumberTaken))
		return nil
	}
	j.Name, j.Unit, j.Role = cur.Name, cur.Unit, cur.Role
	st.Emit(RosterJoined{Phone: j.Phone, Entry: cur.Expected, Raw: cur.Raw, User: st.In.UserID})
	return st.joined(kit.Invite{}, "roster:"+cur.Ref)
}

// tail is the last four digits of a shared number ("" for none).
func tail(phone string) string {
	d := strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return r
		}
		return -1
	}, phone)
	if len(d) < 4 {
		return ""
	}
	return d[len(d)-4:]
}
