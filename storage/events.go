package storage

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	"sibu/flows"
)

// crockford is the ULID alphabet.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// NewID returns a 26-character ULID: 48 bits of milliseconds then 80 random
// bits, so ids sort by creation time and never collide across replicas.
func NewID(t time.Time) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(t.UnixMilli())<<16)
	rand.Read(b[6:])
	// 128 bits → 26 base32 digits (the first carries 3 bits).
	var out [26]byte
	hi := binary.BigEndian.Uint64(b[:8])
	lo := binary.BigEndian.Uint64(b[8:])
	for i := 25; i >= 0; i-- {
		out[i] = crockford[lo&31]
		lo = lo>>5 | hi<<59
		hi >>= 5
	}
	return string(out[:])
}

// cloudEvent is the CloudEvents 1.0 structured-mode envelope.
type cloudEvent struct {
	SpecVersion     string `json:"specversion"`
	ID              string `json:"id"`
	Source          string `json:"source"`
	Type            string `json:"type"`
	Subject         string `json:"subject,omitempty"`
	Time            string `json:"time"`
	DataContentType string `json:"datacontenttype"`
	Data            any    `json:"data"`
}

// renderEvent builds the records event of one effect. Anonymous responses
// carry no respondent and only the day.
func (s *Store) renderEvent(ef flows.Effect, now time.Time) ([]byte, error) {
	subject, data := eventData(ef)
	at := now.UTC().Format(time.RFC3339Nano)
	if r, ok := ef.(flows.ResponseSubmitted); ok && r.Anonymous {
		day := now.UTC().Truncate(24 * time.Hour)
		at = day.Format(time.RFC3339)
		now = day
	}
	ev := cloudEvent{SpecVersion: "1.0", ID: NewID(now), Source: s.source, Type: ef.EventType(),
		Subject: subject, Time: at, DataContentType: "application/json", Data: data}
	b, err := json.Marshal(ev)
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", ef.EventType(), err)
	}
	return b, nil
}

func eventData(ef flows.Effect) (string, any) {
	switch e := ef.(type) {
	case flows.MemberJoined:
		return fmt.Sprint(e.Person.ID), map[string]any{"user_id": e.Person.ID, "name": e.Person.Name,
			"unit": e.Person.Unit, "role": e.Person.Role, "joined_at": e.Person.JoinedAt}
	case flows.InviteCreated:
		return e.Invite.Unit, map[string]any{"unit": e.Invite.Unit, "role": e.Invite.Role,
			"by": e.Invite.By, "expires_at": e.Invite.ExpiresAt}
	case flows.SurveyOpened:
		return e.SurveyID, map[string]any{"survey_id": e.SurveyID, "version": e.Version, "by": e.By, "issued": len(e.Issued)}
	case flows.SurveyClosed:
		return e.SurveyID, map[string]any{"survey_id": e.SurveyID, "by": e.By}
	case flows.ReminderSent:
		return e.SurveyID, map[string]any{"survey_id": e.SurveyID, "user_id": e.User, "n": e.N}
	case flows.ResponseSubmitted:
		d := map[string]any{"survey_id": e.SurveyID, "version": e.Version, "answers": e.Answers, "satisfied": e.Satisfied}
		if !e.Anonymous {
			d["respondent"] = e.Respondent
		}
		if e.Unit != "" {
			d["unit"] = e.Unit
		}
		if e.Round != "" && (!e.Anonymous || e.Unit != "") {
			// An evaluation round's satisfaction questionnaire. A round
			// belongs to one unit, so an anonymous response whose unit was
			// left out (a unit under min_group) does not name it either.
			d["round_id"] = e.Round
		}
		return e.SurveyID, d
	}
	for _, data := range []func(flows.Effect) (string, any, bool){commitmentEventData, talkEventData} {
		if subject, d, ok := data(ef); ok {
			return subject, d
		}
	}
	return "", map[string]any{}
}
