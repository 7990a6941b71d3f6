package config

import (
	"fmt"
	"sibu/flows/kit"
	"strings"
	"time"
)

// QuietHours is a daily period without pushes (kit.QuietHours).
type QuietHours = kit.QuietHours

// ParseQuietHours reads "22:00-08:00" (empty range "00:00-00:00": none).
func ParseQuietHours(s string) (QuietHours, error) {
	from, to, ok := strings.Cut(strings.ReplaceAll(s, " ", ""), "-")
	if !ok {
		return QuietHours{}, fmt.Errorf("%q: use HH:MM-HH:MM, e.g. 22:00-08:00", s)
	}
	f, err1 := time.Parse("15:04", from)
	t, err2 := time.Parse("15:04", to)
	if err1 != nil || err2 != nil {
		return QuietHours{}, fmt.Errorf("%q: use HH:MM-HH:MM, e.g. 22:00-08:00", s)
	}
	return QuietHours{From: time.Duration(f.Hour())*time.Hour + time.Duration(f.Minute())*time.Minute,
		To: time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute}, nil
}
