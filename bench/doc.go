// Package bench is the `sibu bench` command: measured throughput, latency,
// push rate, records relay and Redis footprint against the Bot API emulator,
// a private redis-server and a local records sink, side by side with a bare
// go-telegram/bot echo bot measured in the same run.
//
// It measures; it does not judge: every figure is printed with its goal and
// a verdict, and the command exits 0 whatever the numbers.
package bench
