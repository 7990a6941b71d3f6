package flows

import "strings"

// feature is one capability of the bot: its commands, the conversations it
// runs, the callback entries valid whatever the session holds (buttons of
// pushes, e.g. "sv:<survey>"), and what it adds to /help and /status. Its
// messages live in a catalog function listed in featureCatalogs. Features are plain values listed in features(); there
// is no registration at init time.
type feature struct {
	// commands for joined people (and configured admins); each checks its
	// own permissions.
	commands map[string]func(st *step) error
	// flows are the conversations the feature runs.
	flows map[FlowName]flowHandlers
	// entries handle callback data "<prefix>:<rest>" (prefix without ':').
	entries map[string]func(st *step, rest string) error
	// help adds lines to /help for a role ("" = strangers).
	help func(st *step) string
	// status adds lines to the officials' /status.
	status func(st *step) (string, error)
}

// flowHandlers are one conversation's answers to what can happen in it.
type flowHandlers struct {
	// input handles text, contacts and anything else sent while in the flow.
	input func(st *step) error
	// callback handles a button of the current prompt (its Seq matched);
	// false means the data is not one of the prompt's (answered "已过期").
	callback func(st *step, cb callback) (bool, error)
	// back handles /back (nil: "nothing to go back to").
	back func(st *step) error
	// cancel handles /cancel: leave the flow, saying so.
	cancel func(st *step)
}

// features lists every capability, in /help order.
func features() []feature {
	return []feature{joinFeature(), surveyFeature(), promiseFeature(), talkFeature()}
}

func (e *Engine) commandFor(name string) func(st *step) error {
	for _, f := range e.features {
		if c, ok := f.commands[name]; ok {
			return c
		}
	}
	return nil
}

func (e *Engine) flowFor(name FlowName) (flowHandlers, bool) {
	for _, f := range e.features {
		if h, ok := f.flows[name]; ok {
			return h, true
		}
	}
	return flowHandlers{}, false
}

func (e *Engine) entryFor(data string) (func(st *step, rest string) error, string, bool) {
	prefix, rest, ok := strings.Cut(data, ":")
	if !ok || prefix == "" || prefix[0] >= '0' && prefix[0] <= '9' {
		return nil, "", false // "<seq>:…" is a prompt's button
	}
	for _, f := range e.features {
		if h, ok := f.entries[prefix]; ok {
			return h, rest, true
		}
	}
	return nil, "", false
}

func joinFeature() feature {
	return feature{
		flows: map[FlowName]flowHandlers{FlowJoin: {
			input:    (*step).joinInput,
			callback: (*step).joinCallback,
			back:     (*step).joinBack,
			cancel: func(st *step) {
				s := st.sess()
				s.Flow, s.Join = FlowNone, nil
				s.next() // buttons of the abandoned prompt expire
				st.send(st.t(mCancelled))
			},
		}},
		commands: map[string]func(st *step) error{"invite": (*step).invite},
	}
}

func surveyFeature() feature {
	official := func(run func(st *step) error) func(st *step) error {
		return func(st *step) error {
			if st.me.Role != RoleOfficial {
				st.send(st.t(mNoPermission))
				return nil
			}
			return run(st)
		}
	}
	return feature{
		commands: map[string]func(st *step) error{
			"status":  official((*step).status),
			"survey":  official((*step).surveyAdmin),
			"surveys": (*step).listSurveys,
			"stats":   (*step).stats,
			"export":  (*step).export,
		},
		flows: map[FlowName]flowHandlers{FlowSurvey: {
			input:    (*step).surveyInput,
			callback: (*step).surveyCallback,
			back:     (*step).surveyBack,
			cancel: func(st *step) {
				run := st.sess().Survey
				st.parkSurvey()
				st.send(st.t(mSurveyPaused, st.e.surveyTitle(run.ID)))
			},
		}},
		entries: map[string]func(st *step, rest string) error{
			"sv": func(st *step, id string) error { return st.startSurvey(id, st.in.MessageID) },
		},
	}
}
