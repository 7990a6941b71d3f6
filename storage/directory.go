package storage

import (
	"context"
	"sibu/flows/commitment"
	"sibu/flows/discipline"
	"sibu/flows/kit"
	"sibu/flows/research"
	"sibu/flows/retro"
	"sibu/flows/survey"
	"sibu/flows/talk"
	"sibu/flows/tipoff"
)

// Directory is what a flow step reads: kit.Directory and every feature's
// reader.
type Directory interface {
	kit.Directory
	survey.Reader
	commitment.Reader
	talk.Reader
	retro.Reader
	discipline.Reader
	tipoff.Reader
	research.Reader
}

// Directory returns the read-only view of shared state one step consults.
// It carries ctx because kit.Directory has no context of its own; it lives
// for one step only.
func (s *Store) Directory(ctx context.Context) Directory {
	return &directory{ctx: ctx, s: s}
}

// DirectoryKnowing is Directory with one person already read (by Load), so
// the step does not read them again.
func (s *Store) DirectoryKnowing(ctx context.Context, p kit.Person, joined bool, id int64) Directory {
	return &directory{ctx: ctx, s: s, known: &knownPerson{id: id, p: p, ok: joined}}
}

// directory is kit.Directory (and the features' readers) over a Store,
// for one step or one job run. Its methods stand beside each feature's
// reads: people.go, survey.go, commitment_read.go, talk_read.go.
type directory struct {
	ctx   context.Context
	s     *Store
	known *knownPerson
	// members memoizes Members for the directory's short life (one step or
	// one job run): a job reminding 10,000 owners reads each unit once.
	members map[string][]kit.Person
	// standing memoizes the known person's standing in a questionnaire,
	// read with its counts (see Survey).
	standing map[string]standing
}

// knownPerson is a person already read, or known not to have joined.
type knownPerson struct {
	id int64
	p  kit.Person
	ok bool
}

// The directory serves every feature's reads.
var _ Directory = (*directory)(nil)
