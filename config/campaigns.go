package config

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"sibu/flows/research"
)

// Research is the "research" section: what the research campaign's
// conversations offer (调研 听·问·访·谈).
type Research struct {
	// Places are where visits (访) go (default 村居, 站所, 企业, 农户).
	Places []string `yaml:"places"`
	// Topics tag the opinions of the 意见台账 (default 班子建设, 干部作风,
	// 换届纪律, 民生诉求, 发展建议, 其他).
	Topics []string `yaml:"topics"`
	// EditWindow is how long the author may change a meeting or a visit
	// (default 168h).
	EditWindow time.Duration `yaml:"edit_window"`

	// Settings is derived by validate (with the campaigns).
	Settings research.Settings `yaml:"-"`
}

// CampaignDef is one research campaign as configured (campaigns: or a file
// in campaigns_dir).
type CampaignDef struct {
	Title string `yaml:"title"`
	// Units are the campaign's rows (e.g. the townships), each with its
	// subtree.
	Units  []string `yaml:"units"`
	Period struct {
		From string `yaml:"from"`
		To   string `yaml:"to"`
	} `yaml:"period"`
	Targets struct {
		MeetingsPerUnit int64    `yaml:"meetings_per_unit"`
		Questionnaires  []string `yaml:"questionnaires"`
		Responses       int64    `yaml:"responses"`
		VisitsPerUnit   int64    `yaml:"visits_per_unit"`
		TalkRounds      []string `yaml:"talk_rounds"`
		Coverage        int64    `yaml:"coverage"`
	} `yaml:"targets"`
}

// validateResearch fills the research section's defaults, reads the
// campaigns (of the file, then of campaigns_dir) and builds Settings; it
// runs after the questionnaires and talk rounds are loaded, which campaigns
// name. Errors name the key (or the file).
func (c *Config) validateResearch() error {
	r := &c.Research
	s := research.Settings{Places: r.Places, Topics: r.Topics, EditWindow: r.EditWindow}.WithDefaults()
	for key, list := range map[string][]string{"research.places": s.Places, "research.topics": s.Topics} {
		for _, v := range list {
			if v = strings.TrimSpace(v); v == "" || len([]rune(v)) > 12 {
				return bad(key, "%q: each is 1–12 characters (they are buttons)", v)
			}
		}
	}
	if s.EditWindow < time.Hour {
		return bad("research.edit_window", "must be at least 1h")
	}
	s.Campaigns = map[string]*research.Campaign{}
	defs, err := c.campaignDefs()
	if err != nil {
		return err
	}
	for _, id := range slices.Sorted(maps.Keys(defs)) {
		camp, err := defs[id].campaign(id, c)
		if err != nil {
			return err
		}
		s.Campaigns[id] = camp
	}
	r.Settings = s
	return nil
}

// campaignDefs are the campaigns of the file and of campaigns_dir (one
// <id>.yaml or .yml each), keyed by the key errors name them by.
func (c *Config) campaignDefs() (map[string]CampaignDef, error) {
	out := map[string]CampaignDef{}
	for id, d := range c.Campaigns {
		out[id] = d
	}
	if c.CampaignsDir == "" {
		return out, nil
	}
	dir := c.CampaignsDir
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(c.dir, dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, bad("campaigns_dir", "%v", err)
	}
	for _, e := range entries {
		ext := filepath.Ext(e.Name())
		if e.IsDir() || ext != ".yaml" && ext != ".yml" {
			continue
		}
		id := strings.TrimSuffix(e.Name(), ext)
		path := filepath.Join(dir, e.Name())
		if _, dup := out[id]; dup {
			return nil, bad("campaigns_dir", "campaign %q is defined in the config file and in %s", id, path)
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return nil, bad("campaigns_dir", "%v", err)
		}
		var d CampaignDef
		if err := yaml.Unmarshal(raw, &d); err != nil {
			return nil, bad("campaigns_dir", "%s: %v", path, err)
		}
		out[id] = d
	}
	return out, nil
}

// campaign checks the definition of campaign id against the units,
// questionnaires and talk rounds of c, and returns the campaign the flows
// run (its days at midnight in c's location).
func (d CampaignDef) campaign(id string, c *Config) (*research.Campaign, error) {
	key := "campaigns." + id
	if !validID(id) || len(id) > 16 {
		return nil, bad(key, "campaign ids are 1–16 characters of a-z 0-9 _ - (they go into 64-byte button data)")
	}
	camp := &research.Campaign{ID: id, Title: strings.TrimSpace(d.Title), Units: d.Units}
	if camp.Title == "" {
		return nil, bad(key+".title", "is required")
	}
	if len(d.Units) == 0 {
		return nil, bad(key+".units", "name at least one unit (its subtree is a row of the dashboard)")
	}
	for _, u := range d.Units {
		if !c.hasUnit(u) {
			return nil, bad(key+".units", "unknown unit %q", u)
		}
	}
	var err error
	if camp.From, err = time.ParseInLocation("2006-01-02", d.Period.From, c.Location); err != nil {
		return nil, bad(key+".period.from", "%q: use 2006-01-02", d.Period.From)
	}
	if camp.To, err = time.ParseInLocation("2006-01-02", d.Period.To, c.Location); err != nil || camp.To.Before(camp.From) {
		return nil, bad(key+".period.to", "%q: use 2006-01-02, not before period.from", d.Period.To)
	}
	if camp.Targets, err = d.targets(key, c); err != nil {
		return nil, err
	}
	return camp, nil
}

// targets checks a campaign's targets and the questionnaires and talk
// rounds they name.
func (d CampaignDef) targets(key string, c *Config) (research.Targets, error) {
	t := d.Targets
	out := research.Targets{Meetings: t.MeetingsPerUnit, Surveys: t.Questionnaires, Responses: t.Responses,
		Visits: t.VisitsPerUnit, Rounds: t.TalkRounds, Coverage: t.Coverage}
	if out.Coverage == 0 {
		out.Coverage = 100
	}
	switch {
	case t.MeetingsPerUnit < 0, t.Responses < 0, t.VisitsPerUnit < 0:
		return out, bad(key+".targets", "counts must not be negative")
	case out.Coverage < 1 || out.Coverage > 100:
		return out, bad(key+".targets.coverage", "%d: a percentage, 1–100", t.Coverage)
	}
	for _, q := range t.Questionnaires {
		if c.Surveys[q] == nil && !c.noQuestionnaires {
			return out, bad(key+".targets.questionnaires", "unknown questionnaire %q", q)
		}
	}
	for _, r := range t.TalkRounds {
		if c.Talks.Settings.Rounds[r] == nil {
			return out, bad(key+".targets.talk_rounds", "unknown talk round %q", r)
		}
	}
	return out, nil
}
