// Package config reads sibu's YAML configuration and the SIBU_* environment
// overrides, and validates them. Every problem is reported as one line that
// names the key.
package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sibu/flows/kit"
	"sibu/flows/survey"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
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
	// Promise configures public commitments (定·审·履·评).
	Promise Promise `yaml:"promise"`
	// Talks configures talk rounds (谈民心, 电话约谈).
	Talks Talks `yaml:"talks"`
	// Anonymity says where the anonymity key comes from.
	Anonymity Anonymity `yaml:"anonymity"`

	// Playground is SIBU_PLAYGROUND=1: start the playground even though
	// production settings are present (see UsePlayground).
	Playground bool `yaml:"-"`

	// Derived by Load.
	Location *time.Location            `yaml:"-"`
	Surveys  map[string]*survey.Survey `yaml:"-"`
	Root     string                    `yaml:"-"`
	Quiet    QuietHours                `yaml:"-"`
	dir      string
}

// Telegram is how sibu talks to the Bot API.
type Telegram struct {
	Token   string  `yaml:"token"`
	APIURL  string  `yaml:"api_url"`
	Mode    string  `yaml:"mode"`
	Webhook Webhook `yaml:"webhook"`
	Limits  Limits  `yaml:"limits"`
}

// Webhook configures webhook mode.
type Webhook struct {
	Listen    string `yaml:"listen"`
	Path      string `yaml:"path"`
	Secret    string `yaml:"secret"`
	PublicURL string `yaml:"public_url"`
}

// Limits are the sender's rate limits.
type Limits struct {
	GlobalPerSecond   float64 `yaml:"global_per_second"`
	PerChatPerSecond  float64 `yaml:"per_chat_per_second"`
	PerChatBurst      int     `yaml:"per_chat_burst"`
	PerGroupPerMinute float64 `yaml:"per_group_per_minute"`
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

func (e *Error) Error() string { return fmt.Sprintf("config: %s: %s", e.Key, e.Problem) }

func bad(key, format string, args ...any) error {
	return &Error{Key: key, Problem: fmt.Sprintf(format, args...)}
}

// ErrNoToken is returned by Validate when no bot token is configured.
var ErrNoToken = errors.New("no Telegram bot token")

// Load reads path, applies the environment (getenv, usually os.LookupEnv)
// and fills defaults and derived fields. It does not require a token; call
// RequireToken for modes that talk to Telegram.
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
	c := Config{dir: filepath.Dir(path)}
	d := yaml.NewDecoder(bytes.NewReader(raw))
	d.KnownFields(true)
	if err := d.Decode(&c); err != nil {
		return nil, fmt.Errorf("config: %s", strings.ReplaceAll(err.Error(), "\n", "; "))
	}
	c.Questionnaires, c.QuestionnairesDir = nil, ""
	c.Promise.SatisfactionSurvey = "" // names a questionnaire, which are ignored here
	c.defaults()
	if err := c.validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

// Parse is Load on bytes; dir resolves relative paths.
func Parse(raw []byte, dir string, lookup func(string) (string, bool)) (*Config, error) {
	c := Config{dir: dir}
	d := yaml.NewDecoder(bytes.NewReader(raw))
	d.KnownFields(true)
	if err := d.Decode(&c); err != nil {
		return nil, fmt.Errorf("config: %s", strings.ReplaceAll(err.Error(), "\n", "; "))
	}
	if err := c.env(lookup); err != nil {
		return nil, err
	}
	c.defaults()
	if err := c.validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

func (c *Config) env(lookup func(string) (string, bool)) error {
	str := func(name string, dst *string) {
		if v, ok := lookup(name); ok {
			*dst = strings.TrimSpace(v)
		}
	}
	str("SIBU_TELEGRAM_TOKEN", &c.Telegram.Token)
	str("SIBU_TELEGRAM_API_URL", &c.Telegram.APIURL)
	str("SIBU_TELEGRAM_MODE", &c.Telegram.Mode)
	str("SIBU_WEBHOOK_LISTEN", &c.Telegram.Webhook.Listen)
	str("SIBU_WEBHOOK_PATH", &c.Telegram.Webhook.Path)
	str("SIBU_WEBHOOK_SECRET", &c.Telegram.Webhook.Secret)
	str("SIBU_REDIS_URL", &c.Redis.URL)
	str("SIBU_RECORDS_URL", &c.Records.URL)
	str("SIBU_RECORDS_SECRET", &c.Records.Secret)
	str("SIBU_HTTP_LISTEN", &c.HTTP.Listen)
	c.Anonymity.env(lookup)
	if v, ok := lookup("SIBU_PLAYGROUND"); ok && strings.TrimSpace(v) != "" {
		b, err := strconv.ParseBool(strings.TrimSpace(v))
		if err != nil {
			return bad("SIBU_PLAYGROUND", "%q: set 1 to start the playground, 0 or nothing otherwise", v)
		}
		c.Playground = b
	}
	if v, ok := lookup("SIBU_ADMINS"); ok {
		c.Admins = nil
		for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' }) {
			id, err := strconv.ParseInt(f, 10, 64)
			if err != nil || id <= 0 {
				return bad("SIBU_ADMINS", "%q is not a Telegram user id (comma-separated positive numbers)", f)
			}
			c.Admins = append(c.Admins, id)
		}
	}
	return nil
}

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
	l := &c.Telegram.Limits
	if l.GlobalPerSecond == 0 {
		l.GlobalPerSecond = 30
	}
	if l.PerChatPerSecond == 0 {
		l.PerChatPerSecond = 1
	}
	if l.PerChatBurst == 0 {
		l.PerChatBurst = 3
	}
	if l.PerGroupPerMinute == 0 {
		l.PerGroupPerMinute = 20
	}
	if c.Redis.Prefix == "" {
		c.Redis.Prefix = "sibu"
	}
	if c.Records.MaxAttempts == 0 {
		c.Records.MaxAttempts = 10
	}
	if c.HTTP.Listen == "" {
		c.HTTP.Listen = "127.0.0.1:9090"
	}
	if c.Timezone == "" {
		c.Timezone = "Asia/Shanghai"
	}
	if c.InviteTTL == 0 {
		c.InviteTTL = 7 * 24 * time.Hour
	}
	if c.Workers == 0 {
		c.Workers = 16
	}
	if c.QuietHours == "" {
		c.QuietHours = "22:00-08:00"
	}
}

