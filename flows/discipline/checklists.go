package discipline

import (
	"strconv"
	"strings"

	"sibu/flows/access"
	"sibu/flows/kit"
	"sibu/flows/talk"
)

// checklistCommand answers /checklist: what waits for the person (a
// button each), and for officials the checklists of their units with
// their completion, the talk rounds as 四必谈 and buttons for new ones;
// "/checklist new watch|train" defines one.
func (st step) checklistCommand() error {
	rd, ok := st.reader()
	if !ok {
		st.Send(st.t(mNone))
		return nil
	}
	if kind, ok := newKind(st.In.Args); ok {
		return st.startDefine(kind)
	}
	var b strings.Builder
	rows, err := st.pendingRows(rd, &b)
	if err != nil {
		return err
	}
	if st.Me.Role == kit.RoleOfficial {
		more, err := st.officialRows(rd, &b)
		if err != nil {
			return err
		}
		rows = append(rows, more...)
	}
	if b.Len() == 0 {
		b.WriteString(st.t(mChecklistsNone))
	}
	st.Send(strings.TrimSpace(b.String()), rows...)
	return nil
}

// kindWords are the words people type for a checklist's kind.
var kindWords = map[string]ChecklistKind{"watch": KindWatch, "四必看": KindWatch, "必看": KindWatch, "学习": KindWatch,
	"train": KindTrain, "四必训": KindTrain, "必训": KindTrain, "培训": KindTrain}

// newKind reads "/checklist new watch|train" as typed, in English or
// Chinese (新建 四必看, 四必训): ok when it asks for a new checklist, its
// kind "" when not said or not understood (the buttons then ask).
func newKind(args string) (ChecklistKind, bool) {
	f := strings.Fields(args)
	if len(f) == 0 {
		return "", false
	}
	if k, ok := kindWords[f[0]]; ok && len(f) == 1 {
		return k, true // "/checklist 四必看"
	}
	switch f[0] {
	case "new", "新建", "新", "发布":
	default:
		return "", false
	}
	if len(f) > 1 {
		return kindWords[f[1]], true
	}
	return "", true
}

// pendingRows lists the open checklists that wait for the person.
func (st step) pendingRows(rd Reader, b *strings.Builder) ([][]kit.Button, error) {
	cs, err := rd.ChecklistsOf(st.Me.ID)
	if err != nil {
		return nil, err
	}
	var rows [][]kit.Button
	for _, c := range cs {
		done, err := rd.ChecklistConfirmations(c.ID)
		if err != nil {
			return nil, err
		}
		if _, ok := done[st.Me.ID]; ok || !c.Open {
			continue
		}
		if len(rows) == 0 {
			b.WriteString(st.t(mPendingHeader) + "\n")
		}
		b.WriteString(st.t(mPendingLine, st.kindName(c.Kind), c.Title, st.deadline(c.Deadline)) + "\n")
		rows = append(rows, []kit.Button{st.proofButton(st.Lang, c)})
	}
	return rows, nil
}

// proofButton is 看完了 or 签到 of checklist c, in lang.
func (st step) proofButton(lang string, c Checklist) kit.Button {
	if c.Kind == KindTrain {
		return kit.Button{Text: catalog.T(lang, mBtnCheckin, kit.Short(c.Title, 16)), Data: "ck:" + c.ID + ":in"}
	}
	return kit.Button{Text: catalog.T(lang, mBtnWatched, kit.Short(c.Title, 16)), Data: "ck:" + c.ID + ":ok"}
}

// officialRows lists the checklists and talk rounds of the official's
// units, and the buttons of new checklists.
func (st step) officialRows(rd Reader, b *strings.Builder) ([][]kit.Button, error) {
	cs, err := rd.Checklists()
	if err != nil {
		return nil, err
	}
	var rows [][]kit.Button
	for _, c := range cs {
		if !access.Allows(st.Step, access.Results, access.Object{Reach: c.Units, Name: c.Title}) {
			continue
		}
		if len(rows) == 0 {
			b.WriteString("\n" + st.t(mOfficialHeader) + "\n")
		}
		label := st.kindName(c.Kind) + "：" + kit.Short(c.Title, 16)
		if !c.Open {
			label += st.t(mClosedMark)
		}
		rows = append(rows, []kit.Button{{Text: label, Data: "ck:" + c.ID + ":v"}})
	}
	if tr, ok := st.Dir.(talk.Reader); ok {
		ids, err := tr.TalkRounds()
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			rs, ok, err := tr.TalkRound(id)
			if err != nil || !ok || !access.Allows(st.Step, access.Results, access.Object{Reach: rs.Round.Units}) {
				continue
			}
			if d := "ck:" + id + ":tk"; len(d) <= kit.MaxData {
				rows = append(rows, []kit.Button{{Text: st.t(mBtnTalks, kit.Short(rs.Round.Title, 16)), Data: d}})
			}
		}
	}
	w, _ := kit.CommandData("checklist", "new", string(KindWatch))
	t, _ := kit.CommandData("checklist", "new", string(KindTrain))
	return append(rows, []kit.Button{{Text: st.t(mBtnNewWatch), Data: w}, {Text: st.t(mBtnNewTrain), Data: t}}), nil
}

// kindName is 四必看 or 四必训.
func (st step) kindName(k ChecklistKind) string { return st.t(kit.Msg("dc_kind_" + string(k))) }

// checklistEntry handles the buttons about a checklist ("ck:<id>:<verb>"):
// ok and in (a person's proof), v (completion), x (export), cl (close),
// and for a talk round tk (四必谈 coverage).
func (st step) checklistEntry(rest string) error {
	id, verb, _, ok := entryParts(rest)
	rd, has := st.reader()
	if _, known := access.Verb("ck", verb); !ok || !known || !has || !st.Known {
		st.Answer(kit.T(st.Lang, kit.MsgExpired), false)
		return nil
	}
	if verb == "tk" {
		return st.talkPairs(id)
	}
	c, found, err := rd.Checklist(id)
	if err != nil {
		return err
	}
	if !found {
		st.tell(st.t(mGone))
		return nil
	}
	switch verb {
	case "ok", "in":
		return st.startProof(rd, c)
	case "v", "x":
		return st.completion(rd, c, verb == "x")
	case "cl":
		return st.closeChecklist(rd, c)
	}
	return nil
}

// deadline is a deadline day as people read it.
func (st step) deadline(d string) string {
	if d == "" {
		return "—"
	}
	return d
}

// itoa formats an id.
func itoa(n int64) string { return strconv.FormatInt(n, 10) }
