package config

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sibu/bot"
	"sibu/flows/kit"
	"sibu/records"
	"sibu/scheduler"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Load reads path, applies the environment (lookup, usually os.LookupEnv)
// and fills defaults and derived fields. It does not require a token:
// app.Run does, and UsePlayground decides what runs without one.
func Load(path string, lookup func(string) (string, bool)) (*Config, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return Parse(raw, filepath.Dir(path), lookup)
}

// LoadWithoutQuestionnaires reads path ignoring its questionnaires (for
// `sibu check`, which reports their problems itself).
func LoadWithoutQuestionnaires(path string) (*Config, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	c, err := decode(raw, filepath.Dir(path))
	if err != nil {
		return nil, err
	}
	c.Questionnaires, c.QuestionnairesDir = nil, ""
	c.Commitment.SatisfactionSurvey = "" // names a questionnaire, which are ignored here
	c.noQuestionnaires = true            // so do campaigns' targets
	c.defaults()
	if err := c.validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// Parse is Load on bytes; dir resolves relative paths.
func Parse(raw []byte, dir string, lookup func(string) (string, bool)) (*Config, error) {
	c, err := decode(raw, dir)
	if err != nil {
		return nil, err
	}
	if err := c.env(lookup); err != nil {
		return nil, err
	}
	c.defaults()
	if err := c.validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// decode reads the YAML strictly (an unknown key is an error), as one line.
func decode(raw []byte, dir string) (*Config, error) {
	c := Config{dir: dir}
	d := yaml.NewDecoder(bytes.NewReader(raw))
	d.KnownFields(true)
	if err := d.Decode(&c); err != nil {
		return nil, fmt.Errorf("config: %s", strings.ReplaceAll(err.Error(), "\n", "; "))
	}
	return &c, nil
}

// defaults fills the unset keys outside the promise: and talks: sections
// (those fill theirs as they are validated). A default that belongs to the
// package using the setting is taken from that package.
func (c *Config) defaults() {
	if c.Telegram.APIURL == "" {
		c.Telegram.APIURL = "https://api.telegram.org"
	}
	c.Telegram.APIURL = strings.TrimRight(c.Telegram.APIURL, "/")
	if c.Telegram.Mode == "" {
		c.Telegram.Mode = "polling"
	}
	if c.Telegram.Webhook.Path == "" {
		c.Telegram.Webhook.Path = "/telegram/webhook"
	}
	if c.Telegram.Webhook.Listen == "" {
		c.Telegram.Webhook.Listen = ":8443"
	}
	c.Telegram.Limits.defaults(bot.DefaultLimits)
	if c.Redis.Prefix == "" {
		c.Redis.Prefix = "sibu"
	}
	if c.Records.MaxAttempts == 0 {
		c.Records.MaxAttempts = records.DefaultMaxAttempts
	}
	if c.HTTP.Listen == "" {
		c.HTTP.Listen = "127.0.0.1:9090"
	}
	if c.Timezone == "" {
		c.Timezone = scheduler.DefaultZone
	}
	if c.InviteTTL == 0 {
		c.InviteTTL = kit.DefaultInviteTTL
	}
	if c.Workers == 0 {
		c.Workers = bot.DefaultWorkers
	}
	if c.QuietHours == "" {
		c.QuietHours = "22:00-08:00"
	}
	c.Attention.defaults()
}
