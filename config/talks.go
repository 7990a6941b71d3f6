package config

import (
	"fmt"
	"maps"
	"regexp"
	"sibu/flows/kit"
	"sibu/flows/talk"
	"slices"
	"sort"
	"strings"
	"time"
)

// Talks is the "talks" section of the configuration: talk rounds (谈民心,
// 一对一交心谈心 with 电话约谈 and 会后补谈 until 全覆盖).
type Talks struct {
	// ChangeCutoff: bookings can be changed or cancelled until this long
	// before the talk (default 2h).
	ChangeCutoff time.Duration `yaml:"change_cutoff"`
	// RemindBefore: interviewers are reminded this long before a phone
	// slot (default 15m).
	RemindBefore time.Duration `yaml:"remind_before"`
	// RecordsIncludePrivate puts phone numbers and talk summaries in records
	// events (default false: events carry a reference).
	RecordsIncludePrivate bool `yaml:"records_include_private"`
	// Rounds are the rounds officials open with /talks open <id>.
	Rounds map[string]TalkRound `yaml:"rounds"`

	// Settings is derived by validate.
	Settings talk.Settings `yaml:"-"`
}

// TalkRound is one round's definition.
type TalkRound struct {
	Title string `yaml:"title"`
	// Units and roles make the roster (default: the root unit, every role);
	// people adds user ids (e.g. matched from an uploaded list).
	Units  []string `yaml:"units"`
	Roles  []string `yaml:"roles"`
	People []int64  `yaml:"people"`
	// Interviewers per unit id (user ids); units without any use their
	// supervisors (or the nearest ancestor's).
	Interviewers map[string][]int64 `yaml:"interviewers"`
	// Sessions are the in-person talks: at "2006-01-02 15:04", place.
	Sessions []struct {
		At    string `yaml:"at"`
		Place string `yaml:"place"`
	} `yaml:"sessions"`
	// Slots are phone slots each interviewer offers: "2006-01-02 15:04"
	// or a range "2006-01-02 14:00-17:00/30m" (every 30 minutes).
	Slots      []string      `yaml:"slots"`
	SlotLength time.Duration `yaml:"slot_length"`
	// Deadline for full coverage, "2006-01-02 15:04".
	Deadline string `yaml:"deadline"`
}

