package config_test

import (
	"errors"
	"strings"
	"testing"

	"sibu/config"
)

// TestNoPlaygroundByAccident: without a token the playground starts only
// on a machine with no production setting, or when asked for (issue 11,
// finding 7: a misspelt token variable started it against the production
// records system, signing demo events with the production secret).
func TestNoPlaygroundByAccident(t *testing.T) {
	const (
		token  = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		secret = "whsec_c2VjcmV0"
	)
	webhook := map[string]string{"SIBU_TELEGRAM_MODE": "webhook", "SIBU_WEBHOOK_SECRET": "0123456789abcdef"}
	with := func(m map[string]string, kv ...string) map[string]string {
		out := map[string]string{}
		for k, v := range m {
			out[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			out[kv[i]] = kv[i+1]
		}
		return out
	}
	tests := []struct {
		name       string
		yaml       string
		env        map[string]string
		flag       bool
		playground bool
		refused    string // names this production setting
	}{
		{"fresh machine", "", nil, false, true, ""},
		{"token", "", map[string]string{"SIBU_TELEGRAM_TOKEN": token}, false, false, ""},
		{"no token, webhook mode", "", webhook, false, false, "SIBU_TELEGRAM_MODE"},
		{"no token, webhook mode in the file", "telegram: {mode: webhook, webhook: {secret: 0123456789abcdef}}\n", nil, false, false, "telegram.mode"},
		{"no token, records URL", "", map[string]string{"SIBU_RECORDS_URL": "https://records.example.org/sibu"}, false, false, "SIBU_RECORDS_URL"},
		{"no token, records secret", "", map[string]string{"SIBU_RECORDS_SECRET": secret}, false, false, "SIBU_RECORDS_SECRET"},
		{"no token, Redis", "", map[string]string{"SIBU_REDIS_URL": "redis://10.0.0.5:6379/0"}, false, false, "SIBU_REDIS_URL"},
		{"no token, Redis in the file", "redis: {url: \"redis://10.0.0.5:6379/0\"}\n", nil, false, false, "redis.url"},
		{"no token, everything", "", with(webhook, "SIBU_RECORDS_URL", "https://r.example.org", "SIBU_RECORDS_SECRET", secret), false, false, "SIBU_RECORDS_SECRET"},
		{"-playground", "", with(webhook, "SIBU_RECORDS_URL", "https://r.example.org"), true, true, ""},
		{"SIBU_PLAYGROUND=1", "", with(webhook, "SIBU_PLAYGROUND", "1", "SIBU_REDIS_URL", "redis://x:6379"), false, true, ""},
		{"SIBU_PLAYGROUND=true", "", map[string]string{"SIBU_PLAYGROUND": "true", "SIBU_RECORDS_SECRET": secret}, false, true, ""},
		{"SIBU_PLAYGROUND=0", "", map[string]string{"SIBU_PLAYGROUND": "0", "SIBU_RECORDS_SECRET": secret}, false, false, "SIBU_RECORDS_SECRET"},
		{"asked for, with a token", "", map[string]string{"SIBU_TELEGRAM_TOKEN": token, "SIBU_PLAYGROUND": "1"}, false, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := config.Parse([]byte("units: [{id: root, name: R}]\n"+tt.yaml), ".", env(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			pg, err := c.UsePlayground(tt.flag)
			if tt.refused == "" {
				if err != nil || pg != tt.playground {
					t.Fatalf("UsePlayground(%v) = %v, %v; want %v, nil", tt.flag, pg, err, tt.playground)
				}
				return
			}
			if err == nil || pg {
				t.Fatalf("UsePlayground(%v) = %v, %v; want refused naming SIBU_TELEGRAM_TOKEN and %s", tt.flag, pg, err, tt.refused)
			}
			msg := err.Error()
			if !strings.Contains(msg, "SIBU_TELEGRAM_TOKEN") || !strings.Contains(msg, tt.refused) || !strings.Contains(msg, "-playground") ||
				!strings.Contains(msg, "SIBU_PLAYGROUND=1") || strings.Contains(msg, "\n") || !errors.Is(err, config.ErrNoToken) {
				t.Fatalf("error %q should be one line naming SIBU_TELEGRAM_TOKEN, %s and how to ask for the playground (and be ErrNoToken)", msg, tt.refused)
			}
			if strings.Contains(msg, secret) || strings.Contains(msg, "10.0.0.5") {
				t.Fatalf("error %q repeats a setting's value", msg)
			}
		})
	}
}

func TestPlaygroundVariableMustBeABoolean(t *testing.T) {
	_, err := config.Parse([]byte("units: [{id: root, name: R}]\n"), ".", env(map[string]string{"SIBU_PLAYGROUND": "please"}))
	if err == nil || !strings.Contains(err.Error(), "SIBU_PLAYGROUND") {
		t.Fatalf("err = %v, want one naming SIBU_PLAYGROUND", err)
	}
}
