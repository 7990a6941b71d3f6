package config

import (
	"net/url"
	"strings"
)

// telegramAPIHost is Telegram's own Bot API, which a test clock never
// talks to.
const telegramAPIHost = "api.telegram.org"

// readTestClock reads SIBU_TEST_CLOCK: "1" or "true" enables the test
// clock; empty, "0" or "false" leaves it off.
func (c *Config) readTestClock(lookup func(string) (string, bool)) error {
	v, _ := lookup("SIBU_TEST_CLOCK")
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "0", "false":
		c.TestClock = false
	case "1", "true":
		c.TestClock = true
	default:
		return bad("SIBU_TEST_CLOCK", "%q: use 1 to enable the test clock, 0 or nothing to leave it off", v)
	}
	return nil
}

// checkTestClock refuses the test clock with Telegram's own Bot API: it
// moves time for staging and acceptance tests against an emulator, and
// real people must never see a bot whose days can be skipped.
func (c *Config) checkTestClock() error {
	if !c.TestClock {
		return nil
	}
	if u, err := url.Parse(c.Telegram.APIURL); err == nil && strings.EqualFold(u.Hostname(), telegramAPIHost) {
		return bad("SIBU_TEST_CLOCK", "refused with Telegram's own Bot API (%s): the test clock is for staging and "+
			"acceptance tests against an emulator; set SIBU_TELEGRAM_API_URL to one, or unset SIBU_TEST_CLOCK", c.Telegram.APIURL)
	}
	return nil
}
