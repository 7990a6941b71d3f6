package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"text/tabwriter"
	"time"
)

// Row is one measured figure.
type Row struct {
	Scenario string  `json:"scenario"`
	Figure   string  `json:"figure"`
	Value    string  `json:"value"`
	Number   float64 `json:"number,omitempty"` // the value as a number, in Unit
	Unit     string  `json:"unit,omitempty"`
	Goal     string  `json:"goal,omitempty"`
	Verdict  string  `json:"verdict,omitempty"` // ratio to the baseline, ok / MISSED, or a note
}

// report is everything one run prints.
type report struct {
	Date      string   `json:"date"`
	GoVersion string   `json:"go_version"`
	CPUs      int      `json:"cpus"`
	OS        string   `json:"os"`
	Mode      string   `json:"mode"`
	Redis     string   `json:"redis"`
	Elapsed   string   `json:"elapsed"`
	Rows      []Row    `json:"rows"`
	Notes     []string `json:"notes,omitempty"`
}

// newReport starts the report of a run begun at started.
func newReport(started time.Time, quick bool, redis string) *report {
	return &report{Date: started.Format(time.RFC3339), GoVersion: runtime.Version(), CPUs: runtime.NumCPU(),
		OS: runtime.GOOS + "/" + runtime.GOARCH, Mode: map[bool]string{true: "quick", false: "full"}[quick],
		Redis: redis}
}

// write prints the report to w: as indented JSON with jsonOut, else as a
// table followed by the notes.
func (r *report) write(w io.Writer, jsonOut bool) {
	if jsonOut {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.Encode(r)
		return
	}
	r.print(w)
}

// add appends a row to the table.
func (r *report) add(row Row) { r.Rows = append(r.Rows, row) }

// note appends a note printed under the table.
func (r *report) note(format string, args ...any) {
	r.Notes = append(r.Notes, fmt.Sprintf(format, args...))
}

// print writes the report as a table: a header line, the rows, the notes.
func (r *report) print(w io.Writer) {
	fmt.Fprintf(w, "sibu bench — %s, %s mode, %d CPUs, %s, %s, Redis: %s, took %s\n\n",
		r.Date, r.Mode, r.CPUs, r.OS, r.GoVersion, r.Redis, r.Elapsed)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "scenario\tfigure\tvalue\tgoal\tratio / verdict")
	fmt.Fprintln(tw, "--------\t------\t-----\t----\t---------------")
	for _, row := range r.Rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", row.Scenario, row.Figure, row.Value, row.Goal, row.Verdict)
	}
	tw.Flush()
	if len(r.Notes) > 0 {
		fmt.Fprintln(w, "\nNotes:")
		for _, n := range r.Notes {
			fmt.Fprintln(w, "  - "+n)
		}
	}
}

// verdict says whether a figure met its goal: atLeast for "≥ goal" goals.
func verdict(v, goal float64, atLeast bool) string {
	if atLeast && v >= goal || !atLeast && v <= goal {
		return "ok"
	}
	return "MISSED"
}

// ratio formats v/base as "×0.87 of baseline".
func ratio(v, base float64) string {
	if base <= 0 {
		return "no baseline"
	}
	return fmt.Sprintf("×%.2f of baseline", v/base)
}

// ms formats a duration in milliseconds.
func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }

// msf is a duration in milliseconds.
func msf(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// dupNote says how many duplicates a drain saw, for a verdict.
func dupNote(d int) string {
	if d == 0 {
		return ", no duplicates"
	}
	return fmt.Sprintf(", %d duplicates", d)
}

// failOr is the sample's failure note, or ok when every step was answered.
func failOr(s *sample, ok string) string {
	if f := s.failNote(); f != "" {
		return f
	}
	return ok
}

// okIf is " — ok" or " — MISSED" after a verdict, or "" when the goal does
// not apply.
func okIf(applies, ok bool) string {
	if !applies {
		return ""
	}
	if ok {
		return " — ok"
	}
	return " — MISSED"
}
