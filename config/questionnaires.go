package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"sibu/flows/survey"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// loadQuestionnaires sets Surveys: the questionnaires of the file (in id
// order), then those of questionnaires_dir; an id may be defined once.
func (c *Config) loadQuestionnaires() error {
	c.Surveys = map[string]*survey.Survey{}
	for _, id := range slices.Sorted(maps.Keys(c.Questionnaires)) {
		if !validID(id) {
			return bad("questionnaires."+id, "ids are 1–32 characters of a-z 0-9 _ -")
		}
		raw, err := json.Marshal(c.Questionnaires[id])
		if err != nil {
			return bad("questionnaires."+id, "%v", err)
		}
		sv, err := c.parseSurvey(id, raw)
		if err != nil {
			return bad("questionnaires."+id, "%v", err)
		}
		c.Surveys[id] = sv
	}
	if c.QuestionnairesDir == "" {
		return nil
	}
	dir := c.QuestionnairesDir
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(c.dir, dir)
	}
	surveys, errs := c.LoadDir(dir)
	if len(errs) > 0 {
		return bad("questionnaires_dir", "%v (run: sibu check %s)", errors.Join(errs...), dir)
	}
	for id, sv := range surveys {
		if _, dup := c.Surveys[id]; dup {
			return bad("questionnaires_dir", "questionnaire %q is defined in the config file and in %s", id, dir)
		}
		c.Surveys[id] = sv
	}
	return nil
}

// parseSurvey parses one questionnaire and checks its units exist.
func (c *Config) parseSurvey(id string, raw []byte) (*survey.Survey, error) {
	sv, err := survey.Parse(id, raw, c.Location)
	if err != nil {
		return nil, err
	}
	for _, u := range sv.Campaign.Units {
		if !c.hasUnit(u) {
			return nil, fmt.Errorf("questionnaire %q: campaign.units: unknown unit %q", id, u)
		}
	}
	return sv, nil
}

// LoadDir reads every questionnaire file (<id>.yaml, .yml or .json) in dir
// and returns them with every problem found, each naming its file.
func (c *Config) LoadDir(dir string) (map[string]*survey.Survey, []error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, []error{err}
	}
	out := map[string]*survey.Survey{}
	var errs []error
	for _, e := range entries {
		ext := filepath.Ext(e.Name())
		if e.IsDir() || (ext != ".yaml" && ext != ".yml" && ext != ".json") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		id := strings.TrimSuffix(e.Name(), ext)
		sv, err := c.loadFile(path, id, ext)
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				errs = append(errs, fmt.Errorf("%s: %s", path, line))
			}
			continue
		}
		out[id] = sv
	}
	if len(out) == 0 && len(errs) == 0 {
		errs = append(errs, fmt.Errorf("%s: no questionnaire files (*.yaml, *.yml, *.json)", dir))
	}
	return out, errs
}

// loadFile reads the questionnaire id from path, YAML unless ext is .json.
func (c *Config) loadFile(path, id, ext string) (*survey.Survey, error) {
	if !validID(id) {
		return nil, fmt.Errorf("file name %q: ids are 1–32 characters of a-z 0-9 _ -", id)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if ext != ".json" {
		var v any
		if err := yaml.Unmarshal(raw, &v); err != nil {
			return nil, fmt.Errorf("YAML: %v", err)
		}
		if raw, err = json.Marshal(v); err != nil {
			return nil, err
		}
	}
	return c.parseSurvey(id, raw)
}
