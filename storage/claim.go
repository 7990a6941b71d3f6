package storage

import (
	"time"

	"sibu/flows/commitment"
	"sibu/flows/kit"
	"sibu/flows/research"
	"sibu/flows/talk"
)

// A send-once push (a reminder stage of an item, a person's daily digest,
// a talk notice) is committed with a claim: a hash
// field that must be unset, set to the time as it goes, so replicas and
// retries send it once. A claim of a series (one a day, one a week) rolls
// over the ones before it: their fields are removed as it is claimed — a
// field a day would otherwise pile up for as long as an item stays overdue
// or a round stays open — and it is refused once the next period's went,
// so a job run again for an old tick sends nothing stale.

// rolling is an effect whose claim is one of a series.
type rolling interface {
	// Rolls names, as claims of the same kind, the stale claims this one
	// takes over and the next one, which makes this one too late.
	Rolls() (stale []string, next string)
}

// claim is the claim of a send-once effect: the hash (key) and field that
// must be unset, why it failed when it was not, and for a series the
// fields it removes and the field that must be unset too.
type claim struct {
	key, field, why string
	stale           []string
	next            string
}

// claimOf is the claim of a send-once effect; ok is false for any other.
func (s *Store) claimOf(ef kit.Effect) (c claim, ok bool) {
	prefix := ""
	switch e := ef.(type) {
	case commitment.ReminderSent:
		c, prefix = claim{key: s.keys.CommitmentItem(e.ItemID), why: "reminder_already_sent"}, "r:"
		c.field = prefix + e.Key
	case kit.DigestSent:
		c = claim{key: s.keys.Digests(), field: e.Key(), why: "digest_already_sent"}
	case talk.NoticeSent:
		c = claim{key: s.keys.TalkSent(e.Round), field: e.Key, why: "talk_notice_sent"}
	case research.FollowUpReminded:
		c = claim{key: s.keys.Opinion(e.OpinionID), field: "r:" + e.Key, why: "followup_reminder_sent"}
	default:
		return claim{}, false
	}
	if r, ok := ef.(rolling); ok {
		stale, next := r.Rolls()
		for _, f := range stale {
			c.stale = append(c.stale, prefix+f)
		}
		if next != "" {
			c.next = prefix + next
		}
	}
	return c, true
}

// plan adds the claim to a commit plan: its conditions, its field set to
// now, the stale fields of its series removed.
func (c claim) plan(p *plan, now time.Time) {
	p.guard("hnil", c.key, c.field, c.why)
	if c.next != "" {
		p.guard("hnil", c.key, c.next, c.why)
	}
	p.op("hset", c.key, c.field, itoa(now.Unix()))
	if len(c.stale) > 0 {
		p.op("hdel", c.key, c.stale...)
	}
}
