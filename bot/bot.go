package bot

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"sibu/flows"
	"sibu/storage"
)

// Options configure a Bot.
type Options struct {
	Workers int           // goroutines applying updates (default 16)
	Pushers int           // pushes in flight (default 256)
	Lease   time.Duration // chat lease (default 15s)
	Owner   string        // this replica's name (consumer name, lease owner)
	Now     func() time.Time
	Admins  []int64
	Limits  Limits
}

// Bot applies recorded updates and sends replies and pushes.
type Bot struct {
	tg      *tgbot.Bot
	store   *storage.Store
	engine  *flows.Engine
	sender  *Sender
	log     *slog.Logger
	metrics *Metrics
	opt     Options
	wakeCh  chan struct{}

	mu       sync.Mutex
	failures map[string]int // step failures per update, to unblock a chat after a bug
}

// New returns a bot. tg is the go-telegram client used for every Bot API
// call except getUpdates (see Poller).
func New(tg *tgbot.Bot, store *storage.Store, engine *flows.Engine, log *slog.Logger, m *Metrics, opt Options) *Bot {
	if opt.Workers <= 0 {
		opt.Workers = 16
	}
	if opt.Pushers <= 0 {
		// Pushers mostly wait (on the global cap, or on a chat's 429
		// retry_after), so many are cheap; the cap is the real throttle,
		// and a chat that waits out a 429 must not hold up the others.
		opt.Pushers = 256
	}
	if opt.Lease <= 0 {
		opt.Lease = 15 * time.Second
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if m == nil {
		m = NewMetrics()
	}
	b := &Bot{tg: tg, store: store, engine: engine, log: log, metrics: m, opt: opt,
		wakeCh: make(chan struct{}, 1), failures: map[string]int{}}
	b.sender = NewSender(opt.Limits, log, m)
	b.sender.OnBlocked = b.blocked
	b.sender.OnMigrated = b.migrated
	return b
}

// migrated records that a group became a supergroup, so this replica at
// once and every replica after its next start send to the new id, and
// tells the operator.
func (b *Bot) migrated(_ context.Context, from, to int64) {
	b.sender.Moved(from, to)
	qctx, cancel := quick()
	defer cancel()
	if err := b.store.RecordMove(qctx, from, to); err != nil {
		b.log.Error("record group migration", "from", from, "to", to, "err", err)
	}
	b.log.Warn("a group became a supergroup: sending to the new id; change units[].group in the configuration to it",
		"from", from, "to", to)
}

// loadMoves gives the sender the group migrations recorded so far.
func (b *Bot) loadMoves(ctx context.Context) {
	moves, err := b.store.Moves(ctx)
	if err != nil {
		b.log.Warn("group migrations not loaded", "err", err)
		return
	}
	for from, to := range moves {
		b.sender.Moved(from, to)
		b.log.Warn("a group became a supergroup: sending to the new id; change units[].group in the configuration to it",
			"from", from, "to", to)
	}
}

// Sender returns the bot's sender (for the records relay's notices).
func (b *Bot) Sender() *Sender { return b.sender }

// Wake tells idle workers that an update was recorded.
func (b *Bot) Wake() {
	select {
	case b.wakeCh <- struct{}{}:
	default:
	}
}

// HTTPClient returns an http.Client fit for the Bot API: enough idle
// connections per host for the workers (the default keeps 2 and churns
// sockets under load) and a timeout above the long-poll time.
func HTTPClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns = 256
	tr.MaxIdleConnsPerHost = 128
	tr.IdleConnTimeout = 90 * time.Second
	return &http.Client{Transport: wholeBodies{tr}, Timeout: 70 * time.Second}
}

// wholeBodies sends request bodies of unknown length (go-telegram/bot
// streams its multipart form through an io.Pipe) in one piece with a
// Content-Length. Otherwise net/http sends them chunked and flushes every
// chunk, one write syscall per form part: most of the bot's CPU under load
// went there. Bot API uploads are at most 50 MB, so holding one in memory
// is fine.
type wholeBodies struct{ next http.RoundTripper }

func (t wholeBodies) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body == nil || req.Body == http.NoBody || req.ContentLength != 0 {
		return t.next.RoundTrip(req)
	}
	body, err := io.ReadAll(req.Body)
	req.Body.Close()
	if err != nil {
		return nil, err
	}
	r := req.Clone(req.Context())
	r.ContentLength = int64(len(body))
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	return t.next.RoundTrip(r)
}

