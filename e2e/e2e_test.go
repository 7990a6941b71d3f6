// Package e2e runs the built sibu binary against the Bot API emulator, a
// real redis-server and a records sink that checks signatures.
package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"sibu/internal/redistest"
	"sibu/tgemu"
)

var startCode = regexp.MustCompile(`start=([a-z0-9]+)`)

// join has the admin invite a new member who joins under name.
func join(t *testing.T, admin, m *person, name string) {
	t.Helper()
	admin.send("/invite")
	code := startCode.FindStringSubmatch(admin.expect("https://t.me/sibu_demo_bot?start=").Text)[1]
	m.send("/start " + code)
	m.expect("请发送您的真实姓名")
	m.send(name)
	m.expect("请确认您的姓名")
	m.press("✅ 确认")
	m.expect("加入成功")
}

func TestDemoSurveyEndToEnd(t *testing.T) {
	emu := newEmu(t)
	rs := redistest.NewServer(t, false)
	sk := newSink(t)
	startInDaytime(t, env(emu, rs.URL(), sk.srv.URL))

	admin := newPerson(t, emu, adminID, "组织部")
	member := newPerson(t, emu, 2, "张三")
	stranger := newPerson(t, emu, 3, "路人")

	stranger.send("/help")
	stranger.expect("邀请链接")
	join(t, admin, member, "张三")

	admin.send("/survey open demo")
	admin.expect("已发放给 1 人")
	member.expect("问卷邀请")
	member.press("开始填写")
	member.expect("第 1/4 题")
	member.press("满意")
	member.expect("第 2/4 题")
	member.press("服务群众")
	// The toggle edits the keyboard in place; wait for it before 完成.
	for deadline := time.Now().Add(10 * time.Second); ; {
		if _, _, ok := member.button("✅ 服务群众"); ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("multi-select toggle was not shown with ✅")
		}
		time.Sleep(10 * time.Millisecond)
	}
	member.press("完成")
	member.expect("第 3/4 题")
	member.press("5")
	member.expect("第 4/4 题")
	member.send("希望多下基层走访。")
	member.expect("请核对您的回答")
	upd := member.press("✅ 提交")
	member.expect("已提交")

	ev := sk.waitFor(t, "sibu.survey.response.submitted", nil)
	data := ev["data"].(map[string]any)
	answers := data["answers"].(map[string]any)
	if data["survey_id"] != "demo" || data["respondent"] != float64(2) || answers["overall"] != "满意" ||
		answers["score"] != float64(5) || fmt.Sprint(answers["strengths"]) != "[服务群众]" {
		t.Fatalf("records event = %v", ev)
	}
	sk.waitFor(t, "sibu.member.joined", nil)
	if a, ok := emu.CallbackAnswer(upd.CallbackQuery.ID); !ok || !a.Answered {
		t.Errorf("the 提交 press was not answered: %+v", a)
	}

	admin.send("/status")
	st := admin.expect("工作概况")
	for _, want := range []string{"已发放 1", "已提交 1", "回收率 100.0%", "满意率 100.0%"} {
		if !strings.Contains(st.Text, want) {
			t.Errorf("/status lacks %q:\n%s", want, st.Text)
		}
	}
	// /stats answers with the figures and a chart; /export with XLSX and CSV.
	admin.send("/stats demo")
	stats := admin.expect("回收率")
	for _, want := range []string{"已提交 1", "满意率 100.0%（满意 1 / 作答该题 1）", "服务群众 1（100.0%）"} {
		if !strings.Contains(stats.Text, want) {
			t.Errorf("/stats lacks %q:\n%s", want, stats.Text)
		}
	}
	photo := waitMessage(t, emu, adminID, func(m tgemu.Message) bool { return len(m.Photo) > 0 })
	if data, ok := emu.FileData(photo.Photo[len(photo.Photo)-1].FileID); !ok || !bytes.HasPrefix(data, []byte("\x89PNG")) {
		t.Errorf("the /stats chart is not a PNG")
	}
	admin.send("/export demo")
	admin.expect("正在导出")
	for _, ext := range []string{".xlsx", ".csv"} {
		doc := waitMessage(t, emu, adminID, func(m tgemu.Message) bool {
			return m.Document != nil && strings.HasSuffix(m.Document.FileName, ext)
		})
		data, _ := emu.FileData(doc.Document.FileID)
		if ext == ".csv" && !strings.Contains(string(data), "张三") {
			t.Errorf("CSV export lacks the named respondent:\n%s", data)
		}
		if ext == ".xlsx" && !bytes.HasPrefix(data, []byte("PK")) {
			t.Errorf("XLSX export is not a zip file")
		}
	}

	// A replayed 提交 changes nothing: still one response.
	emu.Press(member.u, member.u.ID, upd.CallbackQuery.Message.Message.ID, upd.CallbackQuery.Data)
	admin.send("/status")
	if st := admin.expect("工作概况"); !strings.Contains(st.Text, "已提交 1") {
		t.Errorf("replayed submit counted twice:\n%s", st.Text)
	}
	sk.mu.Lock()
	defer sk.mu.Unlock()
	if sk.bad != 0 {
		t.Errorf("%d records requests had bad signatures or headers", sk.bad)
	}
	if n := emu.CommandsFor(2, 2, ""); len(n) == 0 || n[0].Command != "surveys" {
		t.Errorf("member command menu = %v", n)
	}
}

