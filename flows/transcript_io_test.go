package flows_test

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"sibu/flows"
	"sibu/flows/join"
	"sibu/flows/kit"
	"sibu/flows/talk"
)

// input translates a line into what the transport would hand the engine,
// and the line's label in the golden file.
func (r *runner) input(s tstep) (kit.Input, string) {
	chat := s.Chat
	if chat == 0 {
		chat = s.User
	}
	in := kit.Input{ChatID: chat, UserID: s.User, Private: chat == s.User, Lang: s.Lang, UserName: fmt.Sprintf("用户%d", s.User)}
	switch {
	case s.Again:
		if r.lastCB == nil {
			r.t.Fatal("again: no previous callback")
		}
		in = *r.lastCB
		r.cbSeq++
		in.CallbackID = fmt.Sprintf("cb%d", r.cbSeq)
		return in, fmt.Sprintf("%d again %q", s.User, in.Data)
	case s.Send != "":
		return r.send(in, s)
	case s.Press != "":
		return r.press(in, s)
	case s.Data != "":
		r.cbSeq++
		in.Kind, in.Data, in.MessageID, in.CallbackID = kit.InputCallback, s.Data, s.Message, fmt.Sprintf("cb%d", r.cbSeq)
		return in, fmt.Sprintf("%d sends callback %q", s.User, s.Data)
	case s.Other != "":
		in.Kind, in.Other = kit.InputOther, s.Other
		return in, fmt.Sprintf("%d sends a %s", s.User, s.Other)
	case len(s.Location) == 2:
		in.Kind, in.Other, in.Lat, in.Lon = kit.InputOther, "location", s.Location[0], s.Location[1]
		return in, fmt.Sprintf("%d shares the location %.4f,%.4f", s.User, s.Location[0], s.Location[1])
	case s.Photo != "":
		in.Kind, in.Other, in.FileID, in.Caption = kit.InputOther, "photo", s.Photo, s.Caption
		return in, fmt.Sprintf("%d sends photo %s %q", s.User, s.Photo, s.Caption)
	case s.Contact != "" || s.ContactOf != 0:
		in.Kind, in.ContactPhone, in.ContactUserID = kit.InputContact, s.Contact, s.User
		if s.ContactOf != 0 {
			in.ContactUserID = s.ContactOf
			return in, fmt.Sprintf("%d shares the contact of %d", s.User, s.ContactOf)
		}
		return in, fmt.Sprintf("%d shares their contact %s", s.User, s.Contact)
	}
	return r.file(in, s)
}

// file is a file the transport hands over: a roster it read, a document it
// did not, a voice note. The transport gives no name with them.
func (r *runner) file(in kit.Input, s tstep) (kit.Input, string) {
	in.UserName, in.Kind = "", kit.InputOther
	switch {
	case s.Roster != nil:
		b, _ := json.Marshal(s.Roster)
		in.Other, in.Text, in.FileName = talk.OtherRoster, string(b), s.Roster.File
		return in, fmt.Sprintf("%d sends the roster file %s (%d rows, problem %q)", s.User, s.Roster.File, len(s.Roster.Rows), s.Roster.Problem)
	case s.People != nil:
		b, _ := json.Marshal(s.People)
		in.Other, in.Text, in.FileName = join.OtherRoster, string(b), s.People.File
		return in, fmt.Sprintf("%d sends the roster file %s (%d rows, problem %q)", s.User, s.People.File, len(s.People.Rows), s.People.Problem)
	case s.Document != "":
		in.Other, in.FileID, in.FileName = "document", "DOC", s.Document
		return in, fmt.Sprintf("%d sends the document %s", s.User, s.Document)
	case s.Voice != "":
		in.Other, in.FileID = "voice", s.Voice
		return in, fmt.Sprintf("%d sends a voice note", s.User)
	}
	r.t.Fatalf("empty step %+v", s)
	return in, ""
}

func (r *runner) send(in kit.Input, s tstep) (kit.Input, string) {
	if strings.HasPrefix(s.Send, "/") {
		cmd, args, _ := strings.Cut(s.Send[1:], " ")
		cmd, target, _ := strings.Cut(cmd, "@")
		in.Kind, in.Command, in.Args = kit.InputCommand, cmd, strings.TrimSpace(args)
		in.Addressed = target == "sibu_test_bot"
	} else {
		in.Kind, in.Text = kit.InputText, s.Send
	}
	return in, fmt.Sprintf("%d: %s", s.User, s.Send)
}

// press taps the button with the text on the newest message that has it.
func (r *runner) press(in kit.Input, s tstep) (kit.Input, string) {
	msgs := r.chats[in.ChatID]
	for i := len(msgs) - 1; i >= 0; i-- {
		for _, row := range msgs[i].Buttons {
			for _, b := range row {
				if b.Text != s.Press {
					continue
				}
				r.cbSeq++
				in.Kind, in.Data, in.MessageID, in.CallbackID = kit.InputCallback, b.Data, msgs[i].ID, fmt.Sprintf("cb%d", r.cbSeq)
				cp := in
				r.lastCB = &cp
				return in, fmt.Sprintf("%d presses [%s] on #%d", s.User, s.Press, msgs[i].ID)
			}
		}
	}
	last := ""
	if len(msgs) > 0 {
		last = msgs[len(msgs)-1].Text
	}
	r.t.Fatalf("no button %q in chat %d; its last message: %q", s.Press, in.ChatID, last)
	return in, ""
}

