// Package bench is the `sibu bench` command: measured throughput, latency,
// push rate and Redis footprint against the Bot API emulator.
package bench

import (
	"context"
	"fmt"
	"io"
)

// Main runs the benchmark with command-line args and returns the exit code.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "sibu bench: being written (issue 6)")
	return 2
}
