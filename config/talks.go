package config

// Talks is the "talks" section of the configuration.
type Talks struct{}

// validate fills defaults and checks the section; errors name the key.
func (p *Talks) validate(c *Config) error { return nil }
