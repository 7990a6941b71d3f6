package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"sibu/anonymity"
	"sibu/config"
	"sibu/storage"
)

// anonymityKey loads the anonymity key (config.AnonymityKey), saying where
// it came from; the playground makes one in memory, its demo keys being
// cleared at every start anyway.
func anonymityKey(cfg *config.Config, playground bool, log *slog.Logger) (*anonymity.Key, error) {
	if playground {
		return anonymity.Generate()
	}
	k, from, err := cfg.AnonymityKey()
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	if from.Created {
		log.Warn("created the anonymity key "+from.Source+" (mode 600): every replica must be given this same file (or SIBU_ANONYMITY_KEY); keep it secret and backed up — losing it loses the anonymous answers not yet released",
			"recipient", k.Recipient())
	}
	log.Info("anonymity key", "source", from.Source, "recipient", k.Recipient())
	return k, nil
}

// checkAnonymityKey makes sure this replica's anonymity key is the one the
// store's data is sealed to before anything is read or written with it,
// retrying while Redis is unreachable.
func checkAnonymityKey(ctx context.Context, store *storage.Store, log *slog.Logger) error {
	backoff := time.Second
	for {
		err := store.CheckAnonymityKey(ctx)
		if err == nil || errors.Is(err, storage.ErrOtherAnonymityKey) {
			return err
		}
		log.Warn("anonymity key check failed; retrying", "err", err, "in", backoff)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, 30*time.Second)
	}
}
