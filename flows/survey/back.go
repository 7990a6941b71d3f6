package survey

import (
	"slices"
	"strings"

	"sibu/flows/kit"
)

// back handles /back while answering: out of the 其他 text, to the
// previous matrix row, from a change back to the summary, or to the
// previous question still shown.
func (st step) back() error {
	sv, run := st.current()
	if sv == nil {
		st.Send(st.t(kit.MsgNothingToBack))
		return nil
	}
	st.migrate(sv, run)
	switch {
	case run.Other:
		run.Other = false
		run.Sel = nil
	case run.Cur != "" && sv.question(run.Cur).Type == QMatrix && run.Row > 0:
		run.Row--
		prefix := sv.question(run.Cur).Rows[run.Row].Value + "="
		run.Sel = slices.DeleteFunc(run.Sel, func(s string) bool { return strings.HasPrefix(s, prefix) })
	case run.Review:
		run.Review, run.Cur, run.Sel, run.Row = false, "", nil, 0
	default:
		st.previous(sv, run)
	}
	st.showCurrent(sv)
	return nil
}

// previous makes the previous question still visible (answers may have
// hidden some) the current one, or says there is none.
func (st step) previous(sv *Survey, run *Run) {
	vis := visible(sv, run.Answers)
	for len(run.Hist) > 0 {
		prev := run.Hist[len(run.Hist)-1]
		run.Hist = run.Hist[:len(run.Hist)-1]
		if slices.ContainsFunc(vis, func(i int) bool { return sv.Questions[i].Name == prev }) {
			run.Cur, run.Sel, run.Page, run.Row = prev, nil, 0, 0
			return
		}
	}
	st.Send(st.t(mFirstQuestion))
}
