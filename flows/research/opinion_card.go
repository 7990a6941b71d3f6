package research

import (
	"fmt"
	"strings"

	"sibu/flows/access"
	"sibu/flows/commitment"
	"sibu/flows/kit"
	"sibu/flows/when"
)

// opinionHead is an opinion's first line: its topic and text (a voice
// note said as such).
func (st step) opinionHead(o Opinion) string {
	text := o.Text
	if o.Voice != "" {
		text = strings.TrimSpace(st.t(mVoice) + " " + text)
	}
	if o.Topic != "" {
		return "【" + o.Topic + "】" + kit.Short(text, 60)
	}
	return kit.Short(text, 60)
}

// sourceName names where an opinion came from: the meeting's kind
// (情况汇报会, 座谈会, 个别听取), 走访, 问卷调查 or 谈心谈话.
func (st step) sourceName(o Opinion) string {
	if kind, _, ok := strings.Cut(o.Title, " · "); ok && o.Source == SourceMeeting {
		return kind
	}
	return st.t(mSource + kit.Msg(o.Source))
}

// sourceDetail is what names an opinion's source beyond its kind: the
// meeting's place, the visit's place and whom, the questionnaire's or
// round's title.
func (st step) sourceDetail(o Opinion) string {
	if _, place, ok := strings.Cut(o.Title, " · "); ok && o.Source == SourceMeeting {
		return place
	}
	return o.Title
}

// opinionMeta is an opinion's second line: source, unit, day, handling.
func (st step) opinionMeta(o Opinion) string {
	parts := []string{st.sourceName(o)}
	if o.Unit != "" {
		parts = append(parts, st.UnitName(o.Unit))
	}
	if o.Anonymous {
		parts = append(parts, st.t(mAnonymous))
	}
	parts = append(parts, st.dayText(o.Date), st.handlingText(o.Handling))
	return strings.Join(parts, " · ")
}

// handlingText says what became of an opinion.
func (st step) handlingText(h Handling) string {
	switch {
	case h.Kind == HandledCommitment:
		return st.t(mHandledCommitment)
	case h.Kind == HandledFollowUp && h.Done:
		return st.t(mHandledDone, h.AssigneeName)
	case h.Kind == HandledFollowUp:
		return st.t(mHandledFollowUp, h.AssigneeName, st.deadlineText(h.Deadline))
	}
	return st.t(mHandledNone)
}

// deadlineText writes a stored day as a deadline, with its year.
func (st step) deadlineText(day string) string {
	d, err := parseDay(day, st.Env.Location)
	if err != nil {
		return day
	}
	return when.Deadline(d, st.Lang)
}

// opinionCard is an opinion in full, with where it came from.
func (st step) opinionCard(o Opinion) string {
	text := o.Text
	if o.Voice != "" {
		text = strings.TrimSpace(st.t(mVoice) + " " + text)
	}
	var b strings.Builder
	b.WriteString(st.t(mCardHead, text))
	if o.Topic != "" {
		b.WriteString("\n" + st.t(mCardTopic, o.Topic))
	}
	source := st.sourceName(o)
	if d := st.sourceDetail(o); d != "" {
		source += "（" + d + "）"
	}
	fmt.Fprintf(&b, "\n%s\n%s", st.t(mCardSource, source), st.opinionMeta(o))
	return b.String()
}

// opinionButtons are the card's actions for what the opinion's state
// allows.
func (st step) opinionButtons(o Opinion) [][]kit.Button {
	d := func(verb string) string { return "ro:" + o.ID + ":" + verb }
	row := []kit.Button{{Text: st.t(mBtnTag), Data: d("t")}}
	if o.Handling.Kind == HandledNone {
		row = append(row, kit.Button{Text: st.t(mBtnCommit), Data: d("c")}, kit.Button{Text: st.t(mBtnFollow), Data: d("f")})
	}
	rows := [][]kit.Button{row}
	if o.Open() {
		rows = append(rows, []kit.Button{{Text: st.t(mBtnFollowDone), Data: d("dn")}})
	}
	return rows
}

// objectOf is an opinion as the access policy sees it.
func (f *Feature) objectOf(o Opinion) access.Object {
	obj := access.Object{Unit: o.Unit, Private: o.Private}
	if o.Unit == "" {
		obj.Unit = f.Env.Root // an anonymous comment without its unit: the whole organisation's
	}
	return obj
}

