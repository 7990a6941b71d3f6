package config

import (
	"time"

	"sibu/scheduler"
)

// Attention is the attention budget (attention:, issue 19): when each
// person's daily digest (今日待办) goes out, and how many other pushes a
// person gets a day before the rest folds into the next digest.
type Attention struct {
	// DigestAt is the time of the daily digest, "HH:MM" in timezone
	// (default 08:30); it must fall outside quiet_hours.
	DigestAt string `yaml:"digest_at"`
	// DailyPushes is how many pushes a person gets a day besides the
	// digest (default 3, at most 50). Urgent ones (a talk within hours,
	// a booking, a review decision, a 督办) always go and count.
	DailyPushes int `yaml:"daily_pushes"`
}

// defaults fills the unset keys.
func (a *Attention) defaults() {
	if a.DigestAt == "" {
		a.DigestAt = scheduler.DefaultDigestAt
	}
	if a.DailyPushes == 0 {
		a.DailyPushes = 3
	}
}

// checkAttention checks the attention: section against quiet hours
// (which must be derived first).
func (c *Config) checkAttention() error {
	a := &c.Attention
	at, err := time.Parse("15:04", a.DigestAt)
	if err != nil {
		return bad("attention.digest_at", "%q: use HH:MM, e.g. 08:30", a.DigestAt)
	}
	if c.Quiet.Contains(at) {
		return bad("attention.digest_at", "%s falls in quiet_hours %s: the digest would wait until they end", a.DigestAt, c.QuietHours)
	}
	if a.DailyPushes < 1 || a.DailyPushes > 50 {
		return bad("attention.daily_pushes", "%d: give 1 to 50 pushes a day besides the digest", a.DailyPushes)
	}
	return nil
}
