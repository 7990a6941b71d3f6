// Package chaos runs three sibu replicas (the built binary, webhook mode
// behind a round-robin forwarder) on one Redis with AOF, the Bot API
// emulator and a records sink, under load from simulated people, while
// faults strike: kill -9 of a replica, a Redis restart, the records system
// answering 503, a replica whose clock is ahead, and 429s from the Bot API.
// Its test (chaos_test.go) then checks that nothing was lost, applied twice
// or reordered. go test ./chaos runs the CI length; -soak 10m a longer one.
package chaos
