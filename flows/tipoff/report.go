package tipoff

import (
	"strings"
	"unicode/utf8"

	"sibu/flows/kit"
)

// Limits of what a reporter writes.
const (
	minText  = 10
	maxText  = 2000
	maxFiles = 5
)

// command answers /tipoff: "new" writes a tip-off, "find" follows one up,
// a receipt code is looked up at once; without arguments, what the line is
// and its two buttons (and an inspector's list first).
func (st step) command() error {
	if _, ok := st.reader(); !ok {
		st.Send(st.t(mNone))
		return nil
	}
	switch arg := strings.TrimSpace(st.In.Args); {
	case arg == "new" || arg == "新建" || arg == "举报" || arg == "我要举报":
		return st.startNew()
	case arg == "find" || arg == "查询":
		st.enter(&Run{Mode: modeFind, Step: stepCode})
		st.Next()
		st.Send(st.t(mAskCode))
		return nil
	case arg != "":
		st.enter(&Run{Mode: modeFind, Step: stepCode})
		return st.find(arg)
	}
	if st.Me.Role == kit.RoleInspector {
		return st.inspectorList()
	}
	st.Send(st.t(mIntro), st.menuButtons())
	return nil
}

// menuButtons are the reporter's two ways in, as command buttons.
func (st step) menuButtons() []kit.Button {
	n, _ := kit.CommandData("tipoff", "new")
	f, _ := kit.CommandData("tipoff", "find")
	return []kit.Button{{Text: st.t(mBtnReport), Data: n}, {Text: st.t(mBtnFind), Data: f}}
}

// capped reports (and says) that the person sent as many as a day allows;
// count is what they sent today.
func (st step) capped() (count int, over bool, err error) {
	rd, _ := st.reader()
	count, err = rd.TipoffsToday(st.Me.ID, st.day())
	if err != nil {
		return 0, false, err
	}
	if max := st.f.Settings.WithDefaults().MaxPerDay; count >= max {
		st.tell(st.t(mCapped, max))
		return count, true, nil
	}
	return count, false, nil
}

// startNew starts writing a tip-off: its kind first.
func (st step) startNew() error {
	if _, over, err := st.capped(); err != nil || over {
		return err
	}
	st.enter(&Run{Mode: modeNew, Step: stepKind})
	st.askKind()
	return nil
}

// askKind offers the kinds.
func (st step) askKind() {
	seq := st.Next()
	var rows [][]kit.Button
	for _, k := range Kinds {
		rows = append(rows, []kit.Button{{Text: st.kindName(k), Data: kit.Data(seq, "k", string(k))}})
	}
	st.Send(st.t(mAskKind), rows...)
}

