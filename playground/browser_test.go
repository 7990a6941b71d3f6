package playground_test

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"sibu/app"
	"sibu/config"
)

var update = flag.Bool("update", false, "write the README screenshot docs/playground.png")

// chromium finds the system's Chromium (the Debian package); a browser is
// never downloaded. SIBU_CHROMIUM names another binary.
func chromium() (string, string) {
	if p := os.Getenv("SIBU_CHROMIUM"); p != "" {
		return p, ""
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, ""
		}
	}
	return "", "Chromium is not installed (Debian package chromium, /usr/bin/chromium): " +
		"./scripts/test.sh installs it when run as root; otherwise apt-get install chromium"
}

// startPlayground runs the whole bot in playground mode on a free loopback
// port and returns the page's URL.
func startPlayground(t *testing.T) string {
	t.Helper()
	cfg, err := config.Load("../config.example.yaml", func(string) (string, bool) { return "", false })
	if err != nil {
		t.Fatal(err)
	}
	cfg.Records.URL = "file://" + filepath.Join(t.TempDir(), "records.jsonl")
	// One person plays every role within minutes here: the phone's UI is
	// under test, not the attention budget (its own tests: storage, bot,
	// scheduler), which would fold the secretary's fourth push of the day.
	cfg.Attention.DailyPushes = 50
	ctx, cancel := context.WithCancel(context.Background())
	urls := make(chan string, 1)
	done := make(chan error, 1)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	go func() {
		done <- app.RunPlayground(ctx, cfg, log, app.PlaygroundOptions{Listen: "127.0.0.1:0", Ready: func(u string) { urls <- u }})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("playground: %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Error("playground did not stop")
		}
	})
	select {
	case u := <-urls:
		return u
	case err := <-done:
		t.Fatalf("playground did not start: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("playground did not start in 20s")
	}
	return ""
}

// TestBrowserDemoSurvey plays the demo in headless Chromium: the official
// opens the demo questionnaire by typing, the member answers it by tapping
// buttons and typing, and the official's /status (from the command menu)
// shows the counts change.
func TestBrowserDemoSurvey(t *testing.T) {
	exe, why := chromium()
	if exe == "" {
		t.Skip("browser test skipped: " + why)
	}
	base := startPlayground(t)
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
		chromedp.Flag("hide-scrollbars", true), chromedp.WindowSize(420, 860),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	ctx, cancel := context.WithTimeout(bctx, 50*time.Second)
	defer cancel()

	step := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			shot(t, ctx, filepath.Join(shots, "failed.png"))
			texts, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#messages .msg')].map(m => m.innerText).slice(-6)`))
			t.Fatalf("%s: %v\nlast messages on the page:\n%s\n(screenshot in %s)", name, err, strings.Join(texts, "\n---\n"), shots)
		}
	}

	step("open the page as the official", chromedp.EmulateViewport(420, 860), chromedp.Navigate(base+"/#10001"),
		waitJS(`document.querySelectorAll('#messages .msg').length >= 2`))
	step("type /survey open demo", typeAndSend("/survey open demo"), waitBubble("已发放给"))
	step("type /status", typeAndSend("/status"), waitBubble("已提交 0"))

	step("the member has an unread push", chromedp.Click(chromedp.CSS("#back")),
		waitJS(`!!document.querySelector('[data-unread="10003"]')`))
	step("switch to the member", chromedp.Click(chromedp.CSS(`li[data-person="10003"]`)), waitBubble("问卷邀请"))
	step("start", tap("开始填写"), waitBubble("第 1/4 题"))
	step("q1", tap("满意"), waitBubble("第 2/4 题"))
	step("q2 toggle", tap("服务群众"), waitJS(buttonJS("✅ 服务群众", false)))
	if *update {
		shot(t, ctx, filepath.Join("..", "docs", "playground.png"))
	}
	step("q2 done", tap("完成"), waitBubble("第 3/4 题"))
	step("q3", tap("5"), waitBubble("第 4/4 题"))
	step("q4 typed", typeAndSend("希望多下基层走访。"), waitBubble("请核对您的回答"))
	step("submit", tap("✅ 提交"), waitBubble("已提交"))
	shot(t, ctx, filepath.Join(shots, "member.png"))

	step("switch to the official", chromedp.Click(chromedp.CSS("#back")),
		chromedp.Click(chromedp.CSS(`li[data-person="10001"]`)), waitBubble("已发放给"))
	step("/status from the command menu", chromedp.Click(chromedp.CSS("#menu-btn")),
		chromedp.Click(chromedp.CSS(`.cmd[data-cmd="status"]`)), waitBubble("已提交 1"))
	status, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('#messages .bubble')].map(b => b.innerText).filter(t => t.includes('工作概况')).pop()`))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"已提交 1", "回收率", "满意率 100.0%"} {
		if !strings.Contains(status, want) {
			t.Errorf("/status lacks %q:\n%s", want, status)
		}
	}
	shot(t, ctx, filepath.Join(shots, "official.png"))

	before, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#clock-label")))
	if err != nil {
		t.Fatal(err)
	}
	step("advance the demo clock one day", chromedp.Click(chromedp.CSS(`[data-advance="24h"]`)),
		waitJS(fmt.Sprintf(`document.querySelector('#clock-label').textContent !== %q`, before)))
	shot(t, ctx, filepath.Join(shots, "clock.png"))
	t.Logf("screenshots in %s", shots)
}

// waitJS waits until expr is true in the page.
func waitJS(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(15*time.Second), chromedp.WithPollingInterval(50*time.Millisecond))
}

// waitBubble waits for a message bubble containing text.
func waitBubble(text string) chromedp.Action[chromedp.Void] {
	return waitJS(fmt.Sprintf(`[...document.querySelectorAll('#messages .bubble')].some(b => b.textContent.includes(%q))`, text))
}

// buttonJS finds the newest inline button labelled exactly text (and
// clicks it with click) and evaluates to whether there was one.
func buttonJS(text string, click bool) string {
	return fmt.Sprintf(`(() => {
		const bs = [...document.querySelectorAll('#messages .ikb button')].filter(b => b.textContent.trim() === %q);
		const b = bs.pop();
		if (b && %t) b.click();
		return !!b;
	})()`, text, click)
}

// tap taps the newest inline button labelled text, waiting for it to appear.
func tap(text string) chromedp.Action[chromedp.Void] {
	return waitJS(buttonJS(text, true))
}

// typeAndSend types text into the composer and sends it.
func typeAndSend(text string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.SetValue(chromedp.CSS("#input"), text),
		chromedp.Click(chromedp.CSS("#send")),
	)
}

func shot(t *testing.T, ctx context.Context, path string) {
	chromedp.Do(ctx, chromedp.Sleep(200*time.Millisecond))
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Logf("screenshot %s: %v", path, err)
		return
	}
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Logf("screenshot %s: %v", path, err)
	}
}
