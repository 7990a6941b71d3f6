package config_test

import (
	"strings"
	"testing"

	"sibu/config"
)

// TestTestClockNeedsAnEmulator: SIBU_TEST_CLOCK=1 is taken with an
// emulator's Bot API URL and refused, naming it, with Telegram's own.
func TestTestClockNeedsAnEmulator(t *testing.T) {
	base := []byte("units: [{id: root, name: R}]\n")
	for _, tt := range []struct {
		clock, api string
		want       bool
		err        string
	}{
		{"1", "http://127.0.0.1:8081", true, ""},
		{"true", "https://emulator.staging.example/", true, ""},
		{"0", "", false, ""},
		{"", "", false, ""},
		{"1", "", false, "SIBU_TEST_CLOCK"}, // the default is Telegram's own
		{"1", "https://API.telegram.org:443", false, "SIBU_TEST_CLOCK"},
		{"yes", "http://127.0.0.1:8081", false, "SIBU_TEST_CLOCK"},
	} {
		e := map[string]string{"SIBU_TEST_CLOCK": tt.clock}
		if tt.api != "" {
			e["SIBU_TELEGRAM_API_URL"] = tt.api
		}
		c, err := config.Parse(base, ".", env(e))
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("SIBU_TEST_CLOCK=%q with %q: %v, want an error naming %s", tt.clock, tt.api, err, tt.err)
		case tt.err == "" && (err != nil || c.TestClock != tt.want):
			t.Errorf("SIBU_TEST_CLOCK=%q with %q: %v; want TestClock %v", tt.clock, tt.api, err, tt.want)
		}
	}
}
