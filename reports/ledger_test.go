package reports_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"sibu/flows/commitment"
	"sibu/flows/kit"
	"sibu/reports"
)

func TestLedgerWorkbook(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	at := time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)
	rows := []commitment.LedgerRow{{
		Item: commitment.Item{ID: "x1", Owner: 31, OwnerName: "张三", Unit: "b1", Content: "加装路灯", Measures: "跟进施工",
			Deadline: "2026-12-20", Status: commitment.StatusActive, Percent: 50, Created: at, Updated: at},
		Overdue: true,
		Log: []commitment.Entry{{At: at, ByName: "张三", What: "declared"},
			{At: at, ByName: "张三", What: "progress", Text: "已联系街道", Percent: 50, File: &kit.File{Kind: "photo", ID: "AgAC1"}}},
	}}
	names := reports.LedgerNames{Unit: func(string) string { return "第一支部" }, Owner: func(c commitment.Item) string { return c.OwnerName },
		Status: commitment.StatusName, What: commitment.WhatName}
	data, err := reports.Ledger(rows, names, loc)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	items, _ := f.GetRows(reports.SheetLedger)
	if len(items) != 2 || items[1][2] != "加装路灯" || items[1][6] != "履诺中（逾期）" || items[1][9] != "2026-11-25 10:00" ||
		items[0][11] != "编号" || items[1][11] != "x1" || items[1][0] != "第一支部" {
		t.Fatalf("ledger rows %q", items)
	}
	hist, _ := f.GetRows(reports.SheetHistory)
	if len(hist) != 3 || hist[2][2] != "履诺记实" || hist[2][4] != "已联系街道" || hist[2][7] != "photo:AgAC1" || hist[2][8] != "x1" {
		t.Fatalf("history rows %q", hist)
	}
}
