package talk

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// /talks excuse <round> <person> [reason]: an official marks a person 免谈
// (excused), typing the reason when the command had none.

const maxReasonLen = 200

// excuse marks a person 免谈 with a reason (asked for when missing).
func (st step) excuse(tr Reader, roundID, who, reason string) error {
	rs, ok, err := tr.TalkRound(roundID)
	if err != nil {
		return err
	}
	if !ok {
		st.Send(st.t(mNotOpen, roundID))
		return nil
	}
	en, found, err := findEntry(tr, roundID, who)
	if err != nil {
		return err
	}
	switch {
	case !found:
		st.Send(st.t(mNoSuchPerson, who, rs.Round.Title))
		return nil
	case !access.Check(st.Step, access.Excuse, access.Object{Unit: en.Unit}).Allowed:
		return nil
	case en.Reached():
		st.Send(st.t(mEntryReached, en.Name))
		return nil
	case strings.TrimSpace(reason) == "":
		st.enter(&Run{Round: roundID, Step: stepExcuse, User: en.User})
		st.Next()
		st.Send(st.t(mAskReason, en.Name))
		return nil
	}
	st.doExcuse(rs, en, reason)
	return nil
}

// doExcuse records the excuse of en with reason.
func (st step) doExcuse(rs RoundState, en Entry, reason string) {
	if utf8.RuneCountInString(reason) > maxReasonLen {
		st.Send(st.t(kit.MsgTooLong, maxReasonLen))
		return
	}
	after := en
	after.Status, after.Reason, after.Slot, after.Place = EntryExcused, reason, time.Time{}, ""
	after.DoneAt, after.DoneBy = st.Now, st.Me.ID
	st.Emit(Excused{st.change(en, after)})
	st.Send(st.t(mExcusedOK, en.Name, rs.Round.Title, reason))
	if en.PhoneSlot() && en.Interviewer != 0 {
		st.PushUrgent(en.Interviewer, catalog.T("zh", mIvCancelled, en.Name, st.whenZH(en.Slot)))
	}
}

// excuseInput takes the typed reason of an excuse.
func (st step) excuseInput() error {
	run := st.run()
	if st.In.Kind != kit.InputText || strings.TrimSpace(st.In.Text) == "" {
		st.Send(st.t(mAskReason, ""))
		return nil
	}
	tr, _ := st.reader()
	rs, ok, err := tr.TalkRound(run.Round)
	if err != nil {
		return err
	}
	en, found, err := tr.TalkEntry(run.Round, run.User)
	if err != nil {
		return err
	}
	st.end()
	st.Next()
	if !ok || !found || en.Reached() {
		st.Send(st.t(mFlowGone))
		return nil
	}
	if !access.Check(st.Step, access.Excuse, access.Object{Unit: en.Unit}).Allowed {
		return nil
	}
	st.doExcuse(rs, en, strings.TrimSpace(st.In.Text))
	return nil
}

// findEntry finds a roster entry by user id, or by exact name among those
// not yet reached.
func findEntry(tr Reader, roundID, who string) (Entry, bool, error) {
	if id, err := strconv.ParseInt(who, 10, 64); err == nil {
		return tr.TalkEntry(roundID, id)
	}
	for off := 0; ; off += 500 {
		ids, total, err := tr.TalkUnreached(roundID, 0, off, 500)
		if err != nil {
			return Entry{}, false, err
		}
		for _, id := range ids {
			en, ok, err := tr.TalkEntry(roundID, id)
			if err != nil {
				return en, false, err
			}
			if ok && en.Name == who {
				return en, true, nil
			}
		}
		if int64(off+500) >= total {
			return Entry{}, false, nil
		}
	}
}
