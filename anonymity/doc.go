// Package anonymity holds sibu's anonymity key: the age X25519 identity
// (filippo.io/age) that keeps anonymous answers unreadable to whoever reads
// Redis, its AOF or its replicas.
//
// The key does two things:
//
//   - Seal and Open: anonymous questionnaire responses are sealed to the
//     key's recipient (age X25519) when submitted and opened only by the
//     batch release, which strips person and time.
//   - Conceal and Reveal: a chat's conversation state — its session (with
//     draft answers), the updates waiting in its inbox and its committed
//     replies (which echo answers) — is kept concealed in Redis under a
//     symmetric key derived from the identity. Conceal is deterministic, so
//     storage can find a concealed inbox entry again by concealing the
//     update once more.
//
// The identity comes from SIBU_ANONYMITY_KEY, from anonymity.key_file, or
// from sibu-anonymity.key in the working directory, created at first start
// (Load). It is never written to Redis; only its public recipient (age1…)
// may be, so replicas can tell they share it.
package anonymity