// commands are the command menus per role.
func commands(role flows.Role, lang string) []models.BotCommand {
	zh := lang != "en"
	c := func(cmd, zhText, enText string) models.BotCommand {
		if zh {
			return models.BotCommand{Command: cmd, Description: zhText}
		}
		return models.BotCommand{Command: cmd, Description: enText}
	}
	common := []models.BotCommand{c("back", "返回上一步", "Previous step"), c("cancel", "退出当前操作", "Leave the current task"),
		c("help", "帮助", "Help")}
	member := []models.BotCommand{c("surveys", "待填问卷", "Questionnaires for you"), c("promise", "申报公开承诺", "Declare commitments"),
		c("progress", "汇报履诺进展", "Report progress"), c("done", "承诺已完成", "Mark fulfilled"), c("extend", "申请延期", "Ask for more time")}
	switch role {
	case flows.RoleMember:
		return append(member, common...)
	case flows.RoleSupervisor:
		return append(append(member, c("review", "待审承诺", "Commitments to review"), c("overdue", "逾期事项", "Overdue items"),
			c("ledger", "承诺台帐", "Commitments ledger"), c("urge", "督办", "Urge an item"), c("mytalks", "我的谈话", "My talks"),
			c("invite", "邀请成员", "Invite members")), common...)
	case flows.RoleMonitor:
		return append([]models.BotCommand{c("ledger", "承诺台帐", "Commitments ledger"), c("overdue", "逾期事项", "Overdue items"),
			c("surveys", "待填问卷", "Questionnaires for you")}, common...)
	case flows.RoleOfficial:
		return append([]models.BotCommand{c("status", "工作概况", "Status at a glance"), c("survey", "发放/结束问卷", "Open or close a questionnaire"),
			c("stats", "问卷统计", "Questionnaire results"), c("export", "导出答卷", "Export responses"),
			c("talks", "谈话轮次", "Talk rounds"), c("coverage", "谈话覆盖", "Talk coverage"), c("mytalks", "我的谈话", "My talks"),
			c("overdue", "逾期事项", "Overdue items"), c("ledger", "承诺台帐", "Commitments ledger"), c("review", "待审承诺", "Commitments to review"),
			c("evaluate", "承诺评议", "Evaluation round"), c("invite", "生成邀请链接", "Invite link"),
			c("surveys", "待填问卷", "Questionnaires for you")}, common...)
	}
	return []models.BotCommand{c("start", "开始", "Start"), c("help", "帮助", "Help")}
}

// Setup registers the command menus: strangers' by default, officials' for
// the configured admins.
func (b *Bot) Setup(ctx context.Context) error {
	for _, lang := range []string{"", "en"} {
		if _, err := b.tg.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{Commands: commands("", lang), LanguageCode: lang}); err != nil {
			return fmt.Errorf("setMyCommands: %w", err)
		}
	}
	for _, id := range b.opt.Admins {
		b.setCommands(ctx, id, flows.RoleOfficial, "zh")
	}
	return nil
}

func (b *Bot) setCommands(ctx context.Context, chat int64, role flows.Role, lang string) error {
	return b.sender.Do(ctx, "setMyCommands", chat, Free, func(ctx context.Context, chat int64) error {
		_, err := b.tg.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{Commands: commands(role, lang),
			Scope: &models.BotCommandScopeChat{ChatID: chat}})
		return err
	})
}

// blocked marks a person who blocked the bot and tells their unit's
// supervisors once.
func (b *Bot) blocked(ctx context.Context, chat int64) {
	if chat <= 0 {
		return
	}
	was, _ := b.store.Unreachable(ctx, chat)
	if err := b.store.MarkUnreachable(ctx, chat, true); err != nil {
		b.log.Error("mark unreachable", "chat_id", chat, "err", err)
	}
	if was {
		return
	}
	p, ok, err := b.store.Person(ctx, chat)
	if err != nil || !ok {
		return
	}
	sups, err := b.store.Members(ctx, p.Unit, false)
	if err != nil {
		return
	}
	var outs []flows.Output
	for _, s := range sups {
		if s.Role == flows.RoleSupervisor && s.ID != p.ID {
			outs = append(outs, flows.Output{Kind: flows.OutPush, ChatID: s.ID,
				Text: fmt.Sprintf("⚠️ %s 已屏蔽本机器人，无法接收通知和提醒，请线下联系。", p.Name)})
		}
	}
	if len(outs) > 0 {
		if _, err := b.store.Commit(ctx, storage.Commit{ChatID: chat, NoSession: true, Outputs: outs, Now: b.opt.Now()}); err != nil {
			b.log.Error("notify supervisors of a block", "err", err)
		}
	}
}
