package tipoff

import (
	"strings"
	"unicode/utf8"

	"sibu/flows/kit"
)

// find looks a receipt code up for the reporter and shows what became of
// the tip-off: its state and the inspectors' answers.
func (st step) find(code string) error {
	run := st.run()
	rd, _ := st.reader()
	code = NormalizeCode(code)
	if len(code) != 12 {
		st.Send(st.t(mBadCode))
		return nil
	}
	t, ok, err := rd.TipoffByCode(code)
	if err != nil {
		return err
	}
	if !ok {
		st.Send(st.t(mCodeUnknown))
		return nil
	}
	run.Code, run.Step = code, stepFound
	seq := st.Next()
	st.Send(st.reporterView(t), []kit.Button{{Text: st.t(mBtnAdd), Data: kit.Data(seq, "add")}})
	return nil
}

// reporterView is a tip-off as its reporter reads it: what they sent, its
// state and the thread.
func (st step) reporterView(t Tipoff) string {
	var b strings.Builder
	b.WriteString(st.t(mReporterView, st.kindName(t.Kind), st.UnitName(t.Unit), t.Day, st.statusName(t.Status), kit.Short(t.Text, 300)))
	st.thread(&b, t, mFromReporter)
	if len(t.Thread) == 0 {
		b.WriteString("\n\n" + st.t(mNoAnswerYet))
	}
	return b.String()
}

// thread writes the notes of t, each with its day and who wrote it (the
// reporter's named reporter as the reader knows them: "您的补充" to the
// reporter, "举报人补充" to an inspector).
func (st step) thread(b *strings.Builder, t Tipoff, reporter kit.Msg) {
	for _, n := range t.Thread {
		who := st.t(mFromInspector)
		if n.From == FromReporter {
			who = st.t(reporter)
		}
		b.WriteString("\n\n" + st.t(mNote, n.Day, who, n.Text))
		if len(n.Files) > 0 {
			b.WriteString(st.t(mNoteFiles, len(n.Files)))
		}
	}
}

// findText takes a typed code, or the addition's text.
func (st step) findText() error {
	run := st.run()
	switch run.Step {
	case stepCode:
		return st.find(st.In.Text)
	case stepAdd:
		text := strings.TrimSpace(st.In.Text)
		if st.In.Kind == kit.InputOther && st.In.FileID != "" {
			if len(run.Files) >= maxFiles {
				st.Send(st.t(mTooManyFiles, maxFiles))
				return nil
			}
			run.Files = append(run.Files, kit.File{Kind: st.In.Other, ID: st.In.FileID})
			text = strings.TrimSpace(st.In.Caption)
		}
		if n := utf8.RuneCountInString(text); n > maxText {
			st.Send(st.t(mTextLength, minText, maxText))
			return nil
		}
		if text != "" {
			run.Text = strings.TrimSpace(run.Text + "\n" + text)
		}
		seq := st.Next()
		st.Send(st.t(mAddKept, len(run.Files)), []kit.Button{{Text: st.t(mBtnSubmitAdd), Data: kit.Data(seq, "sub")}})
		return nil
	}
	st.Send(kit.T(st.Lang, kit.MsgUseButtons))
	return nil
}

// findButton takes 补充情况 and the addition's 提交.
func (st step) findButton(cb kit.Callback) (bool, error) {
	run := st.run()
	switch {
	case cb.Verb == "add" && run.Step == stepFound:
		if _, over, err := st.capped(); err != nil || over {
			return true, err
		}
		st.DropButtons(st.In.MessageID)
		st.NoEdit = true
		run.Step, run.Text, run.Files = stepAdd, "", nil
		st.Send(st.t(mAskAdd))
		return true, nil
	case cb.Verb == "sub" && run.Step == stepAdd:
		if run.Text == "" && len(run.Files) == 0 {
			st.Answer(st.t(mNothingAdded), true)
			return true, nil
		}
		count, over, err := st.capped()
		if err != nil || over {
			return true, err
		}
		st.Emit(Added{Reporter: st.Me.ID, Count: count, Code: run.Code,
			Note: Note{Day: st.day(), From: FromReporter, Text: run.Text, Files: run.Files}})
		st.Chose(st.t(mAddKept, len(run.Files)), st.t(mSubmittedShort))
		st.end(st.t(mSubmittedShort))
		st.Send(st.t(mAdded))
		return true, nil
	}
	return false, nil
}