// render writes an output as one line of a golden file (with contact
// cards, files and reply keyboards when the suite shows them).
func (r *runner) render(o kit.Output) string {
	var b strings.Builder
	switch o.Kind {
	case kit.OutAnswer:
		return fmt.Sprintf("answer %q alert=%v", o.Text, o.Alert)
	case kit.OutCommands:
		return fmt.Sprintf("commands chat=%d role=%s", o.ChatID, o.Role)
	case kit.OutReport:
		if o.Scope != "" {
			return fmt.Sprintf("report %s of %s (scope %s) → %d", o.Report, o.SurveyID, o.Scope, o.ChatID)
		}
		return fmt.Sprintf("report %s of %s → %d", o.Report, o.SurveyID, o.ChatID)
	case kit.OutEdit:
		if o.KeepText {
			fmt.Fprintf(&b, "edit #%d: (buttons only)", o.MessageID)
			break
		}
		fmt.Fprintf(&b, "edit #%d: %s", o.MessageID, o.Text)
	case kit.OutPush:
		fmt.Fprintf(&b, "push →%d: %s", o.ChatID, o.Text)
	default:
		fmt.Fprintf(&b, "send: %s", o.Text)
	}
	for _, row := range o.Buttons {
		b.WriteString("\n  ")
		for _, bt := range row {
			if len(bt.Data) > 64 {
				r.t.Fatalf("callback data over 64 bytes: %s", bt.Data)
			}
			if bt.URL != "" {
				fmt.Fprintf(&b, "[%s|url %s]", bt.Text, bt.URL)
				continue
			}
			fmt.Fprintf(&b, "[%s|%s]", bt.Text, bt.Data)
		}
	}
	if r.suite.detail {
		renderDetail(&b, o)
	}
	return b.String()
}

func renderDetail(b *strings.Builder, o kit.Output) {
	if o.Contact != nil {
		fmt.Fprintf(b, "\n  [contact %s %s]", o.Contact.FirstName, o.Contact.Phone)
	}
	if o.File != nil {
		fmt.Fprintf(b, "\n  [%s %s]", o.File.Kind, o.File.ID)
	}
	for _, row := range o.Keyboard {
		b.WriteString("\n  keyboard:")
		for _, k := range row {
			fmt.Fprintf(b, " {%s contact=%v}", k.Text, k.RequestContact)
		}
	}
	if o.RemoveKeyboard {
		b.WriteString("\n  (keyboard removed)")
	}
}

// system records what a job produced: each result committed on its own, a
// failed condition shown as "conflict".
func (r *runner) system(label string, results []kit.Result) record {
	rec := record{In: label}
	for _, res := range results {
		if !r.dir.apply(res.Effects) {
			rec.Out = append(rec.Out, "conflict")
			continue
		}
		r.outputs(&rec, res.Outputs, res.Effects)
	}
	return rec
}

// remind runs the commitment reminder job for every item due within 30 days.
func (r *runner) remind() record {
	var all []kit.Result
	due, _ := r.dir.DueBefore(r.now.AddDate(0, 0, 30))
	for _, c := range due {
		res, err := r.eng.Commitment().Reminders(c, r.now, r.dir, func(id int64) (bool, error) { return r.blocked[id], nil })
		if err != nil {
			r.t.Fatal(err)
		}
		all = append(all, res...)
	}
	return r.system("reminder job at "+r.now.In(cst).Format("2006-01-02 15:04"), all)
}

// digest runs the daily digest job: everyone's 今日待办, with the week's
// commitment summary on Mondays.
func (r *runner) digest() record {
	var weekly map[int64]string
	if r.now.In(cst).Weekday() == time.Monday {
		week, before := r.eng.Commitment().DigestWeek(r.now)
		due, _ := r.dir.DueBefore(before)
		var err error
		if weekly, err = r.eng.Commitment().WeekSummaries(due, r.now, week, r.dir); err != nil {
			r.t.Fatal(err)
		}
	}
	people, _ := r.dir.Members(r.eng.Env().Root, true)
	slices.SortFunc(people, func(a, b kit.Person) int { return cmp.Compare(a.ID, b.ID) })
	day := r.now.In(cst).Format("2006-01-02")
	var all []kit.Result
	for _, p := range people {
		if r.blocked[p.ID] {
			continue // the job skips people who blocked the bot
		}
		res, err := r.eng.Digest(flows.DigestInput{Person: p, Day: day, Weekly: weekly[p.ID]}, r.now, r.view)
		if err != nil {
			r.t.Fatal(err)
		}
		if len(res.Outputs) > 0 {
			all = append(all, res)
		}
	}
	return r.system("daily digest at "+r.now.In(cst).Format("2006-01-02 15:04"), all)
}

// talkJobs runs the slot notices due now, as the scheduler does.
func (r *runner) talkJobs() []record {
	var recs []record
	ids, _ := r.dir.TalkRounds()
	for _, id := range ids {
		rs := *r.dir.talkRounds[id]
		var users []int64
		for u := range r.dir.entries[id] {
			users = append(users, u)
		}
		slices.Sort(users)
		for _, u := range users {
			en := r.dir.entries[id][u]
			if !en.PhoneSlot() {
				continue
			}
			var res kit.Result
			switch r.eng.Talk().SlotNoticeDue(rs, en, r.now) {
			case talk.NoticeOutcome:
				res = r.eng.Talk().OutcomePrompt(rs, en)
			case talk.NoticeRemind:
				res = r.eng.Talk().Reminder(rs, en)
			default:
				continue
			}
			if !r.dir.apply(res.Effects) {
				continue // sent already
			}
			rec := record{In: fmt.Sprintf("job: notice about %d", u)}
			r.outputs(&rec, res.Outputs, res.Effects)
			recs = append(recs, rec)
		}
	}
	if len(recs) == 0 {
		recs = append(recs, record{In: "job: nothing due"})
	}
	return recs
}
