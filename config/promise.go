package config

// Promise is the "promise" section of the configuration.
type Promise struct{}

// validate fills defaults and checks the section; errors name the key.
func (p *Promise) validate(c *Config) error { return nil }
