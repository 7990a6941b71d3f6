package playground_test

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// phoneWidth is the narrowest phone the page is made for.
const phoneWidth, phoneHeight = 360, 740

// TestBrowserPhone plays the playground at phone width in headless
// Chromium: the newcomer's empty chat shows the bot's description and 开始;
// the demo bar and header fit; a reply keyboard leaves the prompt in view;
// a member declares commitments, the branch secretary finds them in her
// /start to-do and approves them, and an old review button says what
// happened; the member reports progress with a photo picked through 📎 and
// completion with the sample voice note, which the secretary can play; the
// newcomer joins by an invite link and is labelled by role; and a week on,
// the person list shows dates for old messages. With -update it writes the
// README's phone-width screenshot, docs/playground-phone.png (emoji show
// with Debian's fonts-noto-color-emoji installed).
func TestBrowserPhone(t *testing.T) {
	if exe, why := chromium(); exe == "" {
		t.Skip("browser test skipped: " + why)
	}
	base := startPlayground(t) // first, so that it stops after the browser (cleanups run last first)
	p := newPhone(t)
	p.newcomerChat(base)
	p.replyKeyboard()
	p.commitmentsReviewed()
	p.evidence(writeTestPhoto(t))
	p.joinAndWeekOn()
	t.Logf("screenshots in %s", p.shots)
}

// newcomerChat: the newcomer's empty chat shows the bot's description and
// 开始, and the demo bar and header fit.
func (p phone) newcomerChat(base string) {
	p.step("the newcomer's empty chat shows the bot's description", chromedp.EmulateViewport(phoneWidth, phoneHeight),
		chromedp.Navigate(base+"/#10099"), waitJS(`!!document.querySelector('.intro') && document.querySelector('.intro').textContent.includes('四步')`),
		waitJS(`!document.querySelector('#start-bar').hidden && document.querySelector('#composer').hidden`))
	p.step("the demo bar and the header fit at 360 px", waitJS(fitsJS))
	p.shot("phone-newcomer.png")
	p.step("开始 starts the chat", chromedp.Click(chromedp.CSS("#start-btn")), waitJS(`document.querySelectorAll('#messages .msg.in').length >= 1`),
		waitJS(`!document.querySelector('#composer').hidden`))
}

// replyKeyboard: a reply keyboard leaves the prompt above it in view.
func (p phone) replyKeyboard() {
	p.switchTo(10001, "李明")
	p.step("open the talk round", typeAndSend("/talks"), tap("▶ 开启「换届前谈心谈话」"), waitBubble("已开启"))
	p.switchTo(10003, "张三")
	p.step("ask for a phone talk", tap("无法参加，改为电话约谈"), waitJS(`!document.querySelector('#reply-kb').hidden`),
		waitJS(lastBubbleInViewJS))
	p.shot("phone-reply-keyboard.png")
	p.step("leave the booking", typeAndSend("/cancel"), waitJS(`document.querySelector('#reply-kb').hidden`))
}

