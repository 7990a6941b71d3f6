package flows

import (
	"fmt"
	"strconv"
	"strings"
)

// FlowName names the conversation a chat is in.
type FlowName string

// Flows.
const (
	FlowNone    FlowName = ""
	FlowJoin    FlowName = "join"
	FlowSurvey  FlowName = "survey"
	FlowPromise FlowName = "promise"
	FlowTalk    FlowName = "talk"
)

// Session is the conversation state of one chat. It is small on purpose (it
// is stored per chat) and round-trips through JSON between steps.
type Session struct {
	// Version is managed by storage: the commit succeeds only if the stored
	// version is still the one this session was loaded with.
	Version int64 `json:"-"`
	// Seq numbers the prompts that carry buttons. Callback data names the
	// Seq it belongs to; a button of an older prompt is stale.
	Seq     int                   `json:"q,omitempty"`
	Flow    FlowName              `json:"f,omitempty"`
	Survey  *SurveyRun            `json:"s,omitempty"`
	Drafts  map[string]*SurveyRun `json:"d,omitempty"`
	Join    *JoinRun              `json:"j,omitempty"`
	Promise *PromiseRun           `json:"pr,omitempty"`
	Talk    *TalkRun              `json:"tk,omitempty"`
}

// SurveyRun is a questionnaire being answered. Questions are named, not
// numbered, so a definition changed mid-way migrates by name.
type SurveyRun struct {
	ID      string              `json:"id"`
	Version string              `json:"v"`
	Cur     string              `json:"c,omitempty"` // "" = the closing summary
	Answers map[string][]string `json:"a,omitempty"`
	Hist    []string            `json:"h,omitempty"`
	Sel     []string            `json:"m,omitempty"` // multi-select in progress
	Review  bool                `json:"r,omitempty"` // changing one answer from the summary
	Page    int                 `json:"p,omitempty"` // page of a long choice list
	Row     int                 `json:"w,omitempty"` // matrix row being asked
	Other   bool                `json:"o,omitempty"` // waiting for the 其他 text
	Started bool                `json:"st,omitempty"`
	// Round and Unit: the evaluation round (评) of Unit whose satisfaction
	// questionnaire this is; "" for the questionnaire's own campaign.
	Round string `json:"rd,omitempty"`
	Unit  string `json:"ru,omitempty"`
}

// draftKey names a parked run in Session.Drafts: the questionnaire id, or
// "<id>@<round>" for a round's run, so a round's answers never mix with the
// campaign's (or another round's).
func draftKey(id, round string) string {
	if round == "" {
		return id
	}
	return id + "@" + round
}

func (r *SurveyRun) key() string { return draftKey(r.ID, r.Round) }

// JoinRun is a join in progress: the invite and the name typed so far.
type JoinRun struct {
	Code string `json:"c"`
	Unit string `json:"u"`
	Role Role   `json:"r"`
	Name string `json:"n,omitempty"`
}

// callback data: "<seq>:<verb>" or "<seq>:<verb>:<arg>"; entry buttons that
// are valid whatever the session holds start with a letter ("sv:<survey>").
type callback struct {
	Seq  int
	Verb string
	Arg  string
}

func (s *Session) next() int {
	s.Seq++
	return s.Seq
}

func data(seq int, verb string, arg ...string) string {
	d := strconv.Itoa(seq) + ":" + verb
	if len(arg) > 0 {
		d += ":" + arg[0]
	}
	return d
}

func parseCallback(d string) (callback, bool) {
	parts := strings.SplitN(d, ":", 3)
	if len(parts) < 2 {
		return callback{}, false
	}
	seq, err := strconv.Atoi(parts[0])
	if err != nil || seq <= 0 {
		return callback{}, false
	}
	c := callback{Seq: seq, Verb: parts[1]}
	if len(parts) == 3 {
		c.Arg = parts[2]
	}
	return c, true
}

func (c callback) index(n int) (int, bool) {
	i, err := strconv.Atoi(c.Arg)
	if err != nil || i < 0 || i >= n {
		return 0, false
	}
	return i, true
}

func surveyEntry(id string) string { return "sv:" + id }

func (c callback) String() string { return fmt.Sprintf("%d:%s:%s", c.Seq, c.Verb, c.Arg) }
