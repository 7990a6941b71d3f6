package reports_test

import (
	"bytes"
	"image/png"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"sibu/flows/talk"
	"sibu/reports"
)

func TestTalkChartAndLedger(t *testing.T) {
	cov := talk.Coverage{Roster: 10,
		Buckets: map[string]int64{talk.BucketDoneFace: 4, talk.BucketDonePhone: 2, talk.BucketDoneMakeup: 1, talk.BucketPending: 2, talk.BucketExcused: 1},
		Units: map[string]map[string]int64{"b1": {"roster": 6, talk.BucketDoneFace: 4, talk.BucketPending: 2},
			"b2": {"roster": 4, talk.BucketDonePhone: 2, talk.BucketDoneMakeup: 1, talk.BucketExcused: 1}}}
	names := reports.TalkNames{Units: []string{"b1", "b2"}, Unit: func(id string) string { return map[string]string{"b1": "第一支部", "b2": "第二支部"}[id] },
		Person: func(id int64) string { return "李书记" }}
	img, err := reports.TalkChartPNG("换届谈心谈话", cov, names, reports.ChartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := png.Decode(bytes.NewReader(img)); err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	at := time.Date(2026, 11, 26, 6, 0, 0, 0, time.UTC)
	entries := []talk.Entry{
		{User: 21, Name: "张三", Unit: "b1", Interviewer: 11, Status: talk.EntryDone, Mode: talk.ModePhone, How: "makeup", Slot: at, DoneAt: at, DoneBy: 11, Summary: "=支持", Attempts: 1, Phone: "+8613800000021"},
		{User: 22, Name: "李四", Unit: "b2", Status: talk.EntryExcused, Reason: "外出务工"},
	}
	data, err := reports.TalkLedgerXLSX("换届谈心谈话", entries, names, time.FixedZone("CST", 8*3600))
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("谈话台账")
	if len(rows) != 3 || rows[1][1] != "张三" || rows[1][4] != "会后补谈" || rows[1][5] != "2026-11-26 14:00" || rows[1][10] != "'=支持" || rows[2][13] != "外出务工" {
		t.Fatalf("ledger rows = %q", rows)
	}
	for _, r := range rows {
		for _, c := range r {
			if bytes.Contains([]byte(c), []byte("13800000021")) {
				t.Fatalf("phone number in the ledger: %q", r)
			}
		}
	}
}
