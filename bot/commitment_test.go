package bot

import (
	"slices"
	"testing"

	"sibu/flows"
)

// TestMonitorMenu: a 履诺监督员's menu offers the read-only commitment
// commands and none of the supervisors' or officials' actions.
func TestMonitorMenu(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		var got []string
		for _, c := range commands(flows.RoleMonitor, lang) {
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
