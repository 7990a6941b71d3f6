package bot

import (
	"testing"

	"sibu/flows"
	"sibu/flows/kit"
	"sibu/flows/talk"
)

// TestScopedCoverageChart: the /coverage chart of an official of a
// sub-unit counts their subtree only (issue 11, finding 2: the chart used
// to ignore the subtree).
func TestScopedCoverageChart(t *testing.T) {
	b := &Bot{engine: flows.NewEngine(flows.Env{Env: kit.Env{Root: "root", Units: []kit.Unit{
		{ID: "root", Name: "区委"}, {ID: "dc", Name: "东城街道", Parent: "root"},
		{ID: "dc-b1", Name: "第一支部", Parent: "dc"}, {ID: "bw", Name: "北外镇", Parent: "root"}}}})}
	cov := talk.Coverage{Roster: 5, Buckets: map[string]int64{talk.BucketDoneFace: 3, talk.BucketPending: 2},
		Units: map[string]map[string]int64{
			"dc-b1": {"roster": 2, talk.BucketDoneFace: 1, talk.BucketPending: 1},
			"bw":    {"roster": 3, talk.BucketDoneFace: 2, talk.BucketPending: 1},
		}}
	got := b.scoped(kit.Output{Kind: kit.OutReport, Report: talk.ReportChart, Scope: "dc"}, cov)
	if got.Roster != 2 || got.Units["bw"] != nil || got.Buckets[talk.BucketDoneFace] != 1 {
		t.Fatalf("scoped to 东城街道: %+v; want dc-b1 only (roster 2, 1 done)", got)
	}
	if all := b.scoped(kit.Output{Kind: kit.OutReport, Report: talk.ReportChart}, cov); all.Roster != 5 {
		t.Fatalf("unscoped: %+v; want everything", all)
	}
}

// TestFileNames: report files are named by what people know (a unit's,
// questionnaire's or round's name) and the date, never by internal ids,
// and without characters a file system refuses.
func TestFileNames(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{fileName("xlsx", "通川区委", "承诺台账", "20261125"), "通川区委-承诺台账-20261125.xlsx"},
		{fileName("csv", "满意度调查 2026/2027: 第一批?", "答卷", "20261125"), "满意度调查 2026／2027： 第一批？-答卷-20261125.csv"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
