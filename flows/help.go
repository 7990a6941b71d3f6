package flows

import (
	"strings"

	"sibu/flows/kit"
)

// helpText is /help for the person: who they are, then one section per
// task (the overview, questionnaires, commitments, talks, inviting), in
// plain words, and /start, /back and /cancel last. A stranger is told how
// to join.
func (e *Engine) helpText(st *kit.Step) string {
	if !st.Known {
		return e.t(st, mHelpStranger)
	}
	parts := []string{e.t(st, mHelpHeader, st.Me.Name, st.UnitName(st.Me.Unit), st.RoleName(st.Me.Role))}
	if st.Me.Role == kit.RoleOfficial {
		parts = append(parts, e.t(st, mHelpStatus))
	}
	for _, f := range e.helpOrder() {
		if f.Help == nil {
			continue
		}
		if section := f.Help(st); section != "" {
			parts = append(parts, section)
		}
	}
	parts = append(parts, e.t(st, mHelpFooter))
	return strings.Join(parts, "\n\n")
}

// helpOrder is the features in the order of /help: the daily work first
// (questionnaires, commitments, talks), inviting after it.
func (e *Engine) helpOrder() []kit.Feature {
	return append(e.features[1:len(e.features):len(e.features)], e.features[0])
}
