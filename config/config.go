package config

import (
	"errors"
	"fmt"
	"sibu/flows/kit"
	"sibu/flows/survey"
	"time"
)

// Config is the whole configuration.
type Config struct {
	Telegram       Telegram                  `yaml:"telegram"`
	Redis          Redis                     `yaml:"redis"`
	Records        Records                   `yaml:"records"`
	HTTP           HTTP                      `yaml:"http"`
	Admins         []int64                   `yaml:"admins"`
	Timezone       string                    `yaml:"timezone"`
	InviteTTL      time.Duration             `yaml:"invite_ttl"`
	Workers        int                       `yaml:"workers"`
	Units          []kit.Unit                `yaml:"units"`
	Questionnaires map[string]map[string]any `yaml:"questionnaires"`
	// QuestionnairesDir holds one questionnaire per file (<id>.yaml|.yml|.json).
	QuestionnairesDir string `yaml:"questionnaires_dir"`
	// QuietHours: no reminders between these times ("22:00-08:00").
	QuietHours string `yaml:"quiet_hours"`
	// Attention: the daily digest's time and the pushes a person gets a day.
	Attention Attention `yaml:"attention"`
	// Commitment configures public commitments (定·审·履·评); its key
	// stays promise, the word users know.
	Commitment Commitment `yaml:"promise"`
	// Talks configures talk rounds (谈民心, 电话约谈).
	Talks Talks `yaml:"talks"`
	// Research configures the research campaign's conversations; Campaigns
	// and CampaignsDir (one <id>.yaml each) its campaigns (调研 听·问·访·谈).
	Research     Research               `yaml:"research"`
	Campaigns    map[string]CampaignDef `yaml:"campaigns"`
	CampaignsDir string                 `yaml:"campaigns_dir"`
	// Anonymity says where the anonymity key comes from.
	Anonymity Anonymity `yaml:"anonymity"`
	// SeparationOfDuties: nobody reviews, grades, extends or sets the
	// rectification deadline of what they own or declared, and the two
	// review levels are decided by two people (docs/ACCESS.md). On unless
	// set to false.
	SeparationOfDuties *bool `yaml:"separation_of_duties"`

	// Playground is SIBU_PLAYGROUND=1: start the playground even though
	// production settings are present (see UsePlayground).
	Playground bool `yaml:"-"`

	// Derived by Load.
	Location *time.Location            `yaml:"-"`
	Surveys  map[string]*survey.Survey `yaml:"-"`
	Root     string                    `yaml:"-"`
	Quiet    QuietHours                `yaml:"-"`
	// TestClock (SIBU_TEST_CLOCK=1, never from the file) enables POST
	// /debug/clock on the ops listener; refused with Telegram's own API.
	TestClock bool `yaml:"-"`
	dir       string
	// noQuestionnaires: questionnaires are ignored (sibu check), so the
	// campaigns' targets naming them are not checked.
	noQuestionnaires bool
}

// Redis is the store.
type Redis struct {
	URL    string `yaml:"url"`
	Prefix string `yaml:"prefix"`
}

// Records is the records system the outbox relays to.
type Records struct {
	URL         string `yaml:"url"`
	Secret      string `yaml:"secret"`
	MaxAttempts int    `yaml:"max_attempts"`
}

// HTTP is the operations endpoint (/healthz, /readyz, /metrics).
type HTTP struct {
	Listen string `yaml:"listen"`
}

// Error is a configuration problem naming its key.
type Error struct {
	Key, Problem string
}

// Error returns "config: <key>: <problem>".
func (e *Error) Error() string { return fmt.Sprintf("config: %s: %s", e.Key, e.Problem) }

// bad returns the *Error for key with a formatted problem.
func bad(key, format string, args ...any) error {
	return &Error{Key: key, Problem: fmt.Sprintf(format, args...)}
}

// ErrNoToken means no Telegram bot token is configured where one is needed:
// app.Run returns it, and UsePlayground's refusal matches it.
var ErrNoToken = errors.New("no Telegram bot token")

// Separation reports whether separation of duties is on (the default).
func (c *Config) Separation() bool { return c.SeparationOfDuties == nil || *c.SeparationOfDuties }
