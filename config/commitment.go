package config

import (
	"fmt"
	"sibu/flows/commitment"
	"sibu/flows/survey"
	"slices"
	"time"
)

// Commitment is the "promise" section of the configuration (the key users
// write; in code it is a commitment): public commitments 定·审·履·评. Every
// key is optional: an unset one takes the default of the commitment.Settings
// field it becomes, documented there and written once in its WithDefaults.
type Commitment struct {
	// MinItems and MaxItems bound the items a person declares per period.
	MinItems int `yaml:"min_items"`
	MaxItems int `yaml:"max_items"`
	// ReviewLevels: 1 = the branch (支委会) approves; 2 = then the committee
	// above (党委会).
	ReviewLevels int `yaml:"review_levels"`
	// Publish posts approved items to the unit's group chat (公示).
	Publish *bool `yaml:"publish"`
	// PublishGrades posts evaluation results to the group (default false).
	PublishGrades bool `yaml:"publish_grades"`
	// RemindDays are the days before the deadline the owner is reminded.
	// Overdue reminders are daily.
	RemindDays []int `yaml:"remind_days"`
	// Rectify is the default time given for 限期整改.
	Rectify time.Duration `yaml:"rectify"`
	// Sources are the offered origins of an item.
	Sources []string `yaml:"sources"`
	// SatisfactionSurvey is the id of the questionnaire the unit's members
	// answer in evaluation rounds (群众满意度测评); it must have a campaign
	// satisfied rule. Empty: they vote 满意/不满意 per item.
	SatisfactionSurvey string `yaml:"satisfaction_survey"`
}

// validate fills the unset keys with the flows' defaults and checks the
// section; errors name the key.
func (p *Commitment) validate() error {
	p.fillDefaults()
	if p.MinItems < 1 || p.MinItems > 20 {
		return bad("promise.min_items", "must be between 1 and 20")
	}
	if p.MaxItems < p.MinItems || p.MaxItems > 20 {
		return bad("promise.max_items", "must be between promise.min_items (%d) and 20", p.MinItems)
	}
	if p.ReviewLevels < 1 || p.ReviewLevels > 3 {
		return bad("promise.review_levels", "must be 1, 2 or 3")
	}
	for _, d := range p.RemindDays {
		if d < 0 || d > 60 {
			return bad("promise.remind_days", "%d: days before the deadline must be between 0 and 60", d)
		}
	}
	if p.Rectify < 24*time.Hour {
		return bad("promise.rectify", "must be at least 24h")
	}
	for i, s := range p.Sources {
		if n := len([]rune(s)); n == 0 || n > 10 {
			return bad(fmt.Sprintf("promise.sources[%d]", i), "must be 1–10 characters")
		}
	}
	return nil
}

// fillDefaults sets each unset key (zero, empty or absent) to the flows'
// default, commitment.Settings.WithDefaults, where those values are written
// once. Keys set in the file keep their value, wrong or not, for validate
// to check: a max_items below min_items is reported, not replaced.
func (p *Commitment) fillDefaults() {
	def := commitment.Settings{MinItems: p.MinItems}.WithDefaults() // max_items' default follows min_items
	if p.MinItems == 0 {
		p.MinItems = def.MinItems
	}
	if p.MaxItems == 0 {
		p.MaxItems = def.MaxItems
	}
	if p.ReviewLevels == 0 {
		p.ReviewLevels = def.Levels
	}
	if p.Publish == nil {
		publish := !def.NoPublish
		p.Publish = &publish
	}
	if len(p.RemindDays) == 0 {
		p.RemindDays = def.Remind
	}
	if p.Rectify == 0 {
		p.Rectify = def.Rectify
	}
	if len(p.Sources) == 0 {
		p.Sources = def.Sources
	}
}

// validateSurvey checks satisfaction_survey against the loaded
// questionnaires (run once they are loaded).
func (p *Commitment) validateSurvey(surveys map[string]*survey.Survey) error {
	id := p.SatisfactionSurvey
	if id == "" {
		return nil
	}
	sv := surveys[id]
	if sv == nil {
		return bad("promise.satisfaction_survey", "%q names no loaded questionnaire (questionnaires or questionnaires_dir)", id)
	}
	if sv.Campaign.Satisfied == nil {
		return bad("promise.satisfaction_survey", "questionnaire %q has no campaign.satisfied rule (which answers count as 满意)", id)
	}
	return nil
}

// Settings are the flows' settings of this section (for flows.Env.Commitment).
func (p Commitment) Settings() commitment.Settings {
	return commitment.Settings{MinItems: p.MinItems, MaxItems: p.MaxItems, Levels: p.ReviewLevels,
		NoPublish: p.Publish != nil && !*p.Publish, PublishGrades: p.PublishGrades,
		Remind: slices.Clone(p.RemindDays), Rectify: p.Rectify, Sources: slices.Clone(p.Sources),
		SatisfactionSurvey: p.SatisfactionSurvey}
}
