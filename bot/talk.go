package bot

import (
	"context"

	"sibu/flows"
)

// talkReports renders the talk feature's OutReport kinds (name → renderer).
func (b *Bot) talkReports() map[string]func(context.Context, flows.Output) ([]file, error) {
	return nil
}
