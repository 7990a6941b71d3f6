package config_test

import (
	"strings"
	"testing"

	"sibu/config"
)

func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestExampleLoads(t *testing.T) {
	c, err := config.Load("../config.example.yaml", env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Root != "root" || c.Surveys["demo"] == nil || c.Location.String() == "" {
		t.Fatalf("loaded %+v", c)
	}
	sv := c.Surveys["demo"]
	var types []string
	for _, q := range sv.Questions {
		types = append(types, q.Type)
	}
	if got := strings.Join(types, ","); got != "radiogroup,checkbox,rating,comment" {
		t.Fatalf("demo questions = %s", got)
	}
	if c.Telegram.Mode != "polling" || c.Redis.URL != "" || c.Telegram.Webhook.Path != "/telegram/webhook" {
		t.Fatalf("defaults: %+v", c.Telegram)
	}
}

func TestEnvironmentWins(t *testing.T) {
	c, err := config.Load("../config.example.yaml", env(map[string]string{
		"SIBU_TELEGRAM_TOKEN": "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ", "SIBU_TELEGRAM_API_URL": "http://127.0.0.1:1/",
		"SIBU_TELEGRAM_MODE": "webhook", "SIBU_WEBHOOK_SECRET": "s3cret_X-0123456789", "SIBU_WEBHOOK_LISTEN": "127.0.0.1:0",
		"SIBU_WEBHOOK_PATH": "/hook", "SIBU_REDIS_URL": "redis://127.0.0.1:6379/0", "SIBU_RECORDS_URL": "file:///tmp/r.jsonl",
		"SIBU_RECORDS_SECRET": "whsec_c2VjcmV0", "SIBU_ADMINS": "11, 22", "SIBU_HTTP_LISTEN": "127.0.0.1:0",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Telegram.APIURL != "http://127.0.0.1:1" || c.Telegram.Mode != "webhook" || c.Telegram.Webhook.Path != "/hook" ||
		c.Redis.URL != "redis://127.0.0.1:6379/0" || len(c.Admins) != 2 || c.Admins[1] != 22 || c.HTTP.Listen != "127.0.0.1:0" {
		t.Fatalf("env not applied: %+v", c)
	}
}

func TestBadConfigNamesTheKey(t *testing.T) {
	base := "units: [{id: root, name: R}]\n"
	tests := []struct {
		name, yaml string
		env        map[string]string
		want       string
	}{
		{"mode", base, map[string]string{"SIBU_TELEGRAM_MODE": "carrier-pigeon"}, "telegram.mode"},
		{"webhook secret", base, map[string]string{"SIBU_TELEGRAM_MODE": "webhook"}, "SIBU_WEBHOOK_SECRET"},
		{"webhook secret of one character", base, map[string]string{"SIBU_TELEGRAM_MODE": "webhook", "SIBU_WEBHOOK_SECRET": "x"}, "SIBU_WEBHOOK_SECRET"},
		{"webhook secret of 15 characters", base, map[string]string{"SIBU_TELEGRAM_MODE": "webhook", "SIBU_WEBHOOK_SECRET": "abcdefghij_-123"}, "at least 16"},
		{"webhook secret outside Telegram's alphabet", base, map[string]string{"SIBU_TELEGRAM_MODE": "webhook", "SIBU_WEBHOOK_SECRET": "abcdefghij+12345"}, "SIBU_WEBHOOK_SECRET"},
		{"admins", base, map[string]string{"SIBU_ADMINS": "12,abc"}, "SIBU_ADMINS"},
		{"records url", base, map[string]string{"SIBU_RECORDS_URL": "file://relative.jsonl"}, "records.url"},
		{"records secret", base, map[string]string{"SIBU_RECORDS_SECRET": "plain"}, "records.secret"},
		{"token", base, map[string]string{"SIBU_TELEGRAM_TOKEN": "nonsense"}, "telegram.token"},
		{"unknown key", base + "colour: red\n", nil, "colour"},
		{"timezone", base + "timezone: Mars/Olympus\n", nil, "timezone"},
		{"no root", "units: [{id: a, name: A, parent: b}, {id: b, name: B, parent: a}]\n", nil, "units"},
		{"questionnaire", base + "questionnaires:\n  q1:\n    survey: {title: T, elements: [{type: slider, name: x}]}\n", nil, "questionnaires.q1"},
		{"questionnaire prop", base + "questionnaires:\n  q1:\n    survey: {title: T, elements: [{type: comment, name: x, colour: red}]}\n", nil, "unknown property"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := config.Parse([]byte(tt.yaml), ".", env(tt.env))
			if err == nil {
				t.Fatal("accepted a bad config")
			}
			if !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %q should be one line naming %q", err, tt.want)
			}
		})
	}
}

// TestWebhookSecretStrength: Telegram accepts 1–256 characters of
// A-Z a-z 0-9 _ -; sibu wants at least 16 of them, so the secret cannot be
// guessed by trying (issue 11, finding 8).
func TestWebhookSecretStrength(t *testing.T) {
	base := "units: [{id: root, name: R}]\n"
	for _, tt := range []struct {
		secret string
		ok     bool
	}{
		{"x", false},
		{"abcdefghij_-123", false},
		{"abcdefghij_-1234", true},
		{strings.Repeat("A", 256), true},
		{strings.Repeat("A", 257), false},
		{"abcdefghij 12345", false},
	} {
		_, err := config.Parse([]byte(base), ".", env(map[string]string{"SIBU_TELEGRAM_MODE": "webhook", "SIBU_WEBHOOK_SECRET": tt.secret}))
		if (err == nil) != tt.ok {
			t.Errorf("secret of %d characters %q: err = %v, want ok = %v", len(tt.secret), tt.secret, err, tt.ok)
		}
		if err != nil && len(tt.secret) >= 8 && strings.Contains(err.Error(), tt.secret) {
			t.Errorf("the error repeats the secret: %v", err)
		}
	}
}

// TestSeparationOfDuties: separation of duties is on unless the file turns
// it off (issue 11).
func TestSeparationOfDuties(t *testing.T) {
	c, err := config.Load("../config.example.yaml", func(string) (string, bool) { return "", false })
	if err != nil || !c.Separation() {
		t.Fatalf("example: %v, separation %v; want on", err, c != nil && c.Separation())
	}
	off := false
	c.SeparationOfDuties = &off
	if c.Separation() {
		t.Error("separation_of_duties: false left it on")
	}
	c.SeparationOfDuties = nil
	if !c.Separation() {
		t.Error("unset turned it off")
	}
}