func (c *Config) validate() error {
	if c.Telegram.Token != "" && !validToken(c.Telegram.Token) {
		return bad("telegram.token (SIBU_TELEGRAM_TOKEN)", "does not look like a bot token (<digits>:<secret>, as @BotFather gives it)")
	}
	if u, err := url.Parse(c.Telegram.APIURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return bad("telegram.api_url (SIBU_TELEGRAM_API_URL)", "%q is not an http(s) URL", c.Telegram.APIURL)
	}
	switch c.Telegram.Mode {
	case "polling":
	case "webhook":
		w := c.Telegram.Webhook
		if w.Secret == "" {
			return bad("telegram.webhook.secret (SIBU_WEBHOOK_SECRET)", "is required in webhook mode (%s)", secretRule)
		}
		if !validSecret(w.Secret) {
			return bad("telegram.webhook.secret (SIBU_WEBHOOK_SECRET)", "must be %s (it has %d characters)", secretRule, utf8.RuneCountInString(w.Secret))
		}
		if !strings.HasPrefix(w.Path, "/") {
			return bad("telegram.webhook.path (SIBU_WEBHOOK_PATH)", "must start with /")
		}
		if w.PublicURL != "" {
			if u, err := url.Parse(w.PublicURL); err != nil || u.Scheme != "https" || u.Host == "" {
				return bad("telegram.webhook.public_url", "%q must be an https:// URL Telegram can reach", w.PublicURL)
			}
		}
	default:
		return bad("telegram.mode (SIBU_TELEGRAM_MODE)", "must be polling or webhook, got %q", c.Telegram.Mode)
	}
	l := c.Telegram.Limits
	if l.GlobalPerSecond < 0 || l.PerChatPerSecond < 0 || l.PerChatBurst < 0 || l.PerGroupPerMinute < 0 {
		return bad("telegram.limits", "limits must be positive")
	}
	if c.Redis.URL != "" && !strings.Contains(c.Redis.URL, "://") && !strings.Contains(c.Redis.URL, ":") {
		return bad("redis.url (SIBU_REDIS_URL)", "%q: use redis://host:port/db or rediss://…", c.Redis.URL)
	}
	if strings.ContainsAny(c.Redis.Prefix, "{}: ") {
		return bad("redis.prefix", "%q must not contain braces, colons or spaces", c.Redis.Prefix)
	}
	if c.Records.URL != "" {
		u, err := url.Parse(c.Records.URL)
		switch {
		case err != nil:
			return bad("records.url (SIBU_RECORDS_URL)", "%v", err)
		case u.Scheme == "file" && (u.Host != "" || !strings.HasPrefix(u.Path, "/")):
			return bad("records.url (SIBU_RECORDS_URL)", "file URLs need an absolute path: file:///var/lib/sibu/records.jsonl")
		case u.Scheme != "file" && u.Scheme != "http" && u.Scheme != "https":
			return bad("records.url (SIBU_RECORDS_URL)", "scheme %q: use http://, https:// or file:///abs/path.jsonl", u.Scheme)
		}
	}
	if c.Records.Secret != "" && !strings.HasPrefix(c.Records.Secret, "whsec_") {
		return bad("records.secret (SIBU_RECORDS_SECRET)", "must look like whsec_<base64>")
	}
	if c.Records.MaxAttempts < 1 {
		return bad("records.max_attempts", "must be at least 1")
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		if c.Timezone != "Asia/Shanghai" {
			return bad("timezone", "unknown time zone %q", c.Timezone)
		}
		loc = time.FixedZone("CST", 8*3600) // no tz database on this machine
	}
	c.Location = loc
	if c.InviteTTL < time.Minute {
		return bad("invite_ttl", "must be at least 1m")
	}
	if c.Workers < 1 || c.Workers > 1024 {
		return bad("workers", "must be between 1 and 1024")
	}
	if err := c.validateUnits(); err != nil {
		return err
	}
	if err := c.Promise.validate(c); err != nil {
		return err
	}
	if err := c.Talks.validate(c); err != nil {
		return err
	}
	if err := c.Anonymity.validate(c); err != nil {
		return err
	}
	q, err := ParseQuietHours(c.QuietHours)
	if err != nil {
		return bad("quiet_hours", "%v", err)
	}
	c.Quiet = q
	c.Surveys = map[string]*survey.Survey{}
	ids := make([]string, 0, len(c.Questionnaires))
	for id := range c.Questionnaires {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if !validID(id) {
			return bad("questionnaires."+id, "ids are 1–32 characters of a-z 0-9 _ -")
		}
		raw, err := json.Marshal(c.Questionnaires[id])
		if err != nil {
			return bad("questionnaires."+id, "%v", err)
		}
		sv, err := c.parseSurvey(id, raw)
		if err != nil {
			return bad("questionnaires."+id, "%v", err)
		}
		c.Surveys[id] = sv
	}
	if c.QuestionnairesDir != "" {
		dir := c.QuestionnairesDir
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(c.dir, dir)
		}
		surveys, errs := c.LoadDir(dir)
		if len(errs) > 0 {
			return bad("questionnaires_dir", "%v (run: sibu check %s)", errors.Join(errs...), dir)
		}
		for id, sv := range surveys {
			if _, dup := c.Surveys[id]; dup {
				return bad("questionnaires_dir", "questionnaire %q is defined in the config file and in %s", id, dir)
			}
			c.Surveys[id] = sv
		}
	}
	return c.Promise.validateSurvey(c.Surveys)
}

