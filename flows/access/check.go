package access

import "sibu/flows/kit"

// Check decides a on o for the person of st and, when they are refused,
// tells them why: as an alert answering the pressed button, else as a
// message. A refused step changes nothing. It returns the decision (its
// Scope limits an allowed answer).
func Check(st *kit.Step, a Action, o Object) Decision {
	d := Decide(st.Env, st.Me, a, o)
	if d.Allowed {
		return d
	}
	text := d.Text(st.Lang)
	if st.In.Kind == kit.InputCallback {
		st.Answer(text, true)
		return d
	}
	st.Send(text)
	return d
}

// Allows reports whether the person of st may do a on o, saying nothing
// (for choosing what to list or ask).
func Allows(st *kit.Step, a Action, o Object) bool {
	return Decide(st.Env, st.Me, a, o).Allowed
}

// Scope is the unit whose subtree me answers for: their own unit
// (configured admins are officials of the root).
func Scope(me kit.Person) string { return me.Unit }

// Interviewer reports whether p may be the fallback interviewer of people
// of unit: fallback interviewers stay in the unit's own chain (p's unit is
// unit or above it), so nobody from beside it sees their numbers.
func Interviewer(env *kit.Env, p kit.Person, unit string) bool {
	return p.Unit != "" && unit != "" && env.Subtree(p.Unit, unit)
}
