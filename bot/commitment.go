package bot

import (
	"context"

	"sibu/flows"
)

// commitmentReports renders the commitment feature's OutReport kinds (name → renderer).
func (b *Bot) commitmentReports() map[string]func(context.Context, flows.Output) ([]file, error) {
	return nil
}
