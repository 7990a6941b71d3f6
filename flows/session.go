package flows

import (
	"sibu/flows/commitment"
	"sibu/flows/discipline"
	"sibu/flows/join"
	"sibu/flows/kit"
	"sibu/flows/research"
	"sibu/flows/retro"
	"sibu/flows/survey"
	"sibu/flows/talk"
	"sibu/flows/tipoff"
)

// Session is the conversation state of one chat: the shared kit.Core and
// each feature's State. It is small on purpose (it is stored per chat) and
// round-trips through JSON between steps; the embedded parts keep the
// stored keys ("q", "f", "s", "d", "j", "pr", "tk"; then "rt", "dc", "tf", "rs") in their old order.
type Session struct {
	// Version is managed by storage: the commit succeeds only if the stored
	// version is still the one this session was loaded with.
	Version int64 `json:"-"`
	kit.Core
	surveyPart
	joinPart
	commitmentPart
	talkPart
	retroPart
	disciplinePart
	tipoffPart
	researchPart
}

// The features' states under distinct names: embedded fields are named by
// their type, and every feature calls its own State "State".
type (
	surveyPart     = survey.State
	joinPart       = join.State
	commitmentPart = commitment.State
	talkPart       = talk.State
	retroPart      = retro.State
	disciplinePart = discipline.State
	tipoffPart     = tipoff.State
	researchPart   = research.State
)