// commitmentsReviewed: 张三 declares two items; 赵丽 finds them in her
// /start to-do and approves them, and an old review button says what
// became of it; 李明 approves the second level.
func (p phone) commitmentsReviewed() {
	p.step("/promise", typeAndSend("/promise"), waitBubble("第 1 项 · 请发送承诺内容"))
	declare := func(n int, content, measures, deadline string) {
		p.step(fmt.Sprintf("item %d", n), typeAndSend(content), waitBubble(fmt.Sprintf("第 %d 项 · 请发送落实措施", n)),
			typeAndSend(measures), waitBubble(fmt.Sprintf("第 %d 项 · 完成时限", n)),
			typeAndSend(deadline), tap("✅ 确认"), waitBubble(fmt.Sprintf("第 %d 项 · 意见来源", n)), tap("跳过"),
			waitBubble(fmt.Sprintf("已填写 %d 项承诺", n)))
	}
	declare(1, "为辖区孤寡老人每月上门服务一次", "每月第一个周六上门", "明天")
	p.step("another item", tap("➕ 再加一项"), waitBubble("第 2 项 · 请发送承诺内容"))
	declare(2, "帮助小区加装路灯", "向街道反映并跟进施工", "下周五")
	p.step("submit", tap("✅ 提交审核"), waitBubble("等待审核"))

	p.switchTo(10002, "赵丽")
	p.step("/start shows the to-do", typeAndSend("/start"), waitBubble("待审承诺 2 项"))
	p.step("the to-do's button", tap("审核承诺"), waitBubble("待您审核的承诺事项共 2 项"))
	p.step("approve the first", tap("✅ 通过"), waitJS(countJS("第 1 级已通过", 1)))
	p.step("approve the second", tap("✅ 通过"), waitJS(countJS("第 1 级已通过", 2)))
	p.step("an old button says what happened", tap("✅ 通过"),
		waitJS(`!document.querySelector('#modal').hidden && document.querySelector('#modal-text').textContent.includes('已经处理过了')`))
	p.shot("phone-stale-button.png")
	p.step("close the notice", chromedp.Click(chromedp.CSS("#modal-actions button")), waitJS(`document.querySelector('#modal').hidden`))

	p.switchTo(10001, "李明")
	p.step("second level", tap("✅ 通过"), waitJS(countJS("已审核通过", 1)), tap("✅ 通过"), waitJS(countJS("已审核通过", 2)))
}

// evidence: 张三 reports progress with a photo picked through 📎 and
// completion with the sample photo and voice note, which 赵丽 can play.
func (p phone) evidence(photo string) {
	p.switchTo(10003, "张三")
	p.step("/progress", typeAndSend("/progress"), tapPrefix("1. 为辖区孤寡老人每月上门服务一次"), waitBubble("请发送履诺进展"))
	p.step("📎 opens its menu", chromedp.Click(chromedp.CSS("#attach-btn")), chromedp.WaitVisible(chromedp.CSS("#attach-menu")))
	p.shot("phone-attach-menu.png")
	p.step("pick a photo, with the input as its caption", chromedp.SetValue(chromedp.CSS("#input"), "走访照片"),
		chromedp.Click(chromedp.CSS(`[data-attach="photo-pick"]`)), chromedp.SetUploadFiles(chromedp.CSS("#pick-photo"), []string{photo}),
		waitJS(`[...document.querySelectorAll('#messages .msg.out img.photo')].some(i => i.complete && i.naturalWidth === 1280)`),
		waitJS(repliedAfterJS("img.photo", "已附佐证材料")), waitJS(`document.querySelector('#input').value === ''`))
	p.step("the photo's caption", waitJS(`[...document.querySelectorAll('#messages .msg.out')].pop().textContent.includes('走访照片')`))
	p.shot("phone-evidence.png")
	p.step("save the entry", tap("50%"), waitBubble("已记录「为辖区孤寡老人每月上门服务一次」的履诺记实"))

	p.step("/done", typeAndSend("/done"), waitJS(countJS("请选择承诺事项", 2)), // not /progress's list, still live
		tapPrefix("2. 帮助小区加装路灯"), waitBubble("请发送完成情况说明"))
	p.step("the sample photo, captioned", chromedp.SetValue(chromedp.CSS("#input"), "路灯已装好"),
		chromedp.Click(chromedp.CSS("#attach-btn")), chromedp.Click(chromedp.CSS(`[data-attach="photo-sample"]`)),
		waitJS(`[...document.querySelectorAll('#messages .msg.out img.photo')].some(i => i.complete && i.naturalWidth === 960)`),
		waitJS(repliedAfterJS("img.photo", "路灯已装好")))
	if *update {
		shot(p.t, p.ctx, filepath.Join("..", "docs", "playground-phone.png"))
	}
	p.step("the sample voice note", chromedp.Click(chromedp.CSS("#attach-btn")), chromedp.Click(chromedp.CSS(`[data-attach="voice-sample"]`)),
		waitJS(`[...document.querySelectorAll('#messages .msg.out .voice-len')].some(l => l.textContent === '0:06')`),
		waitJS(repliedAfterJS(".voice", "已附佐证材料")))
	p.shot("phone-done.png")
	p.step("report it done", tap("✅ 确认已完成"), waitBubble("等待考核评价"))

	p.switchTo(10002, "赵丽")
	p.step("the secretary gets the voice note and plays it", waitBubble("报告承诺「帮助小区加装路灯」已完成"),
		waitJS(`!!document.querySelector('#messages .msg.in .voice')`),
		chromedp.Click(chromedp.CSS("#messages .msg.in .voice .voice-play")),
		waitJS(`[...document.querySelectorAll('#messages .msg.in .voice-play')].some(b => b.textContent === '❚❚')`))
	p.shot("phone-voice.png")
}

