package kit

// Nagging about something overdue follows one cadence (DESIGN: attention
// is a budget): on day 1, 3 and 7 overdue, then once a week (14, 21, …).
// An owner 62 days late hears about it 10 times, not 62.

// NagDay reports whether n days overdue is a day to remind the owner.
func NagDay(n int) bool { return n == 1 || n == 3 || n >= 7 && n%7 == 0 }

// NextNag is the first nag day after n days overdue.
func NextNag(n int) int {
	for d := n + 1; ; d++ {
		if NagDay(d) {
			return d
		}
	}
}

// PrevNags are up to k nag days before n days overdue, nearest first.
func PrevNags(n, k int) []int {
	var out []int
	for d := n - 1; d >= 1 && len(out) < k; d-- {
		if NagDay(d) {
			out = append(out, d)
		}
	}
	return out
}
