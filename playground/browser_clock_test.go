package playground_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserClockWeek books a phone talk two days ahead in the demo, then
// advances the clock a week with +1周: the member's day-before reminder is
// stamped 10:00 the day before and the hour-before one 14:00 on the day,
// the interviewer's "15 分钟后电话约谈" 14:45 — before the call, not at
// the time the advance ended — and the outcome question 15:20, each in the
// order it fell due.
func TestBrowserClockWeek(t *testing.T) {
	if exe, why := chromium(); exe == "" {
		t.Skip("browser test skipped: " + why)
	}
	base := startPlayground(t)
	p := newPhone(t)
	p.step("open the page", chromedp.EmulateViewport(phoneWidth, phoneHeight), chromedp.Navigate(base+"/#10001"),
		waitJS(`!!S.clock`))
	p.switchTo(10001, "李明")
	p.step("open the talk round", typeAndSend("/talks"), tap("▶ 开启「换届前谈心谈话」"), waitBubble("已开启"))

	now, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](`S.clock.now`))
	if err != nil {
		t.Fatal(err)
	}
	demo, err := time.Parse(time.RFC3339Nano, now)
	if err != nil {
		t.Fatalf("demo clock %q: %v", now, err)
	}
	cst := time.FixedZone("CST", 8*3600)
	day := demo.In(cst).AddDate(0, 0, 2)
	proposal := fmt.Sprintf("%d月%d日 15:00", day.Month(), day.Day())

	p.switchTo(10003, "张三")
	p.step("ask for a phone talk", tap("无法参加，改为电话约谈"), waitBubble("请提供接听电话约谈的号码"))
	p.step("type the number", typeAndSend("138 0001 0003"), waitBubble("请选择通话时段"))
	p.step("propose a time two days ahead", tap("其他时间…"), waitBubble("请输入您方便的时间"),
		typeAndSend(proposal), waitBubble("请确认"), tap("✅ 确认"), waitBubble("已提交"))
	p.switchTo(10002, "赵丽")
	p.step("the interviewer accepts", tap("✅ 同意该时间"), waitBubble("已接受"))

	started := time.Now()
	p.step("a week on", chromedp.Click(chromedp.CSS(`[data-advance="168h"]`)),
		chromedp.Poll[chromedp.Void](`!document.querySelector('[data-advance="168h"]').disabled && document.querySelector('#toast') !== null`,
			chromedp.WithPollingTimeout(6*time.Minute), chromedp.WithPollingInterval(200*time.Millisecond)),
		chromedp.Poll[chromedp.Void](`S.clock.now > `+fmt.Sprintf("%q", day.AddDate(0, 0, 4).UTC().Format(time.RFC3339)),
			chromedp.WithPollingTimeout(6*time.Minute), chromedp.WithPollingInterval(200*time.Millisecond)))
	t.Logf("+1周 took %v", time.Since(started).Round(time.Millisecond))
	p.switchTo(10002, "赵丽")
	p.step("the interviewer's reminder and outcome question", waitBubble("15 分钟后电话约谈"), waitBubble("结果如何"))
	p.shot("clock-interviewer.png")
	p.stamps([]string{"15 分钟后电话约谈", "结果如何"}, []string{"14:45", "15:20"})
	p.switchTo(10003, "张三")
	p.step("the member's reminders", waitBubble("电话约谈提醒"), waitBubble("电话约谈快开始了"))
	p.shot("clock-member.png")
	p.stamps([]string{"电话约谈提醒", "电话约谈快开始了"}, []string{"10:00", "14:00"})
}

// stamps checks the open chat: the bubbles holding texts come in that
// order, each shown at the time in want (HH:MM), once each.
func (p phone) stamps(texts, want []string) {
	p.t.Helper()
	rows, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#messages .msg.in .bubble')].map(b =>
		b.querySelector('.meta').textContent.replace('已编辑', '') + '|' + b.textContent)`))
	if err != nil {
		p.t.Fatal(err)
	}
	last := -1
	for i, text := range texts {
		var at []int
		for j, r := range rows {
			if strings.Contains(r, text) {
				at = append(at, j)
			}
		}
		if len(at) != 1 {
			p.t.Errorf("%q shown %d times, want once", text, len(at))
			continue
		}
		stamp, _, _ := strings.Cut(rows[at[0]], "|")
		if stamp != want[i] {
			p.t.Errorf("%q stamped %s, want %s (when it fell due)", text, stamp, want[i])
		}
		if at[0] < last {
			p.t.Errorf("%q shown before the message that fell due before it", text)
		}
		last = at[0]
	}
}
