// Package deps pins the project's chosen libraries in go.mod while the
// packages that use them are being written. It is never imported.
package deps

import (
	_ "github.com/alicebob/miniredis/v2"
	_ "github.com/go-telegram/bot"
	_ "github.com/prometheus/client_golang/prometheus"
	_ "github.com/redis/go-redis/v9"
	_ "github.com/robfig/cron/v3"
	_ "go.yaml.in/yaml/v3"
	_ "golang.org/x/time/rate"
)
