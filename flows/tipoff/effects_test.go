package tipoff_test

import (
	"testing"

	"sibu/flows/kit"
	"sibu/flows/kit/kittest"
	"sibu/flows/tipoff"
)

// TestEventMarshaling snapshots the records event of every tip-off effect
// (testdata/events.golden.json; -update rewrites it). What a reporter
// sends is no event at all: its facts are made at the release.
func TestEventMarshaling(t *testing.T) {
	tp := tipoff.Tipoff{ID: "ul4fm5vryygb", Kind: tipoff.KindBribe, Unit: "b2", Text: "发红包拉票", Day: "2026-11-25",
		Files: []kit.File{{Kind: "photo", ID: "PHOTO-1"}}, Status: tipoff.StatusNew, Hash: "h"}
	note := tipoff.Note{Day: "2026-11-26", From: tipoff.FromReporter, Text: "另有证人"}
	answered := tp
	answered.Status, answered.Thread = tipoff.StatusHandling, []tipoff.Note{{Day: "2026-11-26", From: tipoff.FromInspector, Text: "已受理"}}
	closed := answered
	closed.Status = tipoff.StatusClosed
	linked := answered
	linked.Nominee = "nmwvh7i80k"
	kittest.AssertEvents(t, []kit.Effect{
		tipoff.Submitted{Reporter: 31, Code: "3F45H3AHRZ6D", Tipoff: tp},
		tipoff.Added{Reporter: 31, Count: 1, Code: "3F45H3AHRZ6D", Note: note},
		tipoff.Received{Tipoff: tp},
		tipoff.Supplemented{ID: tp.ID, Note: note},
		tipoff.Answered{Change: tipoff.Change{Tipoff: answered, Prev: 1, By: 25}},
		tipoff.Marked{Change: tipoff.Change{Tipoff: closed, Prev: 2, By: 25}},
		tipoff.Linked{Change: tipoff.Change{Tipoff: linked, Prev: 2, By: 25}},
	})
}

// TestReceiptCodes: codes are 12 characters in groups of four from the
// random text, and read back whatever the case, spaces or look-alikes.
func TestReceiptCodes(t *testing.T) {
	code := tipoff.ReceiptCode("k7qm4xpa9trdzz")
	if len(code) != 14 || code[4] != '-' || code[9] != '-' {
		t.Fatalf("code %q", code)
	}
	for _, typed := range []string{code, " " + code[:4] + " " + code[5:9] + " " + code[10:] + " "} {
		if got := tipoff.NormalizeCode(typed); got != code[:4]+code[5:9]+code[10:] {
			t.Errorf("%q read as %q", typed, got)
		}
	}
	if got := tipoff.NormalizeCode("o0-il"); got != "0011" {
		t.Errorf("look-alikes: %q", got)
	}
}
