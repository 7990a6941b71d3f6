package tipoff

import (
	"strings"

	"sibu/flows/kit"
)

// Kind is what a tip-off is about.
type Kind string

// Kinds of tip-offs: the four the seed names about 换届风气, and anything
// else.
const (
	KindBribe Kind = "bribe" // 拉票贿选
	KindSeek  Kind = "seek"  // 跑官要官
	KindLobby Kind = "lobby" // 说情打招呼
	KindHire  Kind = "hire"  // 违规用人
	KindOther Kind = "other" // 其他
)

// Kinds lists the kinds in the order they are offered.
var Kinds = []Kind{KindBribe, KindSeek, KindLobby, KindHire, KindOther}

// Status is where a tip-off is.
type Status string

// Tip-off states.
const (
	StatusPooled   Status = "pooled"   // submitted, waiting for its batch release
	StatusNew      Status = "new"      // released to the inspectors, not yet handled
	StatusHandling Status = "handling" // 处理中
	StatusClosed   Status = "closed"   // 已办结
)

// Note is one entry of a tip-off's thread: the reporter's additions and
// the inspectors' answers, each with its day only.
type Note struct {
	Day   string     `json:"day"`
	From  string     `json:"from"` // "reporter" or "inspector"
	Text  string     `json:"text"`
	Files []kit.File `json:"files,omitempty"`
}

// Who wrote a note.
const (
	FromReporter  = "reporter"
	FromInspector = "inspector"
)

// Tipoff is one anonymous tip-off (举报) as the inspectors read it. It
// names no reporter and no time but the day it was sent; it is stored
// sealed to the anonymity key (storage) and found again by its receipt
// code only.
type Tipoff struct {
	// ID is random, given when the tip-off is released ("" while pooled).
	ID     string     `json:"id,omitempty"`
	Kind   Kind       `json:"kind"`
	Unit   string     `json:"unit"`
	Text   string     `json:"text"`
	Files  []kit.File `json:"files,omitempty"`
	Day    string     `json:"day"`
	Status Status     `json:"status"`
	Thread []Note     `json:"thread,omitempty"`
	// Nominee is the nominee whose 信访举报凡提必查 check it feeds.
	Nominee string `json:"nominee,omitempty"`
	// Hash is the keyed hash of the receipt code, kept by storage so that
	// the code finds the tip-off; flows carry it unchanged.
	Hash string `json:"h,omitempty"`
	// Rev is the stored revision (storage sets it; not in the JSON).
	Rev int64 `json:"-"`
}

// NormalizeCode reads a receipt code as a person types or pastes it:
// letters upper-cased, spaces and dashes dropped, O read as 0 and I or L
// as 1 (the code never uses them).
func NormalizeCode(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch {
		case r == 'O':
			b.WriteRune('0')
		case r == 'I' || r == 'L':
			b.WriteRune('1')
		case r >= '0' && r <= '9' || r >= 'A' && r <= 'Z':
			b.WriteRune(r)
		}
	}
	return b.String()
}

// codeAlphabet is Crockford's base32: no I, L, O or U.
const codeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// ReceiptCode makes a receipt code of 12 characters from random text
// (kit.Env.NewCode), shown in groups of four: "K7QM-4XPA-9TRD".
func ReceiptCode(random string) string {
	var out []byte
	for i := 0; len(out) < 12; i++ {
		c := byte(i * 7)
		if i < len(random) {
			c = random[i]
		}
		out = append(out, codeAlphabet[int(c)%len(codeAlphabet)])
	}
	return string(out[0:4]) + "-" + string(out[4:8]) + "-" + string(out[8:12])
}
