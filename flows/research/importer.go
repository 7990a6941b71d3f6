package research

import (
	"fmt"
	"slices"
	"strings"

	"sibu/flows/kit"
	"sibu/flows/survey"
	"sibu/flows/talk"
)

// maxImport is how many opinions one step imports; the rest wait for the
// next import (a step's commit stays small).
const maxImport = 500

// importCommand brings the comments of the campaigns' questionnaires and
// the summaries of their talk rounds into the ledger, within unit's
// subtree, and says how many.
func (st step) importCommand(unit string) error {
	n, more, err := st.importOpinions(unit)
	if err != nil {
		return err
	}
	switch {
	case more > 0:
		st.Send(st.t(mImportedMore, n, more))
	case n > 0:
		st.Send(st.t(mImported, n))
	default:
		st.Send(st.t(mImportedNone))
	}
	return nil
}

// importOpinions emits an OpinionAdded for every comment and summary of
// the campaigns not imported yet, of units within unit's subtree (comments
// released without their unit only when unit is the root): n imported,
// more left for later.
func (st step) importOpinions(unit string) (n, more int, err error) {
	r, err := st.reader()
	if err != nil {
		return 0, 0, err
	}
	seen, err := r.OpinionRefs()
	if err != nil {
		return 0, 0, fmt.Errorf("imported opinions: %w", err)
	}
	var found []Opinion
	for _, id := range st.campaignSurveys() {
		ops, err := st.surveyComments(r, id)
		if err != nil {
			return 0, 0, err
		}
		found = append(found, ops...)
	}
	for _, id := range st.campaignRounds() {
		ops, err := st.talkSummaries(r, id)
		if err != nil {
			return 0, 0, err
		}
		found = append(found, ops...)
	}
	for _, o := range found {
		inScope := o.Unit == "" && unit == st.Env.Root || o.Unit != "" && st.Env.Subtree(unit, o.Unit)
		if seen[o.Ref] || !inScope {
			continue
		}
		if n == maxImport {
			more++
			continue
		}
		o.ID, o.Rev = "i"+newID(st.Me.ID, st.Now, n), 1 // "i": imported, apart from the ids of heard ones
		if o.Date == "" {
			o.Date = st.Today().Format(dayLayout) // released without a day: the day it entered the ledger
		}
		st.Emit(OpinionAdded{Opinion: o})
		seen[o.Ref] = true
		n++
	}
	return n, more, nil
}

// campaignSurveys are the questionnaires of every campaign, once each.
func (st step) campaignSurveys() []string {
	return st.f.campaignIDs(func(c *Campaign) []string { return c.Targets.Surveys })
}

// campaignRounds are the talk rounds of every campaign, once each.
func (st step) campaignRounds() []string {
	return st.f.campaignIDs(func(c *Campaign) []string { return c.Targets.Rounds })
}

// campaignIDs lists what of names in every campaign, once each.
func (f *Feature) campaignIDs(of func(*Campaign) []string) []string {
	var out []string
	for _, c := range f.campaigns() {
		for _, id := range of(c) {
			if !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
	}
	return out
}

// surveyComments are the answers to the comment questions of a
// questionnaire's stored responses (an anonymous one's: released, without
// person or time).
func (st step) surveyComments(r Reader, id string) ([]Opinion, error) {
	sv := st.f.survey(id)
	if sv == nil {
		return nil, nil
	}
	rows, err := r.SurveyResponses(id)
	if err != nil {
		return nil, fmt.Errorf("responses of %s: %w", id, err)
	}
	var out []Opinion
	for _, row := range rows {
		for _, q := range sv.Questions {
			text, ok := row.Answers[q.Name].(string)
			if q.Type != survey.QComment || !ok || strings.TrimSpace(text) == "" {
				continue
			}
			out = append(out, Opinion{Source: SourceSurvey, Ref: "survey:" + id + ":" + row.ID + ":" + q.Name, Title: sv.Title,
				Unit: row.Unit, Date: row.Day, Text: kit.Short(text, maxOpinion), Anonymous: sv.Campaign.Anonymous})
		}
	}
	return out, nil
}

// talkSummaries are the summaries of the talks done in a round (private:
// officials only, as the summaries themselves).
func (st step) talkSummaries(r Reader, id string) ([]Opinion, error) {
	rs, ok, err := r.TalkRound(id)
	if err != nil || !ok {
		return nil, err
	}
	entries, err := r.TalkLedger(id)
	if err != nil {
		return nil, fmt.Errorf("talk ledger %s: %w", id, err)
	}
	var out []Opinion
	for _, en := range entries {
		if en.Status != talk.EntryDone || en.Summary == "" && en.Voice == "" {
			continue
		}
		out = append(out, Opinion{Source: SourceTalk, Ref: fmt.Sprintf("talk:%s:%d", id, en.User), Title: rs.Round.Title,
			Unit: en.Unit, Date: en.DoneAt.In(st.Env.Location).Format(dayLayout), Text: kit.Short(en.Summary, maxOpinion),
			Voice: en.Voice, Private: true})
	}
	return out, nil
}
