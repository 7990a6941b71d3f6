package scheduler

import "github.com/prometheus/client_golang/prometheus"

// metrics are the Prometheus collectors of one Scheduler. They are not
// registered anywhere; main registers Collectors() with its registry.
type metrics struct {
	runs        *prometheus.CounterVec
	lastSuccess *prometheus.GaugeVec
	duration    *prometheus.HistogramVec
}

func newMetrics() *metrics {
	return &metrics{
		runs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sibu_scheduler_runs_total",
			Help: "Scheduled job attempts on this instance, by job and outcome " +
				"(ran, failed, panicked, lost_claim, claim_error, skipped, deferred).",
		}, []string{"job", "outcome"}),
		lastSuccess: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "sibu_scheduler_last_success_timestamp_seconds",
			Help: "Unix time (scheduler clock) at which a job last finished without error on this instance.",
		}, []string{"job"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "sibu_scheduler_run_duration_seconds",
			Help:    "Duration of job runs that won their claim, by job.",
			Buckets: []float64{.01, .05, .1, .5, 1, 5, 10, 30, 60, 300},
		}, []string{"job"}),
	}
}

// initJob creates every series of job at zero, so dashboards see a job before
// its first run.
func (m *metrics) initJob(job string) {
	for _, o := range allOutcomes {
		m.runs.WithLabelValues(job, string(o))
	}
}

// Collectors returns the scheduler's Prometheus collectors, for main to
// register: sibu_scheduler_runs_total{job,outcome},
// sibu_scheduler_last_success_timestamp_seconds{job} and
// sibu_scheduler_run_duration_seconds{job}.
func (s *Scheduler) Collectors() []prometheus.Collector {
	return []prometheus.Collector{s.metrics.runs, s.metrics.lastSuccess, s.metrics.duration}
}
