package discipline

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"sibu/flows/access"
	"sibu/flows/kit"
	"sibu/flows/when"
)

// defaultRadius is the check-in radius around a training's place, metres.
const defaultRadius = 500

// roleChoices are the roles a checklist may ask.
var roleChoices = []kit.Role{kit.RoleMember, kit.RoleSupervisor, kit.RoleOfficial, kit.RoleInspector}

// startDefine starts defining a checklist of kind: its title first.
func (st step) startDefine(kind ChecklistKind) error {
	if kind != KindWatch && kind != KindTrain {
		w, _ := kit.CommandData("checklist", "new", string(KindWatch))
		t, _ := kit.CommandData("checklist", "new", string(KindTrain))
		st.Send(st.t(mPickKind), []kit.Button{{Text: st.t(mBtnNewWatch), Data: w}, {Text: st.t(mBtnNewTrain), Data: t}})
		return nil
	}
	if !access.Check(st.Step, access.Launch, access.Object{Unit: st.Me.Unit}).Allowed {
		return nil
	}
	c := &Checklist{ID: "c" + strconv.FormatInt(st.Now.UnixMilli(), 36) + strconv.FormatInt(st.Me.ID%1296, 36),
		Kind: kind, Unit: st.Me.Unit, By: st.Me.ID, ByName: st.Me.Name, Open: true}
	st.enter(&Run{Mode: modeDefine, Step: stepTitle, Draft: c})
	st.Next()
	st.Send(st.t(kit.Msg("dc_ask_title_" + string(kind))))
	return nil
}

// defineInput takes what is typed (or sent) while defining.
func (st step) defineInput() error {
	run := st.run()
	c := run.Draft
	text := strings.TrimSpace(st.In.Text)
	if run.Step == stepList {
		return st.listInput()
	}
	if run.Step == stepMaterial && st.In.Kind == kit.InputOther && st.In.FileID != "" {
		c.File, c.Material = &kit.File{Kind: st.In.Other, ID: st.In.FileID}, strings.TrimSpace(st.In.Caption)
		return st.askUnits()
	}
	if run.Step == stepWhere && st.In.Other == "location" {
		c.Lat, c.Lon, c.Radius = st.In.Lat, st.In.Lon, defaultRadius
		st.Out(kit.Output{Kind: kit.OutSend, ChatID: st.In.ChatID, Text: st.t(mLocationKept, defaultRadius), RemoveKeyboard: true})
		return st.askUnits()
	}
	if st.In.Kind != kit.InputText || text == "" || utf8.RuneCountInString(text) > 200 {
		st.Send(st.t(mTextOnly))
		return nil
	}
	switch run.Step {
	case stepTitle:
		c.Title = text
		if c.Kind == KindTrain {
			run.Step = stepAt
			st.Send(st.t(mAskAt))
			return nil
		}
		run.Step = stepMaterial
		seq := st.Next()
		st.Send(st.t(mAskMaterial), []kit.Button{{Text: st.t(mBtnSkip), Data: kit.Data(seq, "skip")}})
	case stepMaterial:
		c.Material = text
		return st.askUnits()
	case stepAt:
		at, ok := when.Time(text, st.Now, st.Env.Location)
		if !ok || at.Before(st.Now) {
			st.Send(st.t(mBadAt))
			return nil
		}
		c.At, c.Deadline, run.Step = at, at.In(st.Env.Location).Format("2006-01-02"), stepPlace
		st.Send(st.t(mAskPlace))
	case stepPlace:
		c.Place, run.Step = text, stepWhere
		seq := st.Next()
		st.Out(kit.Output{Kind: kit.OutSend, ChatID: st.In.ChatID, Text: st.t(mAskWhere),
			Keyboard: [][]kit.KeyButton{{{Text: st.t(mBtnShareLocation), RequestLocation: true}}}})
		st.Send(st.t(mAskWhereSkip), []kit.Button{{Text: st.t(mBtnNoLocation), Data: kit.Data(seq, "noloc")}})
	case stepDeadline:
		day, ok := when.Date(text, st.Today())
		if !ok || day.Before(st.Today()) {
			st.Send(st.t(mBadDeadline))
			return nil
		}
		c.Deadline = day.Format("2006-01-02")
		st.confirmChecklist()
	default:
		st.Send(kit.T(st.Lang, kit.MsgUseButtons))
	}
	return nil
}

// unitPage is how many units one page of the unit toggles shows.
const unitPage = 20

