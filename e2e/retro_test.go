package e2e

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"sibu/internal/redistest"
	"sibu/tgemu"
)

// TestRetroByChatSendsItsDocument drives the built binary through a 复盘:
// the facilitator sets it up by buttons, a member answers the boxes in the
// method's order (pausing with /cancel and resuming where they were), the
// facilitator closes it and gets the 工作复盘模板 as a Word document, which
// the member collects from the push: both files have the four steps in
// order and the member's answers.
func TestRetroByChatSendsItsDocument(t *testing.T) {
	emu := newEmu(t)
	rs := redistest.NewServer(t, false)
	sk := newSink(t)
	startInDaytime(t, env(emu, rs.URL(), sk.srv.URL))

	admin := newPerson(t, emu, adminID, "组织部")
	zhang := newPerson(t, emu, 2, "张三")
	join(t, admin, zhang, "张三")

	admin.send("/retro new")
	admin.expect("复盘哪项工作")
	admin.send("换届调研工作")
	admin.expect("复盘的时间")
	admin.press("今天")
	admin.expect("复盘的地点")
	admin.send("党员活动室")
	admin.expect("请选择参加复盘的人员")
	admin.press("张三")
	admin.press("完成（已选 2 人）")
	admin.expect("请确认")
	admin.press("✅ 开始复盘")
	admin.expect("已开始")

	zhang.expect("邀请您参加复盘「换届调研工作」")
	zhang.press("✍️ 开始填写")
	zhang.expect("第 1/9 项")
	zhang.send("摸清干部群众的真实想法")
	zhang.expect("第 2/9 项")
	zhang.send("/cancel")
	zhang.expect("已填写的内容都保留着")
	zhang.press("✍️ 开始填写")
	zhang.expect("已填 1 / 9 项")
	zhang.send("谈话全覆盖")
	for i := 3; i <= 9; i++ {
		zhang.expect(fmt.Sprintf("第 %d/9 项", i))
		zhang.press("跳过此项")
	}
	zhang.expect("请核对")
	zhang.press("✅ 提交")
	zhang.expect("已提交")

	admin.send("/retro")
	admin.expect("您的复盘")
	admin.press("换届调研工作（进行中）")
	admin.expect("已提交 1 / 2 人")
	admin.press("🔒 结束复盘")
	admin.expect("结束复盘「换届调研工作」")
	admin.press("✅ 确定结束")
	checkRetroDOCX(t, emu, admin, "张三：摸清干部群众的真实想法", "张三：谈话全覆盖")

	zhang.expect("复盘报告已生成")
	zhang.press("📄 复盘报告")
	checkRetroDOCX(t, emu, zhang, "张三：谈话全覆盖")
}

// checkRetroDOCX waits for the 复盘's Word document in p's chat and reads
// it: the four steps in the method's order, and each of want.
func checkRetroDOCX(t *testing.T, emu *tgemu.Server, p *person, want ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 45*time.Second)
	defer cancel()
	m, err := emu.WaitFor(ctx, p.u.ID, func(m tgemu.Message) bool { return m.FromBot && m.ID > p.seen && m.Document != nil })
	if err != nil {
		t.Fatalf("user %d: no document: %v", p.u.ID, err)
	}
	p.seen = m.ID
	if !strings.HasSuffix(m.Document.FileName, ".docx") {
		t.Fatalf("document %q", m.Document.FileName)
	}
	data, ok := emu.FileData(m.Document.FileID)
	if !ok {
		t.Fatal("the document's bytes are not in the emulator")
	}
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a DOCX: %v", err)
	}
	var doc string
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			doc = string(b)
		}
	}
	last := -1
	for _, step := range []string{"一、回顾目标", "二、评估结果", "三、分析原因", "四、总结经验"} {
		i := strings.Index(doc, step)
		if i <= last {
			t.Fatalf("step %q at %d, after %d", step, i, last)
		}
		last = i
	}
	for _, w := range want {
		if !strings.Contains(doc, w) {
			t.Errorf("the document lacks %q", w)
		}
	}
}
