package commitment

import (
	"fmt"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// declareCallback handles the buttons of a declaration (or an edit): the
// date picker, the source, the summary's add / delete / submit and the
// edit menu.
func (st step) declareCallback(cb kit.Callback) (bool, error) {
	run := st.run()
	if run.Field == "deadline" || run.Field == "confirm_date" {
		return st.dateCallback(cb, st.askField, func(d string) error {
			run.Items[run.Cur].Deadline = d
			st.nextField("source")
			return nil
		})
	}
	switch cb.Verb {
	case "src":
		return st.pickSource(cb)
	case "add":
		return true, st.addDraft()
	case "del":
		run.Items = run.Items[:len(run.Items)-1]
		if len(run.Items) == 0 {
			run.Items, run.Cur, run.Field = []Draft{{}}, 0, "content"
		} else {
			run.Cur = len(run.Items) - 1
		}
		st.askField()
		return true, nil
	case "sub":
		return true, st.submitDeclaration()
	case "ef": // edit menu: change a field
		if run.Mode != modeEdit || run.Field != "menu" {
			return false, nil
		}
		switch cb.Arg {
		case "content", "measures", "deadline":
			run.Field = cb.Arg
			st.askField()
			return true, nil
		}
		return false, nil
	case "rs":
		if run.Mode != modeEdit || run.Field != "menu" {
			return false, nil
		}
		return true, st.resubmit()
	}
	return false, nil
}

// pickSource takes a source button (or 跳过).
func (st step) pickSource(cb kit.Callback) (bool, error) {
	run := st.run()
	if run.Field != "source" {
		return false, nil
	}
	choice := st.t(mBtnSkip)
	if i, ok := cb.Index(len(st.settings().Sources)); ok {
		run.Items[run.Cur].Source = st.settings().Sources[i]
		choice = st.settings().Sources[i]
	} else if cb.Arg != "-" {
		return false, nil
	}
	st.Chose(st.t(mAskSource, run.Cur+1), choice)
	run.Field = "summary"
	st.askField()
	return true, nil
}

// addDraft starts another item, within the period's maximum.
func (st step) addDraft() error {
	run := st.run()
	existing, _, err := st.periodItems(run)
	if err != nil {
		return err
	}
	if existing+len(run.Items) >= st.settings().MaxItems {
		st.Answer(st.t(mTooMany, st.settings().MaxItems), true)
		return nil
	}
	run.Items = append(run.Items, Draft{})
	run.Cur, run.Field = len(run.Items)-1, "content"
	st.askField()
	return nil
}

// submitDeclaration turns the drafts into items waiting for review.
func (st step) submitDeclaration() error {
	run := st.run()
	if run.Dir != DirPerson && !access.Check(st.Step, access.Declare, access.Object{Unit: run.Unit}).Allowed {
		st.leave()
		return nil
	}
	p := st.settings()
	existing, _, err := st.periodItems(run)
	if err != nil {
		return err
	}
	total := existing + len(run.Items)
	if total < p.MinItems {
		st.Answer(st.t(mTooFew, p.MinItems, total), true)
		return nil
	}
	if total > p.MaxItems {
		st.Answer(st.t(mTooMany, p.MaxItems), true)
		return nil
	}
	for i, d := range run.Items {
		c := Item{ID: newItemID(st.Me.ID, st.Now, i), Owner: st.Me.ID, OwnerName: st.Me.Name, Unit: st.Me.Unit,
			DeclaredBy: st.Me.ID, Period: st.period(), Content: d.Content, Measures: d.Measures, Source: d.Source,
			Opinion: d.Opinion, Deadline: d.Deadline, Status: StatusReview, Level: 1, Created: st.Now, Updated: st.Now}
		if run.Dir != DirPerson {
			c.Owner, c.OwnerName, c.Unit, c.Direction = 0, st.UnitName(run.Unit), run.Unit, run.Dir
		}
		st.Emit(Declared{Change{Item: c, Entry: st.entry("declared", "")}})
		if c.Opinion != "" && st.f.Opinions != nil {
			if err := st.f.Opinions.Drawn(st.Step, c); err != nil {
				return err
			}
		}
		if err := st.askReview(c, 0); err != nil {
			return err
		}
	}
	st.leave(st.t(mSubmittedEdit, len(run.Items)))
	st.Edit(st.In.MessageID, st.t(mSubmittedEdit, len(run.Items)))
	st.NoEdit = true
	st.Send(st.t(mSubmitted, len(run.Items)))
	return nil
}

// reviewButtons are 通过 / 退回 of c at its level, in lang.
func reviewButtons(lang string, c Item) []kit.Button {
	lv := fmt.Sprint(c.Level)
	return []kit.Button{itemButton(catalog.T(lang, mBtnApprove), c.ID, "ok", lv),
		itemButton(catalog.T(lang, mBtnReturn), c.ID, "rt", lv)}
}

// askReview pushes c to the reviewers of its level with 通过 / 退回: those
// the access policy lets review it, from its level's unit up. approved is
// who approved the level before in this step (not in its history yet).
func (st step) askReview(c Item, approved int64) error {
	o, err := st.reviewObject(c)
	if err != nil {
		return err
	}
	if approved != 0 {
		o.Item.Earlier = append(o.Item.Earlier, approved)
	}
	people, err := st.f.deciders(st.Dir, access.Review, o)
	if err != nil {
		return err
	}
	text := catalog.T("zh", mReviewPush, c.Level, st.UnitName(o.Item.Decider)) + "\n" + st.zhCard(c)
	for _, p := range people {
		st.Push(p.ID, text, reviewButtons("zh", c))
	}
	return nil
}