// TestKill9LosesNothing kills the binary with SIGKILL during a burst of 300
// /help messages from 300 people, starts it again, and expects every person
// to get an answer.
func TestKill9LosesNothing(t *testing.T) {
	emu := newEmu(t)
	rs := redistest.NewServer(t, false)
	sk := newSink(t)
	e := env(emu, rs.URL(), sk.srv.URL)
	p := start(t, e)
	// Let it come up (its first getUpdates) before the burst.
	waitCalls(t, emu, "getUpdates", 1)

	const users = 300
	for i := 0; i < users; i++ {
		emu.SendText(tgemu.User{ID: int64(1000 + i), FirstName: "用户"}, "/help")
	}
	waitCalls(t, emu, "sendMessage", 20)
	p.kill()
	before := emu.Counts()["sendMessage"]
	start(t, e)

	deadline := time.Now().Add(90 * time.Second)
	var missing, dup int
	for {
		missing, dup = 0, 0
		for i := 0; i < users; i++ {
			switch n := len(emu.BotMessages(int64(1000 + i))); {
			case n == 0:
				missing++
			case n > 1:
				dup++
			}
		}
		if missing == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("kill -9 after %d of %d replies; after restart: %d people without a reply, %d answered twice (at-least-once replies)",
		before, users, missing, dup)
	if before >= users {
		t.Logf("note: every reply went out before the kill landed")
	}
	if missing != 0 {
		t.Fatalf("%d of %d people never got a reply after kill -9 and restart", missing, users)
	}
}

func waitCalls(t *testing.T, emu *tgemu.Server, method string, n int) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for emu.Counts()[method] < n {
		if time.Now().After(deadline) {
			t.Fatalf("fewer than %d %s calls", n, method)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestWebhookSecret(t *testing.T) {
	emu := newEmu(t)
	rs := redistest.NewServer(t, false)
	sk := newSink(t)
	e := env(emu, rs.URL(), sk.srv.URL)
	addr := freePort(t)
	e["SIBU_TELEGRAM_MODE"] = "webhook"
	e["SIBU_WEBHOOK_LISTEN"] = addr
	e["SIBU_WEBHOOK_SECRET"] = "right-secret_1-0123456789"
	start(t, e)
	url := "http://" + addr + "/telegram/webhook"

	post := func(secret string, upd any) int {
		body, _ := json.Marshal(upd)
		for deadline := time.Now().Add(20 * time.Second); ; {
			req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			if secret != "" {
				req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
			}
			resp, err := http.DefaultClient.Do(req)
			if err == nil {
				resp.Body.Close()
				return resp.StatusCode
			}
			if time.Now().After(deadline) {
				t.Fatalf("webhook not reachable: %v", err)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	intruder := tgemu.User{ID: 51, FirstName: "x"}
	if code := post("", emu.SendText(intruder, "/help")); code != http.StatusUnauthorized {
		t.Fatalf("missing secret: HTTP %d, want 401", code)
	}
	if code := post("wrong", emu.SendText(intruder, "/help")); code != http.StatusUnauthorized {
		t.Fatalf("wrong secret: HTTP %d, want 401", code)
	}
	good := newPerson(t, emu, 52, "y")
	upd := emu.SendText(good.u, "/help")
	good.seen = upd.Message.ID
	if code := post("right-secret_1-0123456789", upd); code != http.StatusOK {
		t.Fatalf("right secret: HTTP %d", code)
	}
	if code := post("right-secret_1-0123456789", upd); code != http.StatusOK { // Telegram redelivers: applied once
		t.Fatalf("redelivery: HTTP %d", code)
	}
	good.expect("邀请链接")
	time.Sleep(500 * time.Millisecond)
	if n := len(emu.BotMessages(52)); n != 1 {
		t.Errorf("redelivered update answered %d times, want once", n)
	}
	if n := len(emu.BotMessages(51)); n != 0 {
		t.Errorf("rejected updates were processed: %d replies", n)
	}
}

func TestRetryAfterIsHonoured(t *testing.T) {
	emu := newEmu(t)
	rs := redistest.NewServer(t, false)
	sk := newSink(t)
	var mu sync.Mutex
	refused := 0
	var firstRefusal time.Time
	emu.Inject(func(c tgemu.Call) *tgemu.APIError {
		mu.Lock()
		defer mu.Unlock()
		if c.Method == "sendMessage" && c.Params["chat_id"] == "77" && refused < 2 {
			if refused == 0 {
				firstRefusal = time.Now()
			}
			refused++
			return tgemu.TooManyRequests(1)
		}
		return nil
	})
	start(t, env(emu, rs.URL(), sk.srv.URL))
	p := newPerson(t, emu, 77, "z")
	p.send("/help")
	p.expect("邀请链接")
	mu.Lock()
	defer mu.Unlock()
	if refused != 2 {
		t.Fatalf("429 injected %d times, want 2", refused)
	}
	if waited := time.Since(firstRefusal); waited < 2*time.Second {
		t.Errorf("reply delivered %v after the first 429; retry_after=1 twice means ≥ 2s", waited)
	}
	if n := len(emu.BotMessages(77)); n != 1 {
		t.Errorf("%d replies, want exactly 1 (429 retried, never dropped or doubled)", n)
	}
}

func TestSIGTERMExitsCleanly(t *testing.T) {
	emu := newEmu(t)
	rs := redistest.NewServer(t, false)
	sk := newSink(t)
	p := start(t, env(emu, rs.URL(), sk.srv.URL))
	waitCalls(t, emu, "getUpdates", 1)
	for i := 0; i < 50; i++ {
		emu.SendText(tgemu.User{ID: int64(5000 + i), FirstName: "u"}, "/help")
	}
	waitCalls(t, emu, "sendMessage", 5)
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-p.done:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v\n%s", err, p.logs())
		}
	case <-time.After(25 * time.Second):
		t.Fatal("did not exit within 25s of SIGTERM")
	}
	if !strings.Contains(p.logs(), "sibu stopped") {
		t.Errorf("no clean stop in the log")
	}
}

// TestRedisRestart stops Redis while people write, starts it again, and
// expects every message answered: intake does not confirm what it could not
// record.
func TestRedisRestart(t *testing.T) {
	emu := newEmu(t)
	rs := redistest.NewServer(t, true)
	sk := newSink(t)
	start(t, env(emu, rs.URL(), sk.srv.URL))
	a := newPerson(t, emu, 61, "a")
	a.send("/help")
	a.expect("邀请链接")

	rs.Kill()
	for i := 0; i < 20; i++ {
		emu.SendText(tgemu.User{ID: int64(7000 + i), FirstName: "u"}, "/help")
	}
	time.Sleep(2 * time.Second)
	rs.Start()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for i := 0; i < 20; i++ {
		if _, err := emu.WaitFor(ctx, int64(7000+i), func(m tgemu.Message) bool { return m.FromBot }); err != nil {
			t.Fatalf("user %d got no reply after Redis came back", 7000+i)
		}
	}
}

func TestOperationsEndpoints(t *testing.T) {
	emu := newEmu(t)
	rs := redistest.NewServer(t, false)
	sk := newSink(t)
	e := env(emu, rs.URL(), sk.srv.URL)
	ops := freePort(t)
	e["SIBU_HTTP_LISTEN"] = ops
	start(t, e)
	get := func(path string) (int, string) {
		for deadline := time.Now().Add(20 * time.Second); ; {
			resp, err := http.Get("http://" + ops + path)
			if err == nil {
				defer resp.Body.Close()
				var b bytes.Buffer
				b.ReadFrom(resp.Body)
				return resp.StatusCode, b.String()
			}
			if time.Now().After(deadline) {
				t.Fatalf("GET %s: %v", path, err)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	if code, _ := get("/healthz"); code != 200 {
		t.Fatalf("/healthz %d", code)
	}
	if code, _ := get("/readyz"); code != 200 {
		t.Fatalf("/readyz %d", code)
	}
	p := newPerson(t, emu, 81, "m")
	p.send("/help")
	p.expect("邀请链接")
	// The emulator shows the reply a moment before the sender counts the
	// call, so scrape until the figures are in (or give up).
	wants := []string{`sibu_updates_total{stage="applied"} 1`, "sibu_step_seconds_bucket", `sibu_telegram_calls_total{method="sendMessage",result="ok"}`,
		"sibu_telegram_429_total", "sibu_records_outbox_length", "sibu_scheduler_runs_total"}
	var missing []string
	for deadline := time.Now().Add(15 * time.Second); ; {
		_, metrics := get("/metrics")
		missing = missing[:0]
		for _, want := range wants {
			if !strings.Contains(metrics, want) {
				missing = append(missing, want)
			}
		}
		if len(missing) == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	for _, m := range missing {
		t.Errorf("/metrics lacks %s", m)
	}
	rs.Kill()
	if code, _ := get("/readyz"); code != http.StatusServiceUnavailable {
		t.Errorf("/readyz with Redis down: %d, want 503", code)
	}
}

func waitMessage(t *testing.T, emu *tgemu.Server, chat int64, match func(tgemu.Message) bool) tgemu.Message {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	m, err := emu.WaitFor(ctx, chat, func(m tgemu.Message) bool { return m.FromBot && match(m) })
	if err != nil {
		t.Fatalf("chat %d: the expected message never arrived", chat)
	}
	return m
}
