package e2e

import (
	"strings"
	"testing"

	"sibu/internal/redistest"
)

// TestChecklistListUpload drives the built binary: an official defining a
// 四必看 checklist sends its target group as a file (a CSV, as Excel saves
// it) instead of units × roles; the bot downloads it from the emulator,
// matches the names to the people who joined, and publishing asks exactly
// them. A file of the wrong type gets a polite answer first.
func TestChecklistListUpload(t *testing.T) {
	emu := newEmu(t)
	rs := redistest.NewServer(t, false)
	sk := newSink(t)
	startInDaytime(t, env(emu, rs.URL(), sk.srv.URL))

	admin := newPerson(t, emu, adminID, "组织部")
	zhang := newPerson(t, emu, 2, "张三")
	li := newPerson(t, emu, 3, "李四")
	join(t, admin, zhang, "张三")
	join(t, admin, li, "李四")

	admin.send("/checklist new watch")
	admin.expect("学习材料的名称")
	admin.send("《镜鉴》警示片")
	admin.expect("学习材料")
	admin.send("https://example.org/jingjian")
	admin.expect("要求哪些单位")
	admin.press("📎 上传名单（不按单位、身份）")
	admin.expect("请发送名单文件")

	emu.SendDocument(admin.u, "名单.doc", []byte("not a spreadsheet"), "")
	admin.expect("不是 .xlsx 或 .csv 文件")

	emu.SendDocument(admin.u, "名单.csv", []byte("\ufeff姓名,单位,手机\r\n张三,,\r\n王二麻子,,\r\n"), "")
	sum := admin.expect("已匹配")
	if !strings.Contains(sum.Text, "共 2 行，已匹配 1 人") || !strings.Contains(sum.Text, "王二麻子（第 3 行）") {
		t.Fatalf("summary: %q", sum.Text)
	}
	admin.expect("完成期限")
	admin.send("月底")
	admin.expect("名单：「名单.csv」1 人")
	admin.press("✅ 发布")
	if m := admin.expect("已发布"); !strings.Contains(m.Text, "已通知 1 人") {
		t.Fatalf("published: %q", m.Text)
	}
	zhang.expect("看完了")
	ev := sk.waitFor(t, "sibu.checklist.opened", nil)
	if data := ev["data"].(map[string]any); data["list"] != "名单.csv" || data["targets"] != float64(1) {
		t.Fatalf("opened event data: %v", data)
	}
	li.send("/checklist")
	if m := li.expect("学习"); strings.Contains(m.Text, "镜鉴") {
		t.Fatalf("李四 is not on the list but was asked: %q", m.Text)
	}
}
