package config

import (
	"net/url"
	"sibu/scheduler"
	"strings"
	"time"
)

// validate checks the configuration section by section, in the order of
// the file, derives Location, Root, Quiet and Surveys, and returns the first
// problem. The satisfaction survey is checked last: it names a
// questionnaire, and those are loaded last.
func (c *Config) validate() error {
	for _, check := range []func() error{
		c.Telegram.check,
		c.checkTestClock,
		c.checkRedis,
		c.checkRecords,
		c.checkTimezone,
		c.checkInviteTTL,
		c.checkWorkers,
		c.validateUnits,
		c.Commitment.validate,
		func() error { return c.Talks.validate(c) },
		func() error { return c.Anonymity.validate(c) },
		c.checkQuietHours,
		c.checkAttention,
		c.loadQuestionnaires,
		func() error { return c.Commitment.validateSurvey(c.Surveys) },
		c.validateResearch,
	} {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

// checkRedis checks the redis: section: a URL Redis can be dialled at and
// a prefix that cannot break a key apart.
func (c *Config) checkRedis() error {
	if c.Redis.URL != "" && !strings.Contains(c.Redis.URL, "://") && !strings.Contains(c.Redis.URL, ":") {
		return bad("redis.url (SIBU_REDIS_URL)", "%q: use redis://host:port/db or rediss://…", c.Redis.URL)
	}
	if strings.ContainsAny(c.Redis.Prefix, "{}: ") {
		return bad("redis.prefix", "%q must not contain braces, colons or spaces", c.Redis.Prefix)
	}
	return nil
}

// checkRecords checks the records: section: an http(s) URL or an absolute
// file URL, a whsec_ secret, at least one attempt.
func (c *Config) checkRecords() error {
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
	return nil
}

// checkTimezone sets Location from timezone. The default zone is found
// even on a machine without a time zone database (as UTC+8).
func (c *Config) checkTimezone() error {
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		if c.Timezone != scheduler.DefaultZone {
			return bad("timezone", "unknown time zone %q", c.Timezone)
		}
		loc = scheduler.DefaultLocation() // no tz database on this machine: UTC+8
	}
	c.Location = loc
	return nil
}

// checkInviteTTL checks invite_ttl.
func (c *Config) checkInviteTTL() error {
	if c.InviteTTL < time.Minute {
		return bad("invite_ttl", "must be at least 1m")
	}
	return nil
}

// checkWorkers checks workers.
func (c *Config) checkWorkers() error {
	if c.Workers < 1 || c.Workers > 1024 {
		return bad("workers", "must be between 1 and 1024")
	}
	return nil
}

// checkQuietHours sets Quiet from quiet_hours.
func (c *Config) checkQuietHours() error {
	q, err := ParseQuietHours(c.QuietHours)
	if err != nil {
		return bad("quiet_hours", "%v", err)
	}
	c.Quiet = q
	return nil
}
