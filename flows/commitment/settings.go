package commitment

import (
	"slices"
	"time"
)

// Settings configure public commitments (from config's promise: section).
// The zero value means the defaults documented on each field; WithDefaults
// is the one place they are written.
type Settings struct {
	// MinItems and MaxItems bound the items a person declares per period
	// (default 2 and 5, as the seed asks: 为群众办好2—5件实事好事).
	MinItems, MaxItems int
	// Levels is the number of review levels: 1 = the branch (支委会) only,
	// 2 = branch then committee (党委会) (default 2).
	Levels int
	// NoPublish keeps approved items out of the unit's group chat (公示 is
	// on by default when the unit has a group).
	NoPublish bool
	// PublishGrades posts the evaluation results of a round to the group.
	PublishGrades bool
	// Remind lists the days before the deadline on which the owner is
	// reminded (default 7, 1, 0).
	Remind []int
	// Rectify is the default time given for 限期整改 (default 30 days); the
	// supervisor may set another date.
	Rectify time.Duration
	// Sources are the offered origins of an item (default 意见箱, 座谈会, 走访).
	Sources []string
	// SatisfactionSurvey is the questionnaire (with a campaign 满意 rule)
	// attached to evaluation rounds as their satisfaction measure; "" keeps
	// the per-item 满意/不满意 vote. /evaluate open may name another.
	SatisfactionSurvey string
}

// DigestDays is how far ahead the supervisors' weekly digest looks: items
// due within this many days, and the overdue ones.
const DigestDays = 7

// WithDefaults returns s with every unset field at its default.
func (s Settings) WithDefaults() Settings {
	if s.MinItems <= 0 {
		s.MinItems = 2
	}
	if s.MaxItems < s.MinItems {
		s.MaxItems = max(5, s.MinItems)
	}
	if s.Levels <= 0 {
		s.Levels = 2
	}
	if len(s.Remind) == 0 {
		s.Remind = []int{7, 1, 0}
	}
	if s.Rectify <= 0 {
		s.Rectify = 30 * 24 * time.Hour
	}
	if len(s.Sources) == 0 {
		s.Sources = []string{"意见箱", "座谈会", "走访"}
	}
	return s
}

// Horizon is how many days ahead of today reminders look: the largest
// reminder stage (items due later have no stage due yet).
func (s Settings) Horizon() int { return slices.Max(s.WithDefaults().Remind) }
