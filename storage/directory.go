package storage

import (
	"context"

	"sibu/flows"
)

// Directory returns the read-only view of shared state one step consults.
// It carries ctx because flows.Directory has no context of its own; it lives
// for one step only.
func (s *Store) Directory(ctx context.Context) flows.Directory {
	return &directory{ctx: ctx, s: s}
}

// DirectoryKnowing is Directory with one person already read (by Load), so
// the step does not read them again.
func (s *Store) DirectoryKnowing(ctx context.Context, p flows.Person, joined bool, id int64) flows.Directory {
	return &directory{ctx: ctx, s: s, known: &knownPerson{id: id, p: p, ok: joined}}
}

// directory is flows.Directory (and the features' readers) over a Store,
// for one step or one job run. Its methods stand beside each feature's
// reads: people.go, survey.go, commitment_read.go, talk_read.go.
type directory struct {
	ctx   context.Context
	s     *Store
	known *knownPerson
	// members memoizes Members for the directory's short life (one step or
	// one job run): a job reminding 10,000 owners reads each unit once.
	members map[string][]flows.Person
}

// knownPerson is a person already read, or known not to have joined.
type knownPerson struct {
	id int64
	p  flows.Person
	ok bool
}

// The directory serves every feature's reads.
var (
	_ flows.Directory     = (*directory)(nil)
	_ flows.PromiseReader = (*directory)(nil)
	_ flows.TalkReader    = (*directory)(nil)
)
