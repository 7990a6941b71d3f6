// Package config reads sibu's YAML configuration and the SIBU_* environment
// overrides, and validates them. Every problem is reported as one line that
// names the key.
//
// A setting whose default belongs to the package that uses it is taken from
// there, not written again: the promise: section's from
// commitment.Settings.WithDefaults, the Telegram limits from
// bot.DefaultLimits, workers from bot.DefaultWorkers, the time zone from
// scheduler.DefaultZone, records.max_attempts from
// records.DefaultMaxAttempts.
//
// The files, by concern:
//
//	config.go         Config and its small sections (redis, records, http), Error
//	load.go           Load, Parse, LoadWithoutQuestionnaires; the defaults
//	environment.go    the SIBU_* overrides Load applies; CheckEnvironment refuses unknown ones
//	validate.go       validate: every section's check in file order; redis, records, time, workers
//	telegram.go       the telegram: section (token, mode, webhook, limits) and its checks
//	units.go          the units: tree (one root, no cycles) and the id rule
//	questionnaires.go questionnaires inline and from questionnaires_dir (LoadDir)
//	commitment.go     the promise: section (public commitments) and its flows settings
//	talks.go          the talks: section (talk rounds, their sessions and slots)
//	campaigns.go      the research: section and the campaigns (campaigns:, campaigns_dir)
//	quiet.go          QuietHours: when no reminder goes out
//	attention.go      Attention: the daily digest's time and the pushes a person gets a day
//	start.go          UsePlayground: the playground or the bot
package config
