package flows

// PromiseSettings configure the feature (from config).
type PromiseSettings struct{}

// PromiseRun is a public commitment (公开承诺) conversation in progress.
type PromiseRun struct{}

// promiseFeature is public commitments 定·审·履·评: /promise, /progress,
// /done, reviews, reminders' buttons, evaluation rounds, /overdue, /ledger.
func promiseFeature() feature { return feature{} }

// promiseCatalog holds this feature's messages (lang → key → text).
func promiseCatalog() map[string]map[msg]string { return nil }
