package chaos

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"sibu/tgemu"
)

var startCode = regexp.MustCompile(`start=([a-z0-9]+)`)

// person plays one user against the emulator. Its steps return an error
// instead of failing the test: people run in goroutines, and the test
// counts who got stuck where.
type person struct {
	emu  *tgemu.Server
	u    tgemu.User
	seen int // highest message id already consumed
	wait time.Duration

	submitted bool // answered the questionnaire and saw 已提交
}

func newPerson(emu *tgemu.Server, id int64, name string, wait time.Duration) *person {
	return &person{emu: emu, u: tgemu.User{ID: id, FirstName: name, LanguageCode: "zh-hans"}, wait: wait}
}

func (p *person) send(text string) {
	upd := p.emu.SendText(p.u, text)
	if upd.Message != nil {
		p.seen = max(p.seen, upd.Message.ID)
	}
}

// expect waits for a new bot message containing want.
func (p *person) expect(want string) (tgemu.Message, error) {
	ctx, cancel := context.WithTimeout(context.Background(), p.wait)
	defer cancel()
	m, err := p.emu.WaitFor(ctx, p.u.ID, func(m tgemu.Message) bool {
		return m.FromBot && m.ID > p.seen && strings.Contains(m.Text, want)
	})
	if err != nil {
		return m, fmt.Errorf("user %d: no message containing %q within %v", p.u.ID, want, p.wait)
	}
	p.seen = m.ID
	return m, nil
}

// button finds the newest bot message's button labelled text.
func (p *person) button(text string) (int, string, bool) {
	return p.emu.Button(p.u.ID, text)
}

// press taps the button labelled text once it is there.
func (p *person) press(text string) error {
	for deadline := time.Now().Add(p.wait); ; time.Sleep(20 * time.Millisecond) {
		if id, data, ok := p.button(text); ok {
			p.emu.Press(p.u, p.u.ID, id, data)
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("user %d: no button %q within %v", p.u.ID, text, p.wait)
		}
	}
}

// script runs steps in order: a string "> text" sends text, "! label"
// presses a button, "? label" waits for a button (a keyboard edited in
// place), anything else waits for a new message containing it.
func (p *person) script(steps ...string) error {
	for _, s := range steps {
		var err error
		switch {
		case strings.HasPrefix(s, "> "):
			p.send(s[2:])
		case strings.HasPrefix(s, "! "):
			err = p.press(s[2:])
		case strings.HasPrefix(s, "? "):
			err = p.waitButton(s[2:])
		default:
			_, err = p.expect(s)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (p *person) waitButton(text string) error {
	for deadline := time.Now().Add(p.wait); ; time.Sleep(20 * time.Millisecond) {
		if _, _, ok := p.button(text); ok {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("user %d: button %q never shown", p.u.ID, text)
		}
	}
}

// join: /start with the code, the real name, ✅ 确认.
func (p *person) join(code string) error {
	return p.script("> /start "+code, "请发送您的真实姓名", "> "+p.u.FirstName, "请确认您的姓名", "! ✅ 确认", "加入成功")
}

// answerSurvey answers the demo questionnaire from its invitation.
func (p *person) answerSurvey() error {
	err := p.script("! 开始填写", "第 1/4 题", "! 满意", "第 2/4 题", "! 服务群众", "? ✅ 服务群众", "! 完成",
		"第 3/4 题", "! 5", "第 4/4 题", fmt.Sprintf("> 第%d号的意见：希望多下基层走访。", p.u.ID), "请核对您的回答", "! ✅ 提交", "已提交")
	p.submitted = err == nil
	return err
}

// declareBurst declares two commitments (2–5 a year), the first sending its content, measures and
// deadline at once: the replies must come in that order, each to its own
// line (per-chat order across replicas), or the flow would go astray.
func (p *person) declareBurst() error {
	if err := p.script("> /promise", "请发送承诺内容"); err != nil {
		return err
	}
	seen := p.seen // a reply may come before the next line is sent
	p.send(fmt.Sprintf("第%d号承诺：为辖区孤寡老人每月上门服务一次", p.u.ID))
	p.send("每月第一个周六上门，建立服务台帐")
	p.send("1个月后")
	p.seen = seen
	if err := p.script("请发送落实措施", "完成时限", "确认吗"); err != nil {
		return fmt.Errorf("%w (replies out of order?)", err)
	}
	return p.script("! ✅ 确认", "意见来源", "! 跳过", "已填写 1 项承诺", "! ➕ 再加一项", "第 2 项", "> 帮助小区加装路灯",
		"请发送落实措施", "> 向街道反映并跟进施工", "完成时限", "> 2个月后", "确认吗", "! ✅ 确认", "意见来源", "! 跳过",
		"已填写 2 项承诺", "! ✅ 提交审核", "等待审核")
}

// approve has the person press n "✅ 通过" one after another, each once
// the review message before it lost its buttons; when the day's pushes
// are spent the requests wait in /review.
func (p *person) approve(n int) error {
	for i := range n {
		id, asked := 0, false
		deadline := time.Now().Add(p.wait)
		for ok := false; !ok; time.Sleep(20 * time.Millisecond) {
			if id, _, ok = p.button("✅ 通过"); !ok && !asked {
				p.send("/review")
				asked = true
			}
			if !ok && time.Now().After(deadline) {
				return fmt.Errorf("user %d: review %d of %d never arrived", p.u.ID, i+1, n)
			}
		}
		if err := p.press("✅ 通过"); err != nil {
			return err
		}
		for {
			if got, _, ok := p.button("✅ 通过"); !ok || got != id {
				break
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("user %d: review message %d kept its buttons", p.u.ID, id)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	return nil
}