// parseSurvey parses one questionnaire and checks its units exist.
func (c *Config) parseSurvey(id string, raw []byte) (*survey.Survey, error) {
	sv, err := survey.Parse(id, raw, c.Location)
	if err != nil {
		return nil, err
	}
	for _, u := range sv.Campaign.Units {
		if !c.hasUnit(u) {
			return nil, fmt.Errorf("questionnaire %q: campaign.units: unknown unit %q", id, u)
		}
	}
	return sv, nil
}

// LoadDir reads every questionnaire file (<id>.yaml, .yml or .json) in dir
// and returns them with every problem found, each naming its file.
func (c *Config) LoadDir(dir string) (map[string]*survey.Survey, []error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, []error{err}
	}
	out := map[string]*survey.Survey{}
	var errs []error
	for _, e := range entries {
		ext := filepath.Ext(e.Name())
		if e.IsDir() || (ext != ".yaml" && ext != ".yml" && ext != ".json") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		id := strings.TrimSuffix(e.Name(), ext)
		fail := func(err error) {
			for _, line := range strings.Split(err.Error(), "\n") {
				errs = append(errs, fmt.Errorf("%s: %s", path, line))
			}
		}
		if !validID(id) {
			fail(fmt.Errorf("file name %q: ids are 1–32 characters of a-z 0-9 _ -", id))
			continue
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			fail(err)
			continue
		}
		if ext != ".json" {
			var v any
			if err := yaml.Unmarshal(raw, &v); err != nil {
				fail(fmt.Errorf("YAML: %v", err))
				continue
			}
			if raw, err = json.Marshal(v); err != nil {
				fail(err)
				continue
			}
		}
		sv, err := c.parseSurvey(id, raw)
		if err != nil {
			fail(err)
			continue
		}
		out[id] = sv
	}
	if len(out) == 0 && len(errs) == 0 {
		errs = append(errs, fmt.Errorf("%s: no questionnaire files (*.yaml, *.yml, *.json)", dir))
	}
	return out, errs
}

