package talk

import (
	"slices"
	"strconv"
	"strings"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// Choosing a round (and a person) with buttons when /talks or /coverage
// does not name one, and reading rounds by id or title.

// talksVerbs are the words of /talks's action.
var talksVerbs = map[string]string{"open": "open", "开启": "open", "close": "close", "结束": "close",
	"roster": "roster", "名单": "roster", "excuse": "excuse", "免谈": "excuse"}

// roundIDs lists the stored rounds, then the predefined ones not opened.
func (st step) roundIDs(tr Reader) ([]string, error) {
	ids, err := tr.TalkRounds()
	if err != nil {
		return nil, err
	}
	for _, id := range st.f.sortedRoundIDs() {
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// roundOf returns round id as stored (open or not), or as configured.
func (st step) roundOf(tr Reader, id string) (RoundState, bool, error) {
	rs, ok, err := tr.TalkRound(id)
	if err != nil || ok {
		return rs, ok, err
	}
	if r := st.f.Settings.Rounds[id]; r != nil {
		return RoundState{Round: *r}, true, nil
	}
	return RoundState{}, false, nil
}

// findRound reads a round typed by a person: its id, its title, or a part
// of its title naming one round only ("" for none).
func (st step) findRound(tr Reader, s string) (string, error) {
	ids, err := st.roundIDs(tr)
	if err != nil {
		return "", err
	}
	var part []string
	for _, id := range ids {
		rs, ok, err := st.roundOf(tr, id)
		switch {
		case err != nil:
			return "", err
		case id == s || ok && rs.Round.Title == s:
			return id, nil
		case ok && s != "" && strings.Contains(rs.Round.Title, s):
			part = append(part, id)
		}
	}
	if len(part) == 1 {
		return part[0], nil
	}
	return "", nil
}

// roundPicker offers what the person may do with each round as buttons
// (verb "" for everything): 开启 a round not open, 结束, 上传名单 and 登记免谈
// an open one.
func (st step) roundPicker(tr Reader, text, verb string) error {
	ids, err := st.roundIDs(tr)
	if err != nil {
		return err
	}
	var rows [][]kit.Button
	for _, id := range ids {
		rs, ok, err := st.roundOf(tr, id)
		if err != nil {
			return err
		}
		if !ok || !access.Allows(st.Step, access.Launch, access.Object{}) {
			continue
		}
		verbs := []string{"open", "roster"}
		if rs.Open {
			verbs = []string{"close", "roster", "excuse"}
		}
		var args, labels []string
		for _, v := range verbs {
			if verb == "" || verb == v {
				args = append(args, v+" "+id)
				labels = append(labels, st.t(kit.Msg("talk_btn_verb_"+v), kit.Short(rs.Round.Title, 12)))
			}
		}
		rows = append(rows, kit.CommandButtons("talks", args, labels, 3)...)
	}
	list, err := st.roundList(tr)
	if err != nil {
		return err
	}
	st.Send(text+"\n"+list, rows...)
	return nil
}

// personPicker offers the people of round not yet reached (the first
// page) as buttons for /talks excuse.
func (st step) personPicker(tr Reader, rs RoundState) error {
	ids, total, err := tr.TalkUnreached(rs.Round.ID, 0, 0, 20)
	if err != nil {
		return err
	}
	var args, labels []string
	for _, u := range ids {
		en, ok, err := tr.TalkEntry(rs.Round.ID, u)
		if err != nil {
			return err
		}
		if ok {
			args = append(args, "excuse "+rs.Round.ID+" "+strconv.FormatInt(u, 10))
			labels = append(labels, en.Name+"（"+st.UnitName(en.Unit)+"）")
		}
	}
	st.Send(st.t(mExcusePick, rs.Round.Title, total), kit.CommandButtons("talks", args, labels, 2)...)
	return nil
}

// otherRounds are buttons for /coverage of the rounds other than shown.
func (st step) otherRounds(tr Reader, shown string) ([][]kit.Button, error) {
	ids, err := tr.TalkRounds()
	if err != nil {
		return nil, err
	}
	var args, labels []string
	for _, id := range ids {
		if rs, ok, err := tr.TalkRound(id); err != nil {
			return nil, err
		} else if ok && id != shown {
			args, labels = append(args, id), append(labels, kit.Short(rs.Round.Title, 16))
		}
	}
	return kit.CommandButtons("coverage", args, labels, 2), nil
}
