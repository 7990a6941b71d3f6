package config

import (
	"net/url"
	"sibu/bot"
	"strings"
	"unicode/utf8"
)

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

// Limits are the sender's rate limits (default bot.DefaultLimits).
type Limits struct {
	GlobalPerSecond   float64 `yaml:"global_per_second"`
	PerChatPerSecond  float64 `yaml:"per_chat_per_second"`
	PerChatBurst      int     `yaml:"per_chat_burst"`
	PerGroupPerMinute float64 `yaml:"per_group_per_minute"`
}

// defaults sets each unset limit to def's.
func (l *Limits) defaults(def bot.Limits) {
	if l.GlobalPerSecond == 0 {
		l.GlobalPerSecond = def.Global
	}
	if l.PerChatPerSecond == 0 {
		l.PerChatPerSecond = def.PerChat
	}
	if l.PerChatBurst == 0 {
		l.PerChatBurst = def.Burst
	}
	if l.PerGroupPerMinute == 0 {
		l.PerGroupPerMinute = def.PerGroupMinute
	}
}

// check checks the telegram: section: the token's shape, the API URL, the
// mode (and the webhook's settings in webhook mode), the limits.
func (t Telegram) check() error {
	if t.Token != "" && !validToken(t.Token) {
		return bad("telegram.token (SIBU_TELEGRAM_TOKEN)", "does not look like a bot token (<digits>:<secret>, as @BotFather gives it)")
	}
	if u, err := url.Parse(t.APIURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return bad("telegram.api_url (SIBU_TELEGRAM_API_URL)", "%q is not an http(s) URL", t.APIURL)
	}
	switch t.Mode {
	case "polling":
	case "webhook":
		if err := t.Webhook.check(); err != nil {
			return err
		}
	default:
		return bad("telegram.mode (SIBU_TELEGRAM_MODE)", "must be polling or webhook, got %q", t.Mode)
	}
	l := t.Limits
	if l.GlobalPerSecond < 0 || l.PerChatPerSecond < 0 || l.PerChatBurst < 0 || l.PerGroupPerMinute < 0 {
		return bad("telegram.limits", "limits must be positive")
	}
	return nil
}

// check checks the webhook's settings (in webhook mode): a strong secret,
// a path, an https public URL if one is given.
func (w Webhook) check() error {
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
	return nil
}

// validToken reports whether t looks like a bot token: <digits>:<secret>.
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

// validSecret reports whether s is a webhook secret Telegram takes and
// that is long enough (secretRule).
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
