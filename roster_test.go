package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sibu/internal/redistest"
	"sibu/storage"
)

// TestRosterImport runs `sibu roster import` on a CSV with a byte order
// mark against a Redis: the accepted count, every rejected row with its
// reason, and a second run that changes nothing.
func TestRosterImport(t *testing.T) {
	rs := redistest.NewServer(t, false)
	t.Setenv("SIBU_REDIS_URL", rs.URL())
	file := filepath.Join(t.TempDir(), "东城名单.csv")
	csv := "\ufeff姓名,单位,角色,手机,职务\n张三,东城街道第一党支部,成员,13800138001,宣传委员\n李四,dc-b1,支部书记,13800138002,\n" +
		"王五,第九支部,成员,13800138003,\n赵六,北外镇党委,,1380013,\n"
	if err := os.WriteFile(file, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var out, errb bytes.Buffer
	if code := rosterCmd(ctx, []string{"import", "-config", "config.example.yaml", file}, &out, &errb); code != 1 {
		t.Fatalf("exit %d (want 1: rows were rejected): %s%s", code, out.String(), errb.String())
	}
	for _, want := range []string{"4 rows, 2 accepted (2 new, 0 updated, 0 unchanged), 2 rejected",
		"rejected row 4 王五: 没有叫「第九支部」的单位", "rejected row 5 赵六: 「1380013」不是有效的大陆手机号"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	rdb, closer, err := storage.Connect(ctx, rs.URL(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer closer()
	if n, _ := rdb.HLen(ctx, storage.NewKeys("sibu").RosterPeople()).Result(); n != 2 {
		t.Errorf("roster holds %d numbers, want 2", n)
	}
	out.Reset()
	rosterCmd(ctx, []string{"import", "-config", "config.example.yaml", file}, &out, &errb)
	if !strings.Contains(out.String(), "2 accepted (0 new, 0 updated, 2 unchanged)") {
		t.Errorf("second run: %s", out.String())
	}
	if code := rosterCmd(ctx, []string{"export"}, &out, &errb); code != 2 {
		t.Errorf("unknown subcommand: exit %d", code)
	}
}
