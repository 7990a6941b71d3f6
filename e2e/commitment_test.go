package e2e

import (
	"testing"
	"time"

	"sibu/internal/redistest"
)

// approveAll presses every "✅ 通过" the person has, one at a time, waiting
// for each review message to lose its buttons before the next.
func approveAll(t *testing.T, p *person, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		id, _, ok := 0, "", false
		deadline := time.Now().Add(15 * time.Second)
		asked := false
		for !ok && time.Now().Before(deadline) {
			id, _, ok = p.button("✅ 通过")
			if !ok && !asked && time.Until(deadline) < 10*time.Second {
				// The day's pushes are spent (attention.daily_pushes): the
				// request folds into tomorrow's digest; /review lists it now.
				p.send("/review")
				asked = true
			}
			time.Sleep(10 * time.Millisecond)
		}
		if !ok {
			t.Fatalf("user %d: review %d of %d never arrived", p.u.ID, i+1, n)
		}
		p.press("✅ 通过")
		for {
			if got, _, ok := p.button("✅ 通过"); !ok || got != id {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("user %d: review message %d kept its buttons", p.u.ID, id)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
}

// TestCommitmentEndToEnd drives 定·审·履 and the 台帐 export through the built
// binary: a member declares two items, the branch secretary and then the
// committee (the configured admin) approve them, the member records
// progress with a photo, and the official exports the ledger.
func TestCommitmentEndToEnd(t *testing.T) {
	emu := newEmu(t)
	rs := redistest.NewServer(t, false)
	sk := newSink(t)
	startInDaytime(t, env(emu, rs.URL(), sk.srv.URL))

	admin := newPerson(t, emu, adminID, "组织部")
	sec := newPerson(t, emu, 2, "王书记")
	member := newPerson(t, emu, 3, "张三")

	admin.send("/invite dc-b1 supervisor")
	code := startCode.FindStringSubmatch(admin.expect("https://t.me/sibu_demo_bot?start=").Text)[1]
	sec.send("/start " + code)
	sec.expect("请发送您的真实姓名")
	sec.send("王书记")
	sec.expect("请确认您的姓名")
	sec.press("✅ 确认")
	sec.expect("加入成功")
	admin.send("/invite dc-b1")
	code = startCode.FindStringSubmatch(admin.expect("https://t.me/sibu_demo_bot?start=").Text)[1]
	member.send("/start " + code)
	member.expect("请发送您的真实姓名")
	member.send("张三")
	member.expect("请确认您的姓名")
	member.press("✅ 确认")
	member.expect("加入成功")

	// 定
	member.send("/promise")
	member.expect("请发送承诺内容")
	member.send("为辖区孤寡老人每月上门服务一次")
	member.expect("请发送落实措施")
	member.send("每月第一个周六上门，建立服务台帐")
	member.expect("完成时限")
	member.send("1个月后")
	member.expect("确认吗")
	member.press("✅ 确认")
	member.expect("意见来源")
	member.press("意见箱")
	member.expect("已填写 1 项承诺")
	member.press("➕ 再加一项")
	member.expect("第 2 项")
	member.send("帮助小区加装路灯")
	member.expect("请发送落实措施")
	member.send("向街道反映并跟进施工")
	member.expect("完成时限")
	member.send("2个月后")
	member.expect("确认吗")
	member.press("✅ 确认")
	member.expect("意见来源")
	member.press("跳过")
	member.expect("已填写 2 项承诺")
	member.press("✅ 提交审核")
	member.expect("等待审核")
	sk.waitFor(t, "sibu.commitment.declared", nil)

	// 审: the branch, then the committee (the admin, nobody having joined above).
	approveAll(t, sec, 2)
	approveAll(t, admin, 2)
	member.expect("已审核通过") // and 公示 only where the unit has a group
	sk.waitFor(t, "sibu.commitment.approved", func(ev map[string]any) bool {
		return ev["data"].(map[string]any)["status"] == "active"
	})

	// 履
	member.send("/progress")
	member.expect("请选择承诺事项")
	id, data, ok := member.button("1. 为辖区孤寡老人每月上门服务一次（" + time.Now().In(cst()).AddDate(0, 1, 0).Format("2006-01-02") + "）")
	if !ok {
		t.Fatal("no item button in /progress")
	}
	emu.Press(member.u, member.u.ID, id, data)
	member.expect("履诺记实")
	emu.SendPhoto(member.u, tinyPNG, "走访照片")
	member.expect("完成进度约为")
	member.press("50%")
	ev := sk.waitFor(t, "sibu.commitment.progress", nil)
	if d := ev["data"].(map[string]any); d["percent"] != float64(50) || d["evidence"] == nil {
		t.Errorf("progress event data %v", d)
	}

	// 台账 and /status
	admin.send("/ledger")
	admin.expect("公开承诺台账：共 2 项")
	waitCalls(t, emu, "sendDocument", 1)
	admin.send("/status")
	admin.expect("公开承诺：已申报 2 项（待审核 0、被退回 0），审核通过 2 项")
}

func cst() *time.Location { return time.FixedZone("CST", 8*3600) }

// tinyPNG is a 1×1 PNG.
var tinyPNG = []byte{0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
	0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00,
	0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82}