// slotRange matches a range of phone slots: "2006-01-02 14:00-17:00/30m".
var slotRange = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})-(\d{2}:\d{2})/(\S+)$`)

// validate fills defaults, checks the section and builds Settings; errors
// name the key. Rounds are checked in id order.
func (p *Talks) validate(c *Config) error {
	if p.ChangeCutoff == 0 {
		p.ChangeCutoff = talk.DefaultChangeCutoff
	}
	if p.RemindBefore == 0 {
		p.RemindBefore = talk.DefaultRemindBefore
	}
	if p.ChangeCutoff < 0 {
		return bad("talks.change_cutoff", "must not be negative")
	}
	if p.RemindBefore < time.Minute || p.RemindBefore > 24*time.Hour {
		return bad("talks.remind_before", "must be between 1m and 24h")
	}
	p.Settings = talk.Settings{ChangeCutoff: p.ChangeCutoff, RemindBefore: p.RemindBefore,
		RecordsIncludePrivate: p.RecordsIncludePrivate, Rounds: map[string]*talk.Round{}}
	for _, id := range slices.Sorted(maps.Keys(p.Rounds)) {
		r, err := p.Rounds[id].round(id, c)
		if err != nil {
			return err
		}
		p.Settings.Rounds[id] = r
	}
	return nil
}

// round checks the definition of round id and returns the round the flows
// run, its times in c's location; errors name the key.
func (d TalkRound) round(id string, c *Config) (*talk.Round, error) {
	key := "talks.rounds." + id
	if !validID(id) || len(id) > 16 {
		return nil, bad(key, "round ids are 1–16 characters of a-z 0-9 _ - (they go into 64-byte button data)")
	}
	r := &talk.Round{ID: id, Title: strings.TrimSpace(d.Title), Units: d.Units, People: d.People,
		Interviewers: d.Interviewers, SlotLength: d.SlotLength}
	if r.Title == "" {
		return nil, bad(key+".title", "is required")
	}
	if err := d.checkUnits(key, c); err != nil {
		return nil, err
	}
	var err error
	if r.Roles, err = d.roles(key); err != nil {
		return nil, err
	}
	if r.Sessions, err = d.sessions(key, c.Location); err != nil {
		return nil, err
	}
	if r.Slots, err = d.slots(key, c.Location); err != nil {
		return nil, err
	}
	if len(r.Sessions) == 0 && len(r.Slots) == 0 {
		return nil, bad(key, "needs sessions (面谈) or slots (电话约谈)")
	}
	if r.Deadline, err = time.ParseInLocation("2006-01-02 15:04", d.Deadline, c.Location); err != nil {
		return nil, bad(key+".deadline", "%q: use 2006-01-02 15:04", d.Deadline)
	}
	return r, nil
}

// checkUnits checks that the round's units and interviewers' units exist.
func (d TalkRound) checkUnits(key string, c *Config) error {
	for _, u := range d.Units {
		if !c.hasUnit(u) {
			return bad(key+".units", "unknown unit %q", u)
		}
	}
	for u := range d.Interviewers {
		if !c.hasUnit(u) {
			return bad(key+".interviewers", "unknown unit %q", u)
		}
	}
	return nil
}

// roles reads the round's roles.
func (d TalkRound) roles(key string) ([]kit.Role, error) {
	var out []kit.Role
	for _, role := range d.Roles {
		if !kit.Role(role).Valid() {
			return nil, bad(key+".roles", "%q: use member, supervisor, monitor or official", role)
		}
		out = append(out, kit.Role(role))
	}
	return out, nil
}

// sessions reads the round's in-person talks.
func (d TalkRound) sessions(key string, loc *time.Location) ([]talk.Session, error) {
	var out []talk.Session
	for i, s := range d.Sessions {
		at, err := time.ParseInLocation("2006-01-02 15:04", s.At, loc)
		if err != nil {
			return nil, bad(fmt.Sprintf("%s.sessions[%d].at", key, i), "%q: use 2006-01-02 15:04", s.At)
		}
		if strings.TrimSpace(s.Place) == "" {
			return nil, bad(fmt.Sprintf("%s.sessions[%d].place", key, i), "is required")
		}
		out = append(out, talk.Session{At: at, Place: s.Place})
	}
	return out, nil
}

// slots reads the round's phone slots, in time order.
func (d TalkRound) slots(key string, loc *time.Location) ([]time.Time, error) {
	var out []time.Time
	for i, s := range d.Slots {
		slots, err := parseSlots(s, loc)
		if err != nil {
			return nil, bad(fmt.Sprintf("%s.slots[%d]", key, i), "%v", err)
		}
		out = append(out, slots...)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Before(out[b]) })
	return out, nil
}

// parseSlots reads "2006-01-02 15:04" or "2006-01-02 14:00-17:00/30m".
func parseSlots(s string, loc *time.Location) ([]time.Time, error) {
	if m := slotRange.FindStringSubmatch(strings.TrimSpace(s)); m != nil {
		from, err1 := time.ParseInLocation("2006-01-02 15:04", m[1]+" "+m[2], loc)
		to, err2 := time.ParseInLocation("2006-01-02 15:04", m[1]+" "+m[3], loc)
		step, err3 := time.ParseDuration(m[4])
		if err1 != nil || err2 != nil || err3 != nil || step < 5*time.Minute || !from.Before(to) {
			return nil, fmt.Errorf("%q: use 2006-01-02 14:00-17:00/30m (step at least 5m)", s)
		}
		var out []time.Time
		for t := from; t.Before(to); t = t.Add(step) {
			out = append(out, t)
		}
		return out, nil
	}
	t, err := time.ParseInLocation("2006-01-02 15:04", strings.TrimSpace(s), loc)
	if err != nil {
		return nil, fmt.Errorf("%q: use 2006-01-02 15:04 or 2006-01-02 14:00-17:00/30m", s)
	}
	return []time.Time{t}, nil
}
