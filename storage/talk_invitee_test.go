package storage_test

import (
	"context"
	"math"
	"slices"
	"testing"
	"time"

	"sibu/flows/kit"
	"sibu/flows/talk"
	"sibu/storage"
)

// TestTalkUnreachedAfterPages: a pass over the people not yet reached a
// page at a time meets everyone still there once, though someone of an
// earlier page is reached meanwhile (an offset would then skip the next
// one), and TalkEntries reads a page with the revisions.
func TestTalkUnreachedAfterPages(t *testing.T) {
	store, _ := newStore(t)
	ctx := context.Background()
	at := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	var entries []talk.Entry
	for u := int64(21); u <= 25; u++ {
		entries = append(entries, talk.Entry{Round: "hj", User: u, Unit: "b1", Interviewer: 11, Status: talk.EntryPending})
	}
	if _, err := store.Commit(ctx, storage.Commit{ChatID: 1, NoSession: true, Now: at,
		Effects: []kit.Effect{talk.Invited{Round: "hj", Entries: entries}}}); err != nil {
		t.Fatal(err)
	}
	var met []int64
	after := int64(math.MinInt64)
	for pages := 0; ; pages++ {
		page, err := store.TalkUnreachedAfter(ctx, "hj", after, 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		met = append(met, page...)
		after = page[len(page)-1]
		if pages == 0 { // 21 is talked with while the pass goes on
			done := entries[0]
			done.Status, done.How, done.DoneAt, done.Rev = talk.EntryDone, talk.ModeFace, at, 1
			if _, err := store.Commit(ctx, storage.Commit{ChatID: 11, NoSession: true, Now: at,
				Effects: []kit.Effect{talk.Completed{Change: talk.Change{Before: entries[0], After: done}}}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if want := []int64{21, 22, 23, 24, 25}; !slices.Equal(met, want) {
		t.Fatalf("met %v, want %v", met, want)
	}
	got, err := store.TalkEntries(ctx, "hj", []int64{21, 99, 22})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].User != 21 || got[0].Rev != 1 || got[1].User != 22 || got[1].Rev != 0 {
		t.Fatalf("entries: %+v", got)
	}
}