// askUnits shows the units of the official's subtree as toggles.
func (st step) askUnits() error {
	run := st.run()
	run.Step = stepUnits
	seq := st.Next()
	units := st.Env.SubUnits(st.Me.Unit)
	pages := max(1, (len(units)+unitPage-1)/unitPage)
	run.Page = min(max(run.Page, 0), pages-1)
	var rows [][]kit.Button
	var row []kit.Button
	for _, u := range units[run.Page*unitPage : min(len(units), (run.Page+1)*unitPage)] {
		label := st.UnitName(u)
		if slices.Contains(run.Draft.Units, u) {
			label = "✅ " + label
		}
		row = append(row, kit.Button{Text: label, Data: kit.Data(seq, "u", u)})
		if len(row) == 2 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	if pages > 1 { // Telegram takes at most 100 buttons in a message
		rows = append(rows, []kit.Button{{Text: kit.T(st.Lang, kit.MsgBtnPrevPage), Data: kit.Data(seq, "pg", strconv.Itoa(run.Page-1))},
			{Text: kit.T(st.Lang, kit.MsgBtnNextPage), Data: kit.Data(seq, "pg", strconv.Itoa(run.Page+1))}})
	}
	rows = append(rows, []kit.Button{{Text: st.t(mBtnList), Data: kit.Data(seq, "list")}},
		[]kit.Button{{Text: st.t(mBtnDone), Data: kit.Data(seq, "done")}})
	st.sendOrEdit(st.t(mAskUnits), rows)
	return nil
}

// askRoles shows the roles as toggles.
func (st step) askRoles() {
	run := st.run()
	run.Step = stepRoles
	seq := st.Next()
	var row []kit.Button
	for _, r := range roleChoices {
		label := st.RoleName(r)
		if slices.Contains(run.Draft.Roles, r) {
			label = "✅ " + label
		}
		row = append(row, kit.Button{Text: label, Data: kit.Data(seq, "r", string(r))})
	}
	st.sendOrEdit(st.t(mAskRoles), [][]kit.Button{row, {{Text: st.t(mBtnDone), Data: kit.Data(seq, "done")}}})
}

// sendOrEdit changes the pressed toggle list in place, or sends it.
func (st step) sendOrEdit(text string, rows [][]kit.Button) {
	if st.In.Kind == kit.InputCallback && st.In.MessageID != 0 && !st.NoEdit && st.Flow() == Flow {
		if cb, ok := kit.ParseCallback(st.In.Data); ok && (cb.Verb == "u" || cb.Verb == "r" || cb.Verb == "pg") {
			st.Answer("", false)
			st.Edit(st.In.MessageID, text, rows...)
			st.NoEdit = true
			return
		}
	}
	st.Send(text, rows...)
}

// defineButton takes a button while defining.
func (st step) defineButton(cb kit.Callback) (bool, error) {
	run := st.run()
	c := run.Draft
	switch {
	case cb.Verb == "skip" && run.Step == stepMaterial:
		st.Chose(st.t(mAskMaterial), st.t(mBtnSkip))
		return true, st.askUnits()
	case cb.Verb == "noloc" && run.Step == stepWhere:
		st.Chose(st.t(mAskWhereSkip), st.t(mBtnNoLocation))
		st.Out(kit.Output{Kind: kit.OutSend, ChatID: st.In.ChatID, Text: st.t(mCodeOnly), RemoveKeyboard: true})
		return true, st.askUnits()
	case cb.Verb == "list" && run.Step == stepUnits:
		st.Chose(st.t(mAskUnits), st.t(mBtnList))
		st.askList()
		return true, nil
	case cb.Verb == "pg" && run.Step == stepUnits:
		n, err := strconv.Atoi(cb.Arg)
		if err != nil {
			return false, nil
		}
		run.Page = n
		return true, st.askUnits()
	case cb.Verb == "u" && run.Step == stepUnits && st.Env.Subtree(st.Me.Unit, cb.Arg):
		c.Units = toggle(c.Units, cb.Arg)
		return true, st.askUnits()
	case cb.Verb == "r" && run.Step == stepRoles && kit.Role(cb.Arg).Valid():
		c.Roles = toggle(c.Roles, kit.Role(cb.Arg))
		st.askRoles()
		return true, nil
	case cb.Verb == "done" && run.Step == stepUnits:
		if len(c.Units) == 0 {
			st.Answer(st.t(mChooseOne), true)
			return true, nil
		}
		st.DropButtons(st.In.MessageID)
		st.NoEdit = true
		st.askRoles()
		return true, nil
	case cb.Verb == "done" && run.Step == stepRoles:
		if len(c.Roles) == 0 {
			st.Answer(st.t(mChooseOne), true)
			return true, nil
		}
		st.DropButtons(st.In.MessageID)
		st.NoEdit = true
		if c.Kind == KindTrain {
			st.confirmChecklist()
			return true, nil
		}
		run.Step = stepDeadline
		st.Send(st.t(mAskDeadline))
		return true, nil
	case cb.Verb == "ok" && run.Step == stepConfirm:
		return true, st.openChecklist()
	}
	return false, nil
}

// toggle adds v to list, or takes it out when it is there.
func toggle[T comparable](list []T, v T) []T {
	if i := slices.Index(list, v); i >= 0 {
		return slices.Delete(slices.Clone(list), i, i+1)
	}
	return append(list, v)
}

// describe is a checklist as its people and its official read it.
func (st step) describe(lang string, c Checklist) string {
	units := make([]string, len(c.Units))
	for i, u := range c.Units {
		units[i] = st.UnitName(u)
	}
	roles := make([]string, len(c.Roles))
	for i, r := range c.Roles {
		roles[i] = catalog.T(lang, kit.Msg("dc_role_"+string(r)))
	}
	kind := catalog.T(lang, kit.Msg("dc_kind_"+string(c.Kind)))
	s := catalog.T(lang, mDescribe, kind, c.Title, strings.Join(units, "、"), strings.Join(roles, "、"), c.Deadline)
	if c.List != "" {
		s = catalog.T(lang, mDescribeList, kind, c.Title, c.List, len(c.People), strings.Join(units, "、"), c.Deadline)
	}
	if c.Material != "" {
		s += "\n" + catalog.T(lang, mDescribeMaterial, c.Material)
	}
	if c.Kind == KindTrain {
		s += "\n" + catalog.T(lang, mDescribeTraining, when.DeadlineAt(c.At, st.Env.Location, lang), c.Place)
	}
	return s
}

// confirmChecklist shows the checklist before it is published.
func (st step) confirmChecklist() {
	run := st.run()
	run.Step = stepConfirm
	seq := st.Next()
	st.Send(st.t(mConfirmChecklist, st.describe(st.Lang, *run.Draft)), []kit.Button{{Text: st.t(mBtnPublish), Data: kit.Data(seq, "ok")}})
}
