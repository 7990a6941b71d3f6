package storage_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf16"

	"sibu/flows/kit"
	"sibu/storage"
)

// TestAnyOutputCommits (issue 12, finding 1): outputs of any size commit —
// a questionnaire summary of 12 long comments (72 KB), a caption beyond
// 1024 characters, 150 buttons, callback data beyond 64 bytes — and what is
// stored fits Telegram's limits: text cut into messages of at most 4096
// UTF-16 units (the buttons on the last), captions of at most 1024, at most
// 100 buttons, callback data of at most 64 bytes. Nothing of the text is
// lost, and the pieces keep their order.
func TestAnyOutputCommits(t *testing.T) {
	s, rdb := newStore(t)
	ctx := context.Background()
	var summary strings.Builder
	for range 12 {
		summary.WriteString("12. 您对本单位今后工作还有什么意见和建议？\n   ")
		summary.WriteString(strings.Repeat("群众反映的问题要件件有回音", 155)) // 6,045 bytes
		summary.WriteString("\n")
	}
	long := summary.String()
	if len(long) < 72_000 {
		t.Fatalf("summary is %d bytes, want ≥ 72 KB", len(long))
	}
	var many [][]kit.Button
	for r := range 30 {
		var row []kit.Button
		for c := range 5 {
			row = append(row, kit.Button{Text: "选项", Data: kit.Data(3, "o", strings.Repeat("x", r+c))})
		}
		many = append(many, row)
	}
	many = append(many, []kit.Button{{Text: "提交", Data: kit.Data(3, "s")}, {Text: "太长", Data: "sv:" + strings.Repeat("长", 40)}})
	outs := []kit.Output{
		{Kind: kit.OutSend, ChatID: 42, Text: long, Buttons: [][]kit.Button{{{Text: "提交", Data: kit.Data(3, "s")}}}},
		{Kind: kit.OutSend, ChatID: 42, Text: strings.Repeat("说明", 600), File: &kit.File{Kind: "photo", ID: "AgAC"}},
		{Kind: kit.OutSend, ChatID: 42, Text: "选", Buttons: many},
		{Kind: kit.OutPush, ChatID: 9, Text: long},
	}
	if _, err := s.Commit(ctx, storage.Commit{ChatID: 42, NoSession: true, Outputs: outs, Now: now}); err != nil {
		t.Fatalf("commit of long outputs: %v", err)
	}
	replies, err := s.Replies(ctx, 42)
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	var pieces []kit.Output
	for i, o := range replies {
		limit := 4096
		if o.File != nil {
			limit = 1024
		}
		if n := len(utf16.Encode([]rune(o.Text))); n > limit {
			t.Errorf("reply %d: %d UTF-16 units, limit %d", i, n, limit)
		}
		buttons := 0
		for _, row := range o.Buttons {
			for _, b := range row {
				buttons++
				if len(b.Data) > 64 {
					t.Errorf("reply %d: callback data of %d bytes", i, len(b.Data))
				}
			}
		}
		if buttons > 100 {
			t.Errorf("reply %d: %d buttons", i, buttons)
		}
		if strings.Contains(o.Text, "群众") {
			text.WriteString(o.Text)
			pieces = append(pieces, o)
		}
	}
	if text.String() != long || len(pieces) < 2 {
		t.Fatalf("the summary's %d pieces do not add up to it: %d of %d bytes", len(pieces), text.Len(), len(long))
	}
	for i, o := range pieces {
		if last := i == len(pieces)-1; last != (len(o.Buttons) > 0) {
			t.Errorf("summary piece %d of %d has buttons %v: only the last may, and it must", i+1, len(pieces), o.Buttons)
		}
	}
	last := replies[len(replies)-1].Buttons
	if n := len(last); n == 0 || last[n-1][0].Text != "提交" {
		t.Errorf("the way on (提交) was not kept: %+v", last)
	}
	if n, _ := rdb.XLen(ctx, s.Keys().Push()).Result(); n != 1 {
		t.Errorf("the long push went as %d entries, want one: the push queue sends it in parts, in order", n)
	}
}
