package kittest

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"sibu/flows/kit"
)

// Update rewrites golden files instead of comparing with them (-update).
var Update = flag.Bool("update", false, "rewrite golden files")

// AssertGolden compares v, as indented JSON, with the golden file path
// (rewriting it with -update).
func AssertGolden(t *testing.T, path string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	got = append(got, '\n')
	if *Update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden %s: %v (run with -update to create it)", path, err)
	}
	if !bytes.Equal(bytes.TrimSpace(want), bytes.TrimSpace(got)) {
		t.Errorf("%s differs from the output (run with -update to accept):\n%s", path, firstDiff(string(want), string(got)))
	}
}

// Event is a records event as TestEventMarshaling snapshots it.
type Event struct {
	Type    string `json:"type"`
	Subject string `json:"subject"`
	Data    any    `json:"data"`
}

// AssertEvents snapshots the records event of every effect into the golden
// file testdata/events.golden.json, so a change to an event's payload shows
// in a diff (goflow's TestEventMarshaling is the model).
func AssertEvents(t *testing.T, effects []kit.Effect) {
	t.Helper()
	events := make([]Event, 0, len(effects))
	for _, ef := range effects {
		subject, data := ef.EventData()
		events = append(events, Event{Type: ef.EventType(), Subject: subject, Data: data})
	}
	AssertGolden(t, filepath.Join("testdata", "events.golden.json"), events)
}

func firstDiff(a, b string) string {
	al, bl := bytes.Split([]byte(a), []byte("\n")), bytes.Split([]byte(b), []byte("\n"))
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y []byte
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if !bytes.Equal(x, y) {
			return "line " + strconv.Itoa(i+1) + ":\n- " + string(x) + "\n+ " + string(y)
		}
	}
	return ""
}
