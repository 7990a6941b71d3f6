package e2e

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"sibu/internal/redistest"
	"sibu/tgemu"
)

// TestRosterAndUnitLink drives the built binary: an official sends a
// roster file while /roster waits for one; the bot downloads and checks it,
// answers with the figures and the rejected rows, and sends their XLSX.
// The unit's join link and its QR poster follow; someone on the roster
// opens the link, shares their own number and joins as the roster says,
// and the records event carries a reference, not the number.
func TestRosterAndUnitLink(t *testing.T) {
	emu := newEmu(t)
	rs := redistest.NewServer(t, false)
	sk := newSink(t)
	startInDaytime(t, env(emu, rs.URL(), sk.srv.URL))

	admin := newPerson(t, emu, adminID, "组织部")
	admin.send("/roster 导入")
	admin.expect("请发送名单文件")
	csv := "\ufeff姓名,单位,角色,手机,职务\r\n张三,东城街道第一党支部,成员,13800000002,宣传委员\r\n李四,第九支部,成员,13800000003,\r\n"
	emu.SendDocument(admin.u, "东城名单.csv", []byte(csv), "")
	report := admin.expect("接受 1 行")
	if !strings.Contains(report.Text, "第 3 行 李四：没有叫「第九支部」的单位") {
		t.Fatalf("report: %q", report.Text)
	}
	doc := waitMessage(t, emu, adminID, func(m tgemu.Message) bool {
		return m.Document != nil && strings.Contains(m.Document.FileName, "未接受的行")
	})
	if data, _ := emu.FileData(doc.Document.FileID); !bytes.HasPrefix(data, []byte("PK")) {
		t.Errorf("the rejected rows are not an XLSX")
	}

	admin.send("/invite 东城街道第一党支部 链接")
	link := admin.expect("加入链接（多人可用")
	code := regexp.MustCompile(`start=([a-z0-9]+)`).FindStringSubmatch(link.Text)
	if code == nil {
		t.Fatalf("no link in %q", link.Text)
	}
	admin.press("🖼 二维码海报")
	poster := waitMessage(t, emu, adminID, func(m tgemu.Message) bool {
		return m.Document != nil && strings.HasSuffix(m.Document.FileName, "A4.png")
	})
	if data, _ := emu.FileData(poster.Document.FileID); !bytes.HasPrefix(data, []byte("\x89PNG")) {
		t.Errorf("the A4 poster is not a PNG")
	}
	waitMessage(t, emu, adminID, func(m tgemu.Message) bool { return len(m.Photo) > 0 })

	zhang := newPerson(t, emu, 2, "张三")
	zhang.send("/start " + code[1])
	zhang.expect("发送我的手机号")
	emu.ShareContact(zhang.u, "+8613800000002", zhang.u.ID)
	if m := zhang.expect("名单上有您"); !strings.Contains(m.Text, "职务：宣传委员") {
		t.Fatalf("match: %q", m.Text)
	}
	zhang.press("✅ 确认")
	zhang.expect("加入成功！张三")
	ev := sk.waitFor(t, "sibu.member.joined", nil)
	data := ev["data"].(map[string]any)
	if ref, _ := data["ref"].(string); !strings.HasPrefix(ref, "roster:") || strings.Contains(string(mustJSON(ev)), "13800000002") {
		t.Fatalf("joined event: %v", ev)
	}
	admin.send("/roster")
	if m := admin.expect("名单与加入情况"); !strings.Contains(m.Text, "已加入 1") {
		t.Fatalf("/roster: %q", m.Text)
	}
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}
