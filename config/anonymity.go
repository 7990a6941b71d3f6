package config

import (
	"path/filepath"
	"strings"

	"sibu/anonymity"
)

// Anonymity is where the anonymity key comes from (DESIGN.md's contract):
// SIBU_ANONYMITY_KEY, else key_file, else sibu-anonymity.key in the
// working directory, created at first start. The key is never in the
// configuration file itself, and never in Redis.
type Anonymity struct {
	// KeyFile is an age X25519 identity file (as age-keygen writes it),
	// relative to the configuration file's directory.
	KeyFile string `yaml:"key_file"`
	// Key is SIBU_ANONYMITY_KEY: the identity itself (AGE-SECRET-KEY-1…).
	Key string `yaml:"-"`
}

// env reads SIBU_ANONYMITY_KEY.
func (a *Anonymity) env(lookup func(string) (string, bool)) {
	if v, ok := lookup("SIBU_ANONYMITY_KEY"); ok {
		a.Key = strings.TrimSpace(v)
	}
}

// validate checks the key's form (without repeating it) and resolves
// key_file against the configuration file's directory.
func (a *Anonymity) validate(c *Config) error {
	if a.Key != "" {
		if _, err := anonymity.Parse(a.Key); err != nil {
			return bad("SIBU_ANONYMITY_KEY", "%v", err)
		}
	}
	if a.KeyFile != "" && !filepath.IsAbs(a.KeyFile) {
		a.KeyFile = filepath.Join(c.dir, a.KeyFile)
	}
	return nil
}

// AnonymityKey loads the anonymity key (anonymity.Load); Origin.Created
// means it was just written to sibu-anonymity.key, which every replica
// must then be given.
func (c *Config) AnonymityKey() (*anonymity.Key, anonymity.Origin, error) {
	return anonymity.Load(c.Anonymity.Key, c.Anonymity.KeyFile)
}
