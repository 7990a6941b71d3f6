package config_test

import (
	"strings"
	"testing"

	"sibu/config"
)

func TestAttention(t *testing.T) {
	c, err := config.Load("../config.example.yaml", env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Attention.DigestAt != "08:30" || c.Attention.DailyPushes != 3 {
		t.Errorf("example attention: %+v, want 08:30 and 3", c.Attention)
	}
	base := "units: [{id: root, name: 区委}]\n"
	d, err := config.Parse([]byte(base), ".", env(nil))
	if err != nil || d.Attention.DigestAt != "08:30" || d.Attention.DailyPushes != 3 {
		t.Errorf("defaults: %+v, %v", d.Attention, err)
	}
	for _, tt := range []struct{ name, yaml, key string }{
		{"bad time", "attention: {digest_at: \"8.30\"}\n", "attention.digest_at"},
		{"in quiet hours", "attention: {digest_at: \"07:00\"}\n", "attention.digest_at"},
		{"no pushes", "attention: {daily_pushes: -1}\n", "attention.daily_pushes"},
		{"too many", "attention: {daily_pushes: 99}\n", "attention.daily_pushes"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := config.Parse([]byte(base+tt.yaml), ".", env(nil))
			if err == nil || !strings.Contains(err.Error(), tt.key) {
				t.Errorf("error %v, want one naming %s", err, tt.key)
			}
		})
	}
}
