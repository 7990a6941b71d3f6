package config

import (
	"fmt"
	"strings"
)

// UsePlayground decides whether the binary runs the playground (the bot
// against its built-in Bot API emulator and demo people) instead of the
// bot: it does when asked for — asked is the -playground flag, or
// SIBU_PLAYGROUND=1 — and when there is no token on a machine with no
// production setting. Without a token and with a production setting
// (webhook mode, a records URL or secret, a Redis URL) it refuses with an
// error that matches ErrNoToken and names SIBU_TELEGRAM_TOKEN: a misspelt
// token variable must not turn production into a demo that writes to the
// production Redis and records system. With a token and not asked for, it
// returns false: run the bot.
func (c *Config) UsePlayground(asked bool) (bool, error) {
	switch {
	case asked || c.Playground:
		return true, nil
	case c.Telegram.Token != "":
		return false, nil
	}
	if prod := c.productionSettings(); len(prod) > 0 {
		return false, &noTokenError{settings: prod}
	}
	return true, nil
}

// productionSettings lists the settings present that only make sense in
// production, each named as its key and variable.
func (c *Config) productionSettings() []string {
	var out []string
	if c.Telegram.Mode == "webhook" {
		out = append(out, "telegram.mode webhook (SIBU_TELEGRAM_MODE)")
	}
	if c.Redis.URL != "" {
		out = append(out, "redis.url (SIBU_REDIS_URL)")
	}
	if c.Records.URL != "" {
		out = append(out, "records.url (SIBU_RECORDS_URL)")
	}
	if c.Records.Secret != "" {
		out = append(out, "records.secret (SIBU_RECORDS_SECRET)")
	}
	return out
}

// noTokenError is UsePlayground's refusal; it matches ErrNoToken.
type noTokenError struct{ settings []string }

// Error names the empty token and the production settings present.
func (e *noTokenError) Error() string {
	return fmt.Sprintf("config: telegram.token (SIBU_TELEGRAM_TOKEN): is empty, but production settings are present: %s. "+
		"Set SIBU_TELEGRAM_TOKEN, or start the playground on purpose with -playground or SIBU_PLAYGROUND=1",
		strings.Join(e.settings, ", "))
}

// Unwrap returns ErrNoToken, so errors.Is matches it.
func (e *noTokenError) Unwrap() error { return ErrNoToken }
