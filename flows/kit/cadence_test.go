package kit_test

import (
	"slices"
	"testing"

	"sibu/flows/kit"
)

// TestNagCadence: an item 62 days overdue is nagged on days 1, 3, 7 and
// then weekly — 10 times, not 62 (issue 19).
func TestNagCadence(t *testing.T) {
	var days []int
	for n := 1; n <= 62; n++ {
		if kit.NagDay(n) {
			days = append(days, n)
		}
	}
	if want := []int{1, 3, 7, 14, 21, 28, 35, 42, 49, 56}; !slices.Equal(days, want) {
		t.Errorf("nag days up to 62: %v, want %v", days, want)
	}
	if got := kit.NextNag(3); got != 7 {
		t.Errorf("NextNag(3) = %d, want 7", got)
	}
	if got := kit.NextNag(0); got != 1 {
		t.Errorf("NextNag(0) = %d, want 1", got)
	}
	if got := kit.PrevNags(21, 3); !slices.Equal(got, []int{14, 7, 3}) {
		t.Errorf("PrevNags(21, 3) = %v", got)
	}
}
