package config

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// env applies the SIBU_* overrides (lookup, usually os.LookupEnv): each
// string variable replaces its key, trimmed; SIBU_PLAYGROUND sets
// Playground; SIBU_ADMINS replaces the whole list.
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
	str("SIBU_REDIS_PREFIX", &c.Redis.Prefix)
	str("SIBU_RECORDS_URL", &c.Records.URL)
	str("SIBU_RECORDS_SECRET", &c.Records.Secret)
	str("SIBU_HTTP_LISTEN", &c.HTTP.Listen)
	c.Anonymity.env(lookup)
	if err := c.readTestClock(lookup); err != nil {
		return err
	}
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

// knownEnvironment is every SIBU_* variable sibu, its tests or its scripts
// read. A variable is added here when something starts reading it
// (TestEveryVariableInTheRepositoryIsKnown fails until it is).
var knownEnvironment = [...]string{
	// The bot (DESIGN.md's contract; Load reads them).
	"SIBU_TELEGRAM_TOKEN", "SIBU_TELEGRAM_API_URL", "SIBU_TELEGRAM_MODE",
	"SIBU_WEBHOOK_LISTEN", "SIBU_WEBHOOK_PATH", "SIBU_WEBHOOK_SECRET",
	"SIBU_REDIS_URL", "SIBU_REDIS_PREFIX", "SIBU_RECORDS_URL", "SIBU_RECORDS_SECRET",
	"SIBU_ADMINS", "SIBU_HTTP_LISTEN", "SIBU_ANONYMITY_KEY", "SIBU_TEST_CLOCK",
	// The playground.
	"SIBU_PLAYGROUND", "SIBU_PLAYGROUND_LISTEN",
	// Tests and scripts/test.sh.
	"SIBU_TEST_REDIS_URL", "SIBU_ARTIFACTS", "SIBU_CHROMIUM", "SIBU_SIM_LOG",
	// sibu bench: set by the bench on the bot processes it starts itself.
	"SIBU_BENCH_CHILD",
}

// CheckEnvironment refuses SIBU_* variables sibu does not read: a mistyped
// name is otherwise silently ignored, and with SIBU_TELEGRAM_TOKEN misspelt
// a production machine would start the playground. environ holds
// "NAME=value" pairs as os.Environ returns them; names are compared as the
// operating system does (case matters), but a lower-case sibu_* is caught
// too. The error is one line naming each unknown variable and the known one
// closest to it.
func CheckEnvironment(environ []string) error {
	var problems []string
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		if len(name) <= len("SIBU_") || !strings.EqualFold(name[:len("SIBU_")], "SIBU_") || isKnownEnvironment(name) {
			continue
		}
		closest, ok := closestEnvironment(strings.ToUpper(name))
		p := fmt.Sprintf("unknown %s; did you mean %s?", name, closest)
		if !ok {
			p = fmt.Sprintf("unknown %s (sibu reads %s)", name, strings.Join(knownEnvironment[:], ", "))
		}
		problems = append(problems, p)
	}
	if len(problems) == 0 {
		return nil
	}
	sort.Strings(problems)
	return &Error{Key: "environment", Problem: strings.Join(problems, "; ")}
}

// isKnownEnvironment reports whether name is in knownEnvironment, exactly.
func isKnownEnvironment(name string) bool {
	for _, k := range knownEnvironment {
		if k == name {
			return true
		}
	}
	return false
}

// closestEnvironment returns the known variable nearest to name: the one
// sharing most words with it (…_TOKEN finds SIBU_TELEGRAM_TOKEN), then the
// one fewest edits away. ok is false when nothing is near (no word in
// common and more than a third of the letters differ).
func closestEnvironment(name string) (closest string, ok bool) {
	words := strings.Split(strings.TrimPrefix(name, "SIBU_"), "_")
	bestShared, bestDist := -1, 0
	for _, k := range knownEnvironment {
		shared := 0
		for _, w := range words {
			for _, kw := range strings.Split(strings.TrimPrefix(k, "SIBU_"), "_") {
				if w == kw {
					shared++
					break
				}
			}
		}
		d := editDistance(name, k)
		if shared > bestShared || shared == bestShared && d < bestDist {
			closest, bestShared, bestDist = k, shared, d
		}
	}
	return closest, bestShared > 0 || bestDist <= len(closest)/3
}

// editDistance is the optimal string alignment distance between a and b:
// insertions, deletions, substitutions and swaps of neighbours cost 1.
func editDistance(a, b string) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
