package bot

import (
	"sibu/flows/kit"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"
)

// TestKeyboardFitsTelegram: rows wider than 8 buttons are folded into even
// rows in order, and no keyboard holds more than 100 buttons.
func TestKeyboardFitsTelegram(t *testing.T) {
	row := func(n int) []kit.Button {
		var r []kit.Button
		for i := range n {
			r = append(r, kit.Button{Text: strconv.Itoa(i), Data: strconv.Itoa(i)})
		}
		return r
	}
	tests := []struct {
		rows   [][]kit.Button
		widths []int
	}{
		{[][]kit.Button{row(5)}, []int{5}},
		{[][]kit.Button{row(8)}, []int{8}},
		{[][]kit.Button{row(11), row(1)}, []int{6, 5, 1}},
		{[][]kit.Button{row(17)}, []int{6, 6, 5}},
		{[][]kit.Button{row(60), row(60)}, []int{8, 8, 8, 8, 8, 8, 8, 4, 8, 8, 8, 8, 8}},
		{[][]kit.Button{row(120), row(2)}, []int{8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 2, 2}},
	}
	for _, tt := range tests {
		kb := keyboard(tt.rows).(*models.InlineKeyboardMarkup)
		var widths []int
		var data []string
		for _, r := range kb.InlineKeyboard {
			widths = append(widths, len(r))
			for _, b := range r {
				data = append(data, b.CallbackData)
			}
		}
		if !slices.Equal(widths, tt.widths) {
			t.Errorf("rows of %d: widths %v, want %v", len(tt.rows[0]), widths, tt.widths)
		}
		var want []string
		for _, r := range tt.rows {
			for _, b := range r {
				want = append(want, b.Data)
			}
		}
		if len(want) > kit.MaxButtons {
			// The last row (the way on: 完成, 提交) is kept whole when it
			// fits one row; the cut falls before it.
			if l := tt.rows[len(tt.rows)-1]; len(tt.rows) > 1 && len(l) <= maxRowButtons {
				want = append(want[:kit.MaxButtons-len(l)], want[len(want)-len(l):]...)
			} else {
				want = want[:kit.MaxButtons]
			}
		}
		if !slices.Equal(data, want) {
			t.Errorf("buttons out of order or lost: %v", data)
		}
	}
}

func TestAnswerText(t *testing.T) {
	for _, s := range []string{"", "已过期", strings.Repeat("党", 200), strings.Repeat("党", 201), strings.Repeat("😀", 150)} {
		got := answerText(s)
		if kit.UTF16Len(got) > maxAnswerText {
			t.Errorf("answerText of %d units gives %d", kit.UTF16Len(s), kit.UTF16Len(got))
		}
		if kit.UTF16Len(s) <= maxAnswerText && got != s {
			t.Errorf("a short answer was changed: %q", got)
		}
		if kit.UTF16Len(s) > maxAnswerText && (!strings.HasSuffix(got, "…") || !strings.HasPrefix(s, strings.TrimSuffix(got, "…"))) {
			t.Errorf("a long answer is not cut with an ellipsis: %q", got)
		}
	}
}

// TestMonitorMenu: a 履诺监督员's menu offers the read-only commitment
// commands and none of the supervisors' or officials' actions.
func TestMonitorMenu(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		var got []string
		for _, c := range commands(kit.RoleMonitor, lang) {
			got = append(got, c.Command)
		}
		for _, want := range []string{"ledger", "overdue", "help"} {
			if !slices.Contains(got, want) {
				t.Errorf("%s: monitor menu %v lacks /%s", lang, got, want)
			}
		}
		for _, not := range []string{"review", "urge", "evaluate", "invite", "promise", "start"} {
			if slices.Contains(got, not) {
				t.Errorf("%s: monitor menu %v offers /%s", lang, got, not)
			}
		}
	}
}

// TestMytalksInEveryTalkMenu: a member's menu offers /mytalks (their own
// talks, to see and change), once, and so do the supervisors' and
// officials'.
func TestMytalksInEveryTalkMenu(t *testing.T) {
	for _, role := range []kit.Role{kit.RoleMember, kit.RoleSupervisor, kit.RoleOfficial} {
		for _, lang := range []string{"zh", "en"} {
			n := 0
			for _, c := range commands(role, lang) {
				if c.Command == "mytalks" {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%s menu (%s) offers /mytalks %d times, want once", role, lang, n)
			}
		}
	}
}
