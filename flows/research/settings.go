package research

import (
	"time"
)

// Settings configure the research campaign (调研 听·问·访·谈), from the
// configuration's campaigns: and research: sections. The zero value works:
// no campaign, the default places, topics and edit window.
type Settings struct {
	// Campaigns are the configured campaigns by id.
	Campaigns map[string]*Campaign
	// Places are where visits (访) go (default 村居, 站所, 企业, 农户).
	Places []string
	// Topics tag opinions in the 意见台账 (default 班子建设, 干部作风,
	// 换届纪律, 民生诉求, 发展建议, 其他).
	Topics []string
	// EditWindow is how long the author may change a meeting or a visit
	// (default 7 days).
	EditWindow time.Duration
}

// Defaults of Settings (config fills them from here too).
var (
	DefaultPlaces = []string{"村居", "站所", "企业", "农户"}
	DefaultTopics = []string{"班子建设", "干部作风", "换届纪律", "民生诉求", "发展建议", "其他"}
)

// DefaultEditWindow is how long a meeting or a visit stays editable.
const DefaultEditWindow = 7 * 24 * time.Hour

// WithDefaults returns s with every unset field at its default.
func (s Settings) WithDefaults() Settings {
	if len(s.Places) == 0 {
		s.Places = DefaultPlaces
	}
	if len(s.Topics) == 0 {
		s.Topics = DefaultTopics
	}
	if s.EditWindow <= 0 {
		s.EditWindow = DefaultEditWindow
	}
	return s
}

// Campaign is one research campaign: the units it covers (each with its
// subtree: the rows of its dashboard, e.g. the townships), its period and
// the targets of its four steps.
type Campaign struct {
	ID    string
	Title string
	// Units are the campaign's rows; each covers its subtree.
	Units []string
	// From and To are the first and last day of the period (midnight in
	// the deployment's zone).
	From, To time.Time
	Targets  Targets
}

// Targets are what a campaign aims at, per step.
type Targets struct {
	// Meetings (听) per unit of the campaign.
	Meetings int64
	// Surveys (问) are the questionnaires that belong to the campaign;
	// Responses the responses aimed at in all (0: no target).
	Surveys   []string
	Responses int64
	// Visits (访) per unit of the campaign.
	Visits int64
	// Rounds (谈) are the talk rounds that belong to the campaign;
	// Coverage the coverage aimed at, in percent (default 100).
	Rounds   []string
	Coverage int64
}

// Covers reports whether day (midnight) lies in the campaign's period.
func (c *Campaign) Covers(day time.Time) bool {
	return !day.Before(c.From) && !day.After(c.To)
}

// coverage is the coverage target in percent (100 when unset).
func (t Targets) coverage() int64 {
	if t.Coverage <= 0 {
		return 100
	}
	return t.Coverage
}
