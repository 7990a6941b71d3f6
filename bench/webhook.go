package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime/pprof"
	"sync"
	"time"
)

const (
	// webhookUsers is the id range of the webhook scenario's people.
	webhookUsers = 700_000
	// webhookSecret is the secret token the bench's Telegram sends.
	webhookSecret = "bench-webhook-secret"
	// webhookConns is how many POSTs are in flight at most: Telegram's
	// default max_connections.
	webhookConns = 40
)

// webhookIntake runs the closed-loop demo questionnaire with webhook
// intake: a forwarder plays Telegram, taking the emulator's updates and
// POSTing them to sibu's webhook handler, up to webhookConns at once; each
// POST is answered only once its update is stored.
func (e *env) webhookIntake(ctx context.Context) error {
	prefix, ids, err := e.peoplePrefix(ctx, "webhook", webhookUsers, e.p.users)
	if err != nil {
		return err
	}
	sc := newScene()
	sc.prefix = prefix
	defer sc.close()
	if err := confirmAll(ctx, sc.emu, ids); err != nil {
		return err
	}
	if sc.bot, err = e.startBot(ctx, sc.emu.URL(), prefix, e.limits(true, 0), true, "bench"); err != nil {
		return err
	}
	srv := httptest.NewServer(sc.bot.webhook)
	defer srv.Close()
	posts := &sample{}
	fctx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	pprof.Do(fctx, pprof.Labels("side", "emulator"), func(fctx context.Context) {
		wg.Go(func() { forward(fctx, sc.emu.URL(), srv.URL, posts) })
	})
	s, el, cpu := e.measureClosedLoop(ctx, sc, webhookUsers, demoScript)
	stop()
	wg.Wait()
	n := len(s.d)
	ups := float64(n) / el.Seconds()
	r := e.rep
	name := "intake+flow, webhook"
	verdict := "polling not measured in this run"
	if e.intakeUPS > 0 {
		verdict = fmt.Sprintf("×%.2f of polling (intake+flow)", ups/e.intakeUPS)
	}
	r.add(Row{Scenario: name, Figure: fmt.Sprintf("%d users × demo questionnaire (7 updates), closed loop, ≤ %d concurrent POSTs", e.p.users, webhookConns),
		Value: fmt.Sprintf("%.0f updates/s", ups), Number: ups, Unit: "updates/s", Verdict: verdict + failOr(s, "")})
	r.add(Row{Scenario: name, Figure: "latency p50 / p95 / p99 (update available → last reply at emulator)",
		Value: s.p50p95p99(), Number: msf(s.pct(99)), Unit: "ms p99"})
	r.add(Row{Scenario: name, Figure: "POST answered (after the update is stored) p50 / p99",
		Value: fmt.Sprintf("%s / %s", ms(posts.pct(50)), ms(posts.pct(99))), Number: msf(posts.pct(99)), Unit: "ms p99",
		Verdict: fmt.Sprintf("%d POSTs", len(posts.d)) + failOr(posts, "")})
	if n > 0 {
		r.add(Row{Scenario: name, Figure: "CPU per update: bench process (bot+emulator+users+forwarder) / redis-server",
			Value: fmt.Sprintf("%.0f µs / %s", float64(cpu.self.Microseconds())/float64(n), redisCPU(cpu.redis, n, e.redisPID))})
	}
	return nil
}

// forward plays Telegram's webhook delivery until ctx ends: it takes the
// emulator's pending updates (getUpdates) and POSTs each to url, at most
// webhookConns at once and one chat's updates in order, confirming a batch
// to the emulator once every POST of it was answered 200. Each POST's time
// goes to posts.
func forward(ctx context.Context, api, url string, posts *sample) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: webhookConns}}
	sem := make(chan struct{}, webhookConns)
	offset := int64(0)
	for ctx.Err() == nil {
		batch, err := pendingUpdates(ctx, client, api, offset)
		if err != nil {
			time.Sleep(10 * time.Millisecond)
			continue
		}
		var wg sync.WaitGroup
		last := map[int64]chan struct{}{} // a chat's previous POST in this batch
		for _, raw := range batch {
			var u struct {
				ID  int64 `json:"update_id"`
				Msg *struct {
					Chat struct{ ID int64 } `json:"chat"`
				} `json:"message"`
				CB *struct {
					From struct{ ID int64 } `json:"from"`
				} `json:"callback_query"`
			}
			json.Unmarshal(raw, &u)
			offset = max(offset, u.ID+1)
			chat := int64(0)
			if u.Msg != nil {
				chat = u.Msg.Chat.ID
			} else if u.CB != nil {
				chat = u.CB.From.ID
			}
			prev, done := last[chat], make(chan struct{})
			last[chat] = done
			wg.Go(func() {
				defer close(done)
				if prev != nil {
					<-prev
				}
				sem <- struct{}{}
				defer func() { <-sem }()
				posts.add(post(ctx, client, url, raw))
			})
		}
		wg.Wait()
	}
}

// post delivers one update to the webhook, again until it is answered 200.
func post(ctx context.Context, client *http.Client, url string, raw []byte) (time.Duration, error) {
	t0 := time.Now()
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(raw))
		if err != nil {
			return 0, err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", webhookSecret)
		resp, err := client.Do(req)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return time.Since(t0), nil
			}
		}
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// pendingUpdates long-polls the emulator for updates from offset (which
// confirms those before it).
func pendingUpdates(ctx context.Context, client *http.Client, api string, offset int64) ([]json.RawMessage, error) {
	body, _ := json.Marshal(map[string]any{"offset": offset, "timeout": 1, "limit": 100})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, api+"/bot"+token+"/getUpdates", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out struct {
		Result []json.RawMessage `json:"result"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, err
	}
	return out.Result, nil
}
