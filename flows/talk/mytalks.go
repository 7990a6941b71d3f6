package talk

import (
	"fmt"
	"strings"
	"time"

	"sibu/flows/kit"
)

// myTalks answers /mytalks: the person's own talks (invitee_mytalks.go),
// and for an interviewer their talks today and this week and how many of
// their people are not yet reached per open round.
func (st step) myTalks() error {
	tr, ok := st.reader()
	if !ok {
		st.Send(st.t(mNone))
		return nil
	}
	own, err := st.ownTalks(tr)
	if err != nil {
		return err
	}
	if st.Me.Role != kit.RoleSupervisor && st.Me.Role != kit.RoleOfficial {
		if !own {
			st.Send(st.t(mMineNone))
		}
		return nil
	}
	loc := st.Env.Location
	n := st.Now.In(loc)
	today := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, loc)
	agenda, err := tr.TalkAgenda(st.Me.ID, today, today.AddDate(0, 0, 7))
	if err != nil {
		return fmt.Errorf("agenda: %w", err)
	}
	var b strings.Builder
	b.WriteString(st.t(mMyHeader, st.Me.Name))
	var rows [][]kit.Button
	section := ""
	for _, en := range agenda {
		sec := st.t(mWeek)
		if en.Slot.Before(today.AddDate(0, 0, 1)) {
			sec = st.t(mToday)
		}
		if sec != section {
			section = sec
			b.WriteString("\n" + sec + "\n")
		}
		b.WriteString("  " + st.entryLine(en, true) + "\n")
		if len(rows) < 8 {
			rows = append(rows, []kit.Button{{Text: st.t(mBtnRecord, en.Name), Data: ivData(en.Round, en.User, "rec")}})
		}
	}
	if len(agenda) == 0 {
		b.WriteString("\n" + st.t(mNoAgenda) + "\n")
	}
	rows, err = st.myUnreached(tr, &b, rows)
	if err != nil {
		return err
	}
	st.Send(strings.TrimRight(b.String(), "\n"), rows...)
	return nil
}

// myUnreached adds, per open round, the interviewer's people not yet
// reached (the first 10) to b, with buttons to record them.
func (st step) myUnreached(tr Reader, b *strings.Builder, rows [][]kit.Button) ([][]kit.Button, error) {
	open, err := openRounds(tr)
	if err != nil {
		return nil, err
	}
	for _, rs := range open {
		id := rs.Round.ID
		page, total, err := tr.TalkUnreached(id, st.Me.ID, 0, 10)
		if err != nil {
			return nil, err
		}
		if total == 0 {
			continue
		}
		b.WriteString("\n" + st.t(mMyUnreached, rs.Round.Title, total, st.f.deadline(st.Lang, rs.Round.Deadline)) + "\n")
		for _, u := range page {
			en, ok, err := tr.TalkEntry(id, u)
			if err != nil {
				return nil, err
			}
			if ok {
				b.WriteString("  · " + st.entryLine(en, true) + "\n")
				if len(rows) < 12 && en.Status != EntryScheduled {
					rows = append(rows, []kit.Button{{Text: st.t(mBtnRecord, en.Name), Data: ivData(id, en.User, "rec")}})
				}
			}
		}
	}
	return rows, nil
}
