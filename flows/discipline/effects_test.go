package discipline_test

import (
	"testing"
	"time"

	"sibu/flows/discipline"
	"sibu/flows/kit"
	"sibu/flows/kit/kittest"
)

// TestEventMarshaling snapshots the records event of every checklist and
// nominee effect (testdata/events.golden.json; -update rewrites it).
func TestEventMarshaling(t *testing.T) {
	at := time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)
	watch := discipline.Checklist{ID: "cmwvh7i80k", Kind: discipline.KindWatch, Title: "镜鉴", Unit: "root", By: 20, ByName: "李委员",
		Material: "https://example.org/jingjian", Units: []string{"b1"}, Roles: []kit.Role{kit.RoleMember}, Deadline: "2026-12-10",
		Open: true, Opened: at}
	train := discipline.Checklist{ID: "cmwwwncw0k", Kind: discipline.KindTrain, Title: "换届考察组人员培训", Unit: "root", By: 20,
		Units: []string{"b1"}, Roles: []kit.Role{kit.RoleMember}, Deadline: "2026-11-27", At: at.Add(47 * time.Hour),
		Place: "区委党校", Code: "9101", Lat: 31.2, Lon: 107.5, Radius: 500, Open: true, Opened: at}
	targets := []discipline.Target{{Person: 31, Name: "张三", Unit: "b1", Role: kit.RoleMember}}
	n := discipline.Nominee{ID: "nmwvh7i80k", Name: "钱六", Unit: "b2", Post: "村党支部书记", By: 20, ByName: "李委员", Added: at,
		Checks: []discipline.Check{{Kind: discipline.CheckDossier}, {Kind: discipline.CheckMatters}, {Kind: discipline.CheckOpinion},
			{Kind: discipline.CheckPetition}}}
	issue := n
	issue.Checks = append([]discipline.Check(nil), n.Checks...)
	issue.Checks[2] = discipline.Check{Kind: discipline.CheckOpinion, Verdict: discipline.VerdictIssue, Note: "收受礼金", By: 25,
		ByName: "赵纪检", At: at, File: &kit.File{Kind: "document", ID: "DOC"}}
	cleared := n
	cleared.Cleared, cleared.ClearedBy, cleared.ClearedAt = true, 20, at
	linked := n
	linked.Checks = append([]discipline.Check(nil), n.Checks...)
	linked.Checks[3].Tipoffs = []string{"ul4fm5vryygb"}
	closed := watch
	closed.Open = false
	kittest.AssertEvents(t, []kit.Effect{
		discipline.ChecklistOpened{Checklist: watch, Targets: targets},
		discipline.ChecklistOpened{Checklist: train, Targets: targets},
		discipline.Confirmed{Confirmation: discipline.Confirmation{Checklist: watch.ID, Person: 31, How: discipline.HowWatched, Note: "深受教育", At: at}},
		discipline.Confirmed{Confirmation: discipline.Confirmation{Checklist: train.ID, Person: 32, How: discipline.HowLocation, At: at}},
		discipline.ChecklistClosed{Checklist: closed, Prev: 1, By: 20, Targets: 3, Done: 2},
		discipline.ChecklistReminded{Checklist: watch.ID, Person: 33, Key: "cmwvh7i80k:1:33"},
		discipline.NomineeAdded{Nominee: n},
		discipline.CheckClosed{NomineeChange: discipline.NomineeChange{Nominee: issue, Prev: 1, By: 25}, Kind: discipline.CheckOpinion},
		discipline.Cleared{NomineeChange: discipline.NomineeChange{Nominee: cleared, Prev: 5, By: 20}},
		discipline.TipoffLinked{NomineeChange: discipline.NomineeChange{Nominee: linked, Prev: 6, By: 25}, Tipoff: "ul4fm5vryygb"},
	})
}
