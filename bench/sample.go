package bench

import (
	"fmt"
	"slices"
	"sync"
	"time"
)

// sample collects latencies.
type sample struct {
	mu       sync.Mutex
	d        []time.Duration
	failures int
	firstErr error
}

// add records one step: its latency, or the error it failed with.
func (s *sample) add(d time.Duration, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		s.failures++
		if s.firstErr == nil {
			s.firstErr = err
		}
		return
	}
	s.d = append(s.d, d)
}

// pct is the p-th percentile latency (nearest rank), 0 when empty.
func (s *sample) pct(p float64) time.Duration {
	if len(s.d) == 0 {
		return 0
	}
	sorted := slices.Clone(s.d)
	slices.Sort(sorted)
	i := int(p/100*float64(len(sorted))+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

// max is the longest latency, 0 when empty.
func (s *sample) max() time.Duration {
	if len(s.d) == 0 {
		return 0
	}
	return slices.Max(s.d)
}

// failNote says how many steps failed and the first error, or "".
func (s *sample) failNote() string {
	if s.failures == 0 {
		return ""
	}
	return fmt.Sprintf("%d steps got no reply within the timeout (first: %v)", s.failures, s.firstErr)
}

// p50p95p99 formats the 50th, 95th and 99th percentiles, in ms.
func (s *sample) p50p95p99() string {
	return fmt.Sprintf("%s / %s / %s", ms(s.pct(50)), ms(s.pct(95)), ms(s.pct(99)))
}

// p50p99max formats the median, the 99th percentile and the maximum, in ms.
func (s *sample) p50p99max() string {
	return fmt.Sprintf("%s / %s / %s", ms(s.pct(50)), ms(s.pct(99)), ms(s.max()))
}
