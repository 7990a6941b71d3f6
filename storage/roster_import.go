package storage

import (
	"context"
	"fmt"

	"sibu/flows/join"
	"sibu/flows/kit"
)

// ImportChunk is how many roster rows one commit of ImportRoster writes.
const ImportChunk = 1000

// ImportRoster commits a checked roster (join.Check) outside any chat, as
// `sibu roster import` does for a first load of tens of thousands of
// rows: in commits of ImportChunk rows, each atomic and conditioned as a
// step's (every row as Check read it), pipelined; then the import record
// and its records event. A failed condition (someone joined, or another
// import wrote, since Check read the roster) returns ErrConflict: check
// again and import again, which leaves the rows already written unchanged.
func (s *Store) ImportRoster(ctx context.Context, im join.Import, rec join.RosterImported) error {
	effects := im.Effects(rec, ImportChunk)
	rows, last := effects[:len(effects)-1], effects[len(effects)-1]
	commits := make([]Commit, len(rows))
	for i, ef := range rows {
		commits[i] = Commit{NoSession: true, Effects: []kit.Effect{ef}, Now: rec.At}
	}
	errs, err := s.CommitBatch(ctx, commits)
	if err != nil {
		return fmt.Errorf("import roster: %w", err)
	}
	for _, err := range errs {
		if err != nil {
			return fmt.Errorf("import roster: %w", err)
		}
	}
	if _, err := s.Commit(ctx, Commit{NoSession: true, Effects: []kit.Effect{last}, Now: rec.At}); err != nil {
		return fmt.Errorf("import roster record: %w", err)
	}
	return nil
}
