package bot

import (
	"context"
	"errors"
	"sync/atomic"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the bot's Prometheus collectors.
type Metrics struct {
	updates  *prometheus.CounterVec
	step     prometheus.Histogram
	sends    *prometheus.CounterVec
	tooMany  prometheus.Counter
	conflict prometheus.Counter
	pushes   prometheus.Counter
	held     *prometheus.CounterVec
	budget   *prometheus.CounterVec
	setAside *prometheus.CounterVec
	dead     prometheus.GaugeFunc
	// unshared counts sends paced by this process's own limiters because
	// the limits every replica shares (in Redis) could not be asked.
	unshared prometheus.Counter
	// deadCount reads the dead list's length for dead (set by watchDead).
	deadCount atomic.Pointer[func(context.Context) (int64, error)]
}

// NewMetrics creates the collectors; register them with Collectors.
func NewMetrics() *Metrics {
	m := &Metrics{
		updates: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "sibu_updates_total",
			Help: "Telegram updates by stage (recorded, duplicate, applied, ignored, failed: set aside)."}, []string{"stage"}),
		step: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "sibu_step_seconds",
			Help:    "Time from an update's pickup to its commit (load, flow step, atomic commit).",
			Buckets: []float64{.001, .002, .005, .01, .015, .025, .05, .1, .25, .5, 1, 2.5}}),
		sends: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "sibu_telegram_calls_total",
			Help: "Bot API calls by method and result."}, []string{"method", "result"}),
		tooMany: prometheus.NewCounter(prometheus.CounterOpts{Name: "sibu_telegram_429_total",
			Help: "Bot API calls answered 429 Too Many Requests."}),
		conflict: prometheus.NewCounter(prometheus.CounterOpts{Name: "sibu_commit_conflicts_total",
			Help: "Step commits that lost a race and were re-run."}),
		pushes: prometheus.NewCounter(prometheus.CounterOpts{Name: "sibu_pushes_sent_total",
			Help: "Pushes delivered from the push queue."}),
		held: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "sibu_pushes_held_total",
			Help: "Pushes held back to be offered again later, by reason (chat_limit, quiet_hours, deadline, error, shutdown)."},
			[]string{"reason"}),
		budget: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "sibu_pushes_withheld_total",
			Help: "Pushes not sent by the attention budget (duplicate: the same text went to the person today; folded: held over for their next digest)."},
			[]string{"reason"}),
		setAside: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "sibu_set_aside_total",
			Help: "Updates that could not be applied and replies that could not be sent, set aside in the dead list (kind: update, reply)."},
			[]string{"kind"}),
		unshared: prometheus.NewCounter(prometheus.CounterOpts{Name: "sibu_send_limits_unreachable_total",
			Help: "Sends paced by the replica's own limiters because Redis, which holds the limits all replicas share, did not answer."}),
	}
	m.dead = prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "sibu_dead_letters",
		Help: "Entries in the dead list (updates and replies set aside; `sibu replay -updates` puts them back); -1 when Redis does not answer."},
		m.readDead)
	return m
}

// watchDead makes the sibu_dead_letters gauge read the store's dead list.
func (m *Metrics) watchDead(s interface {
	DeadCount(context.Context) (int64, error)
}) {
	f := s.DeadCount
	m.deadCount.Store(&f)
}

// readDead is the dead list's length, read at scrape time.
func (m *Metrics) readDead() float64 {
	f := m.deadCount.Load()
	if f == nil {
		return 0
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	n, err := (*f)(ctx)
	if err != nil {
		return -1
	}
	return float64(n)
}

// Collectors lists the collectors for registration.
func (m *Metrics) Collectors() []prometheus.Collector {
	return []prometheus.Collector{m.updates, m.step, m.sends, m.tooMany, m.conflict, m.pushes, m.held, m.budget, m.setAside, m.dead, m.unshared}
}

// sent counts one Bot API call by method and result (ok, 429, 403, 400, error).
func (m *Metrics) sent(method string, err error) {
	if m == nil {
		return
	}
	result := "ok"
	var tooMany *tgbot.TooManyRequestsError
	switch {
	case err == nil:
	case errors.As(err, &tooMany):
		result = "429"
	case errors.Is(err, tgbot.ErrorForbidden):
		result = "403"
	case errors.Is(err, tgbot.ErrorBadRequest):
		result = "400"
	default:
		result = "error"
	}
	m.sends.WithLabelValues(method, result).Inc()
}