// opinionEntry handles "ro:<opinion>:<verb>[:<arg>]": the card (v), its
// topic (t), an item drawn from it (c), a follow-up (f), done (dn).
func (st step) opinionEntry(rest string) error {
	parts := strings.SplitN(rest, ":", 3)
	r, err := st.reader()
	if err != nil {
		return err
	}
	o, ok, err := r.Opinion(parts[0])
	if err != nil || !ok || len(parts) < 2 {
		st.Answer(kit.T(st.Lang, kit.MsgExpired), false)
		return err
	}
	obj := st.f.objectOf(o)
	if parts[1] == "dn" || parts[1] == "v" {
		obj.Person = o.Handling.Assignee
	}
	if !access.Check(st.Step, access.Opinions, obj).Allowed {
		return nil
	}
	switch parts[1] {
	case "v":
		st.Answer("", false)
		st.Send(st.opinionCard(o), st.opinionButtons(o)...)
	case "t":
		return st.tagOpinion(o, parts)
	case "c":
		return st.commitOpinion(o)
	case "f":
		return st.startAssign(o)
	case "dn":
		return st.followUpDone(o)
	default:
		st.Answer(kit.T(st.Lang, kit.MsgExpired), false)
	}
	return nil
}

// tagOpinion offers the topics (no argument) or gives the one chosen.
func (st step) tagOpinion(o Opinion, parts []string) error {
	topics := st.settings().Topics
	if len(parts) < 3 {
		st.Answer("", false)
		var buttons []kit.Button
		for i, name := range topics {
			buttons = append(buttons, kit.Button{Text: name, Data: fmt.Sprintf("ro:%s:t:%d", o.ID, i)})
		}
		st.Edit(st.In.MessageID, st.opinionCard(o)+"\n\n"+st.t(mAskTopic), grid(buttons, 3)...)
		return nil
	}
	i, ok := kit.Callback{Arg: parts[2]}.Index(len(topics))
	if !ok {
		st.Answer(kit.T(st.Lang, kit.MsgExpired), false)
		return nil
	}
	after := o
	after.Topic, after.Rev = topics[i], o.Rev+1
	st.Emit(Tagged{Change{Before: o, After: after, By: st.Me.ID, At: st.Now}})
	st.Answer(st.t(mTagged, topics[i]), false)
	st.Edit(st.In.MessageID, st.opinionCard(after), st.opinionButtons(after)...)
	return nil
}

// commitOpinion starts declaring a commitment item drawn from the opinion
// (its handling is recorded when the item is submitted: Drawn).
func (st step) commitOpinion(o Opinion) error {
	if o.Handling.Kind != HandledNone {
		st.Answer(st.handlingText(o.Handling), true)
		return nil
	}
	st.Answer("", false)
	st.DropButtons(st.In.MessageID)
	return st.f.Commitments.DeclareFrom(st.Step, o.Text, st.commitSource(o), o.ID)
}

// commitSource is the 意见来源 an item drawn from o carries: the meeting's
// kind (座谈会…), 走访, 问卷调查 or 谈心谈话.
func (st step) commitSource(o Opinion) string {
	if o.Source == SourceMeeting {
		if kind, _, ok := strings.Cut(o.Title, " · "); ok {
			return kind
		}
	}
	return catalog.T("zh", mSource+kit.Msg(o.Source))
}

// Drawn implements commitment.Opinions: the item declared in this step
// was drawn from its opinion, which records it as its handling.
func (f *Feature) Drawn(s *kit.Step, item commitment.Item) error {
	st := f.step(s)
	r, err := st.reader()
	if err != nil {
		return err
	}
	o, ok, err := r.Opinion(item.Opinion)
	if err != nil || !ok {
		return err
	}
	after := o
	after.Rev = o.Rev + 1
	after.Handling = Handling{Kind: HandledCommitment, Item: item.ID, By: s.Me.ID, At: s.Now}
	s.Emit(Committed{Change{Before: o, After: after, By: s.Me.ID, At: s.Now}})
	return nil
}

// followUpDone records that the follow-up of o was done, telling whoever
// assigned it.
func (st step) followUpDone(o Opinion) error {
	if !o.Open() {
		st.Answer(st.handlingText(o.Handling), true)
		return nil
	}
	after := o
	after.Rev, after.Handling.Done = o.Rev+1, true
	st.Emit(FollowUpDone{Change{Before: o, After: after, By: st.Me.ID, At: st.Now}})
	st.Chose(st.opinionCard(o), st.t(mChoseDone))
	if by := o.Handling.By; by != 0 && by != st.Me.ID {
		st.Push(by, catalog.T("zh", mFollowDonePush, st.Me.Name, kit.Short(o.Text, 60)))
	}
	return nil
}

// SourceLabel names an opinion's source for reports: its kind and what
// names it (座谈会（村委会）, 问卷调查（…）).
func (f *Feature) SourceLabel(o Opinion) string {
	st := f.step(&kit.Step{Env: f.Env, Lang: "zh"})
	if d := st.sourceDetail(o); d != "" {
		return st.sourceName(o) + "（" + d + "）"
	}
	return st.sourceName(o)
}
