package commitment_test

import (
	"testing"

	"sibu/flows/kit/kittest"
)

// TestEventMarshaling snapshots the records event of every effect
// (testdata/events.golden.json; -update rewrites it). The payloads are the
// ones storage built by hand before they moved next to the effects.
func TestEventMarshaling(t *testing.T) {
	kittest.AssertEvents(t, sampleEffects())
}