// joinAndWeekOn: the newcomer joins by pasting an invite link and the list labels
// them by role; a week on, it dates old messages.
func (p phone) joinAndWeekOn() {
	p.switchTo(10001, "李明")
	p.step("an invite link", typeAndSend("/invite 东城街道第一党支部 成员"), waitBubble("邀请链接"))
	link, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('#messages .bubble a')].map(a => a.href).filter(h => h.includes('?start=')).pop()`))
	if err != nil || link == "" {
		p.t.Fatalf("no invite link: %v", err)
	}
	p.switchTo(10099, "新访客")
	p.step("paste the link", typeAndSend(link), waitBubble("真实姓名"))
	p.step("give a name and confirm", typeAndSend("王五"), tap("✅ 确认"), waitBubble("加入成功"))
	p.step("the list labels the newcomer by role", chromedp.Click(chromedp.CSS("#back")),
		waitJS(`document.querySelector('li[data-person="10099"] .role').textContent === '成员'`),
		waitJS(`document.querySelector('li[data-person="10099"] .sub').textContent.includes('东城街道第一党支部')`))

	// A week of scheduled jobs (some every 5 minutes: 2,016 activations)
	// runs before the clock answers: ~7 s without -race, over two minutes
	// under -race on two cores busy with the rest of the suite (CI).
	p.step("a week on, old messages show their date", chromedp.Click(chromedp.CSS(`[data-advance="168h"]`)),
		chromedp.Poll[chromedp.Void](`/月|周/.test(document.querySelector('li[data-person="10006"] .time').textContent)`,
			chromedp.WithPollingTimeout(6*time.Minute), chromedp.WithPollingInterval(100*time.Millisecond)),
		waitJS(fitsJS))
	p.shot("phone-people.png")
}

// fitsJS is true when nothing of the demo bar and the header is cut or
// sticks out of the window.
const fitsJS = `(() => {
	const cut = (sel) => { const e = document.querySelector(sel); return !!e && e.offsetParent !== null && e.scrollWidth > e.clientWidth; };
	const inside = [...document.querySelectorAll('.demobar > *, #chat-view:not([hidden]) .topbar > *')].every(e => e.getBoundingClientRect().right <= innerWidth);
	return !cut('#clock-label') && !cut('#bot-name') && inside && document.documentElement.scrollWidth <= innerWidth;
})()`

// lastBubbleInViewJS is true when the newest message is wholly in the
// visible part of the chat.
const lastBubbleInViewJS = `(() => {
	const box = document.querySelector('#messages').getBoundingClientRect();
	const last = [...document.querySelectorAll('#messages .msg')].pop().getBoundingClientRect();
	return last.top >= box.top && last.bottom <= box.bottom + 1;
})()`

// tapPrefix taps the newest inline button whose label starts with prefix
// (an item's button ends with its deadline).
func tapPrefix(prefix string) chromedp.Action[chromedp.Void] {
	return waitJS(fmt.Sprintf(`(() => {
		const b = [...document.querySelectorAll('#messages .ikb button')].filter(b => b.textContent.trim().startsWith(%q)).pop();
		if (b) b.click();
		return !!b;
	})()`, prefix))
}

// repliedAfterJS is true when the bot answered the person's newest message
// holding sel (a photo, a voice note) with a message containing text.
func repliedAfterJS(sel, text string) string {
	return fmt.Sprintf(`(() => {
		const ms = [...document.querySelectorAll('#messages .msg')];
		const i = ms.findLastIndex(m => m.matches('.out') && m.querySelector(%q));
		return i >= 0 && ms.slice(i + 1).some(m => m.matches('.in') && m.textContent.includes(%q));
	})()`, sel, text)
}

// countJS is true when at least n bubbles contain text.
func countJS(text string, n int) string {
	return fmt.Sprintf(`[...document.querySelectorAll('#messages .bubble')].filter(b => b.textContent.includes(%q)).length >= %d`, text, n)
}

// phone is headless Chromium at phone size, playing the demo.
type phone struct {
	t     *testing.T
	ctx   context.Context
	shots string // the screenshots' folder
}

// newPhone starts headless Chromium at phone size.
func newPhone(t *testing.T) phone {
	t.Helper()
	exe, why := chromium()
	if exe == "" {
		t.Skip("browser test skipped: " + why)
	}
	shots := os.Getenv("SIBU_ARTIFACTS")
	if shots == "" {
		shots = filepath.Join(os.TempDir(), "sibu-playground-screenshots")
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe), chromedp.UserDataDir(t.TempDir()),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true), chromedp.Flag("autoplay-policy", "no-user-gesture-required"),
		chromedp.WindowSize(phoneWidth, phoneHeight),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(cancelBrowser)
	// Generous: a week's advance under -race on a busy CI machine takes
	// minutes (see joinAndWeekOn); a stuck step still fails, with its page.
	ctx, cancel := context.WithTimeout(bctx, 8*time.Minute)
	t.Cleanup(cancel)
	return phone{t: t, ctx: ctx, shots: shots}
}

// step runs actions; on failure it fails the test with the page's last
// messages and a screenshot.
func (p phone) step(name string, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, actions...); err != nil {
		p.shot("failed.png")
		texts, _ := chromedp.Run(p.ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#messages .msg')].map(m => m.innerText).slice(-6)`))
		p.t.Fatalf("%s: %v\nlast messages on the page:\n%s\n(screenshot in %s)", name, err, strings.Join(texts, "\n---\n"), p.shots)
	}
}

// shot saves a screenshot in the screenshots' folder.
func (p phone) shot(name string) {
	shot(p.t, p.ctx, filepath.Join(p.shots, name))
}

// switchTo opens a demo person's chat through the person list.
func (p phone) switchTo(id int64, name string) {
	p.t.Helper()
	// The list is redrawn as messages arrive: find and click its row in one go.
	p.step("switch to "+name, chromedp.Click(chromedp.CSS("#back")),
		waitJS(fmt.Sprintf(`(() => { const li = document.querySelector('li[data-person="%d"]'); if (li) li.click(); return !!li; })()`, id)),
		waitJS(fmt.Sprintf(`document.querySelector('#me-name').textContent === %q && !document.querySelector('#chat-view').hidden`, name)))
}

// writeTestPhoto writes a 1600×1200 PNG, as a phone's photo would be
// picked, and returns its path.
func writeTestPhoto(t *testing.T) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 1600, 1200))
	for y := range 1200 {
		for x := range 1600 {
			img.SetRGBA(x, y, color.RGBA{uint8(x / 7), uint8(y / 5), 160, 255})
		}
	}
	path := filepath.Join(t.TempDir(), "走访.png")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	return path
}