func (c *Config) validateUnits() error {
	if len(c.Units) == 0 {
		return bad("units", "at least one unit (the root) is required")
	}
	seen := map[string]bool{}
	for i, u := range c.Units {
		key := fmt.Sprintf("units[%d]", i)
		if !validID(u.ID) {
			return bad(key+".id", "%q: ids are 1–32 characters of a-z 0-9 _ -", u.ID)
		}
		if seen[u.ID] {
			return bad(key+".id", "duplicate unit id %q", u.ID)
		}
		seen[u.ID] = true
		if strings.TrimSpace(u.Name) == "" {
			return bad(key+".name", "is required")
		}
		if u.Parent == "" {
			if c.Root != "" {
				return bad(key+".parent", "only one unit may be the root (no parent); %q already is", c.Root)
			}
			c.Root = u.ID
		}
	}
	for i, u := range c.Units {
		if u.Parent != "" && !seen[u.Parent] {
			return bad(fmt.Sprintf("units[%d].parent", i), "unknown unit %q", u.Parent)
		}
	}
	if c.Root == "" {
		return bad("units", "one unit must be the root (no parent)")
	}
	// No cycles: every unit reaches the root.
	parent := map[string]string{}
	for _, u := range c.Units {
		parent[u.ID] = u.Parent
	}
	for _, u := range c.Units {
		x := u.ID
		for i := 0; x != c.Root; i++ {
			if i > len(c.Units) {
				return bad("units", "unit %q is in a parent cycle", u.ID)
			}
			x = parent[x]
		}
	}
	return nil
}

func (c *Config) hasUnit(id string) bool {
	for _, u := range c.Units {
		if u.ID == id {
			return true
		}
	}
	return false
}

func validID(s string) bool {
	if len(s) == 0 || len(s) > 32 {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r == '-' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

func validToken(t string) bool {
	id, secret, ok := strings.Cut(t, ":")
	if !ok || id == "" || len(secret) < 20 {
		return false
	}
	for _, r := range id {
		if r < '0' || r > '9' {
			return false
		}
	}
	return !strings.ContainsAny(secret, " /?#")
}

// MinWebhookSecret is the shortest webhook secret sibu accepts. Telegram
// takes 1–256 characters; a short one can be guessed by trying, and whoever
// guesses it can post forged updates to the webhook.
const MinWebhookSecret = 16

// secretRule says what validSecret accepts, for error messages.
const secretRule = "at least 16 and at most 256 characters of A-Z a-z 0-9 _ - (make one with: openssl rand -hex 24)"

func validSecret(s string) bool {
	if len(s) < MinWebhookSecret || len(s) > 256 {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// NoTokenHelp explains how to get a token.
const NoTokenHelp = `sibu: no Telegram bot token (SIBU_TELEGRAM_TOKEN is empty).
  Get one from @BotFather in Telegram: send /newbot, choose a name and a username, and copy the token it
  answers (it looks like 123456789:AAH…). Then run:
    SIBU_TELEGRAM_TOKEN=123456789:AAH… SIBU_ADMINS=<your Telegram user id> go run . -config config.example.yaml`

// QuietHours is a daily period without reminders, e.g. 22:00–08:00.
type QuietHours struct{ From, To time.Duration } // offsets from midnight

// ParseQuietHours reads "22:00-08:00" (empty range "00:00-00:00": none).
func ParseQuietHours(s string) (QuietHours, error) {
	from, to, ok := strings.Cut(strings.ReplaceAll(s, " ", ""), "-")
	if !ok {
		return QuietHours{}, fmt.Errorf("%q: use HH:MM-HH:MM, e.g. 22:00-08:00", s)
	}
	f, err1 := time.Parse("15:04", from)
	t, err2 := time.Parse("15:04", to)
	if err1 != nil || err2 != nil {
		return QuietHours{}, fmt.Errorf("%q: use HH:MM-HH:MM, e.g. 22:00-08:00", s)
	}
	return QuietHours{From: time.Duration(f.Hour())*time.Hour + time.Duration(f.Minute())*time.Minute,
		To: time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute}, nil
}

// Contains reports whether t (in its own location) falls in quiet hours.
func (q QuietHours) Contains(t time.Time) bool {
	if q.From == q.To {
		return false
	}
	d := time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute
	if q.From < q.To {
		return d >= q.From && d < q.To
	}
	return d >= q.From || d < q.To
}

// End returns the first moment at or after t that is not quiet.
func (q QuietHours) End(t time.Time) time.Time {
	if !q.Contains(t) {
		return t
	}
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
	end := day.Add(q.To)
	if !end.After(t) {
		end = end.AddDate(0, 0, 1)
	}
	return end
}
