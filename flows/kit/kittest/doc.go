// Package kittest holds what the flows packages' tests share: golden files
// (AssertGolden, with -update to rewrite them) and the snapshot of every
// effect's records event (AssertEvents, goflow's TestEventMarshaling model).
package kittest