// askUnit offers the units (the whole organisation: a tip-off may be about
// any unit), two to a row; a unit's name may be typed too.
func (st step) askUnit() {
	seq := st.Next()
	var rows [][]kit.Button
	var row []kit.Button
	for _, u := range st.Env.TopUnits(st.Env.Root, maxUnitButtons) {
		if d := kit.Data(seq, "u", u); len(d) <= kit.MaxData {
			row = append(row, kit.Button{Text: st.UnitName(u), Data: d})
		}
		if len(row) == 2 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	st.Send(st.t(mAskUnit), rows...)
}

// namesakes offers the units a typed name matches, each told apart by
// the unit above it (a county has many 第一党支部), or says none does.
func (st step) namesakes(ids []string) {
	if len(ids) < 2 || len(ids) > maxUnitButtons {
		st.Send(st.t(mBadUnit))
		return
	}
	rows := st.Env.NamesakeButtons(ids, st.Next(), "u")
	st.Send(st.t(mNamesakes, len(ids)), rows...)
}

// maxUnitButtons is how many units the unit question offers as buttons:
// Telegram takes at most 100 in a message, and a phone shows far fewer.
const maxUnitButtons = 40

// askFiles asks for evidence, which may be skipped.
func (st step) askFiles() {
	seq := st.Next()
	st.Send(st.t(mAskFiles, maxFiles), []kit.Button{{Text: st.t(mBtnNoFiles), Data: kit.Data(seq, "done")}})
}

// confirm shows the tip-off before it is sent.
func (st step) confirm() {
	run := st.run()
	run.Step = stepConfirm
	seq := st.Next()
	st.Send(st.t(mConfirm, st.kindName(run.Kind), st.UnitName(run.Unit), run.Text, len(run.Files)),
		[]kit.Button{{Text: st.t(mBtnSubmit), Data: kit.Data(seq, "sub")}})
}

// newText takes what is typed while writing: a unit's name, the account,
// or a caption-less file.
func (st step) newText() error {
	run := st.run()
	text := strings.TrimSpace(st.In.Text)
	switch run.Step {
	case stepUnit:
		u, ok := st.Env.FindUnit(text, "")
		if !ok {
			st.namesakes(st.Env.MatchUnits(text, ""))
			return nil
		}
		run.Unit, run.Step = u, stepText
		st.Send(st.t(mAskText))
	case stepText:
		if st.In.Kind != kit.InputText {
			st.Send(st.t(mTextFirst))
			return nil
		}
		if n := utf8.RuneCountInString(text); n < minText || n > maxText {
			st.Send(st.t(mTextLength, minText, maxText))
			return nil
		}
		run.Text, run.Step = text, stepFiles
		st.askFiles()
	case stepFiles:
		return st.file()
	default:
		st.Send(kit.T(st.Lang, kit.MsgUseButtons))
	}
	return nil
}

// file keeps a photo or document as evidence.
func (st step) file() error {
	run := st.run()
	if st.In.FileID == "" || st.In.Kind != kit.InputOther {
		st.Send(st.t(mFilesOnly))
		return nil
	}
	if len(run.Files) >= maxFiles {
		st.Send(st.t(mTooManyFiles, maxFiles))
		return nil
	}
	run.Files = append(run.Files, kit.File{Kind: st.In.Other, ID: st.In.FileID})
	seq := st.Next()
	st.Send(st.t(mFileKept, len(run.Files)), []kit.Button{{Text: st.t(mBtnFilesDone), Data: kit.Data(seq, "done")}})
	return nil
}

// newButton takes a button while writing.
func (st step) newButton(cb kit.Callback) (bool, error) {
	run := st.run()
	switch {
	case cb.Verb == "k" && run.Step == stepKind:
		for _, k := range Kinds {
			if string(k) == cb.Arg {
				st.Chose(st.t(mAskKind), st.kindName(k))
				run.Kind, run.Step = k, stepUnit
				st.askUnit()
				return true, nil
			}
		}
	case cb.Verb == "u" && run.Step == stepUnit && st.Env.UnitExists(cb.Arg):
		st.Chose(st.t(mAskUnit), st.UnitName(cb.Arg))
		run.Unit, run.Step = cb.Arg, stepText
		st.Send(st.t(mAskText))
		return true, nil
	case cb.Verb == "done" && run.Step == stepFiles:
		st.DropButtons(st.In.MessageID)
		st.NoEdit = true
		st.confirm()
		return true, nil
	case cb.Verb == "sub" && run.Step == stepConfirm:
		return true, st.submit()
	}
	return false, nil
}

// submit sends the tip-off: sealed into the pool with its receipt code,
// which the reporter is shown once and must keep.
func (st step) submit() error {
	count, over, err := st.capped()
	if err != nil || over {
		return err
	}
	run := st.run()
	code := ReceiptCode(st.Env.NewCode())
	t := Tipoff{Kind: run.Kind, Unit: run.Unit, Text: run.Text, Files: run.Files, Day: st.day(), Status: StatusPooled}
	st.Emit(Submitted{Reporter: st.Me.ID, Count: count, Code: NormalizeCode(code), Tipoff: t})
	st.Chose(st.t(mConfirm, st.kindName(run.Kind), st.UnitName(run.Unit), run.Text, len(run.Files)), st.t(mSubmittedShort))
	st.end(st.t(mSubmittedShort))
	st.Send(st.t(mSubmitted, code))
	return nil
}
