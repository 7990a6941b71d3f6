package playground

import "time"

// SetSettleTimeout shortens how long an advance waits at one activation
// for its pushes, for the test of a push that never goes out.
func SetSettleTimeout(d time.Duration) (restore func()) {
	old := settleTimeout
	settleTimeout = d
	return func() { settleTimeout = old }
}
