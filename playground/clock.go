package playground

import (
	"sync"
	"time"
)

// Clock is the playground's one clock: the wall clock shifted by an offset
// that only grows. It keeps running between advances, so leases, long polls
// and callback ages behave as usual. Safe for concurrent use.
type Clock struct {
	mu     sync.Mutex
	offset time.Duration
	wall   func() time.Time
}

// NewClock returns a clock reading the wall time.
func NewClock() *Clock { return &Clock{wall: time.Now} }

// Now returns the demo time. It satisfies scheduler.Clock.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.wall().Add(c.offset)
}

// Advance moves demo time forward by d (negative d is ignored) and returns
// the new time.
func (c *Clock) Advance(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if d > 0 {
		c.offset += d
	}
	return c.wall().Add(c.offset)
}

// AdvanceTo moves demo time forward to t if t is later than now.
func (c *Clock) AdvanceTo(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if d := t.Sub(c.wall().Add(c.offset)); d > 0 {
		c.offset += d
	}
}

// Offset returns how far demo time is ahead of the wall clock.
func (c *Clock) Offset() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.offset
}
