package records

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Event is one records event as stored in the outbox. Body is the complete
// CloudEvents 1.0 structured-mode JSON document exactly as it was committed;
// ID, Type and Time are read from it and never written back.
type Event struct {
	ID   string    // CloudEvents "id": the stable delivery id (webhook-id)
	Type string    // CloudEvents "type", e.g. sibu.survey.response.submitted
	Time time.Time // CloudEvents "time"; zero when absent
	Body []byte    // the stored bytes, delivered unchanged
}

// ParseEvent reads the attributes the relay needs from a CloudEvents 1.0
// structured-mode JSON document. It returns an error when body is not a JSON
// object, specversion is not "1.0", or id, source or type is missing. The
// returned Event keeps body itself, not a re-encoding.
func ParseEvent(body []byte) (Event, error) {
	var ce struct {
		SpecVersion string `json:"specversion"`
		ID          string `json:"id"`
		Source      string `json:"source"`
		Type        string `json:"type"`
		Time        string `json:"time"`
	}
	if err := json.Unmarshal(body, &ce); err != nil {
		return Event{Body: body}, fmt.Errorf("parse cloudevent: %w", err)
	}
	switch {
	case ce.SpecVersion != "1.0":
		return Event{Body: body}, fmt.Errorf("parse cloudevent: specversion %q, want \"1.0\"", ce.SpecVersion)
	case ce.ID == "":
		return Event{Body: body}, errors.New("parse cloudevent: missing id")
	case ce.Source == "":
		return Event{Body: body}, errors.New("parse cloudevent: missing source")
	case ce.Type == "":
		return Event{Body: body}, errors.New("parse cloudevent: missing type")
	}
	ev := Event{ID: ce.ID, Type: ce.Type, Body: body}
	if ce.Time != "" {
		t, err := time.Parse(time.RFC3339Nano, ce.Time)
		if err != nil {
			return Event{Body: body}, fmt.Errorf("parse cloudevent %s: time: %w", ce.ID, err)
		}
		ev.Time = t
	}
	return ev, nil
}
