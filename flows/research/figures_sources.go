package research

import (
	"fmt"

	"sibu/flows/talk"
)

// addSurveys adds the campaign's questionnaires, per unit: issued,
// submitted and 满意 of those who answered the 满意 question. An anonymous
// questionnaire's figures of a unit issued to fewer than its min_group are
// withheld.
func (f *Feature) addSurveys(r Reader, fig *Figures) error {
	for _, id := range fig.Surveys {
		sv := f.survey(id)
		if sv == nil {
			continue
		}
		stats, err := r.Stats(id)
		if err != nil {
			return fmt.Errorf("questionnaire %s: %w", id, err)
		}
		for i := range fig.Rows {
			var part Row
			for _, u := range f.Env.SubUnits(fig.Rows[i].Unit) {
				part.Issued += stats.UnitIssued[u]
				part.Submitted += stats.Units[u+"\x1fsubmitted"]
				part.Satisfied += stats.Units[u+"\x1fsatisfied"]
				part.SatisfiedAnswered += stats.Units[u+"\x1fanswered"]
			}
			if sv.Campaign.Anonymous && part.Issued < int64(sv.Campaign.MinGroup) {
				part = Row{Issued: part.Issued, Withheld: part.Issued > 0}
			}
			fig.Rows[i] = fig.Rows[i].plus(part)
		}
	}
	return nil
}

// addTalks adds the campaign's talk rounds, per unit: roster, excused,
// talked with and how (电话约谈, 会后补谈).
func (f *Feature) addTalks(r Reader, fig *Figures) error {
	for _, id := range fig.Rounds {
		cov, err := r.TalkCoverage(id)
		if err != nil {
			return fmt.Errorf("talk round %s: %w", id, err)
		}
		for i := range fig.Rows {
			row := &fig.Rows[i]
			for _, u := range f.Env.SubUnits(row.Unit) {
				c := cov.Units[u]
				row.Roster += c["roster"]
				row.Excused += c[talk.BucketExcused]
				row.Phone += c[talk.BucketDonePhone]
				row.Makeup += c[talk.BucketDoneMakeup]
				row.Done += c[talk.BucketDoneFace] + c[talk.BucketDonePhone] + c[talk.BucketDoneMakeup]
			}
		}
	}
	return nil
}
