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
// key is optional.
type Commitment struct {
	// MinItems and MaxItems bound the items a person declares per period
	// (default 2 and 5).
	MinItems int `yaml:"min_items"`
	MaxItems int `yaml:"max_items"`
	// ReviewLevels: 1 = the branch (支委会) approves; 2 = then the committee
	// above (党委会) (default 2).
	ReviewLevels int `yaml:"review_levels"`
	// Publish posts approved items to the unit's group chat (公示) (default true).
	Publish *bool `yaml:"publish"`
	// PublishGrades posts evaluation results to the group (default false).
	PublishGrades bool `yaml:"publish_grades"`
	// RemindDays are the days before the deadline the owner is reminded;
	// empty leaves them to the flows' default (commitment.Settings.Remind:
	// 7, 1, 0). Overdue reminders are daily.
	RemindDays []int `yaml:"remind_days"`
	// Rectify is the default time given for 限期整改 (default 720h).
	Rectify time.Duration `yaml:"rectify"`
	// Sources are the offered origins of an item (default 意见箱, 座谈会, 走访).
	Sources []string `yaml:"sources"`
	// SatisfactionSurvey is the id of the questionnaire the unit's members
	// answer in evaluation rounds (群众满意度测评); it must have a campaign
	// satisfied rule. Empty: they vote 满意/不满意 per item.
	SatisfactionSurvey string `yaml:"satisfaction_survey"`
}

// validate fills defaults and checks the section; errors name the key.
func (p *Commitment) validate(c *Config) error {
	if p.MinItems == 0 {
		p.MinItems = 2
	}
	if p.MaxItems == 0 {
		p.MaxItems = max(5, p.MinItems)
	}
	if p.MinItems < 1 || p.MinItems > 20 {
		return bad("promise.min_items", "must be between 1 and 20")
	}
	if p.MaxItems < p.MinItems || p.MaxItems > 20 {
		return bad("promise.max_items", "must be between promise.min_items (%d) and 20", p.MinItems)
	}
	if p.ReviewLevels == 0 {
		p.ReviewLevels = 2
	}
	if p.ReviewLevels < 1 || p.ReviewLevels > 3 {
		return bad("promise.review_levels", "must be 1, 2 or 3")
	}
	if p.Publish == nil {
		yes := true
		p.Publish = &yes
	}
	for _, d := range p.RemindDays {
		if d < 0 || d > 60 {
			return bad("promise.remind_days", "%d: days before the deadline must be between 0 and 60", d)
		}
	}
	if p.Rectify == 0 {
		p.Rectify = 30 * 24 * time.Hour
	}
	if p.Rectify < 24*time.Hour {
		return bad("promise.rectify", "must be at least 24h")
	}
	if len(p.Sources) == 0 {
		p.Sources = []string{"意见箱", "座谈会", "走访"}
	}
	for i, s := range p.Sources {
		if n := len([]rune(s)); n == 0 || n > 10 {
			return bad(fmt.Sprintf("promise.sources[%d]", i), "must be 1–10 characters")
		}
	}
	return nil
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
