package config_test

import (
	"strings"
	"testing"
	"time"

	"sibu/config"
)

func TestPromiseExampleAndDefaults(t *testing.T) {
	c, err := config.Load("../config.example.yaml", env(nil))
	if err != nil {
		t.Fatal(err)
	}
	s := c.Promise.Settings()
	if s.MinItems != 2 || s.MaxItems != 5 || s.Levels != 2 || s.NoPublish || s.Rectify != 720*time.Hour ||
		len(s.Remind) != 3 || len(s.Sources) != 3 {
		t.Fatalf("example promise settings %+v", s)
	}
}

func TestPromiseErrorsNameTheKey(t *testing.T) {
	base := "units:\n  - {id: root, name: R}\n"
	for yaml, key := range map[string]string{
		"promise: {min_items: 4, max_items: 3}":   "promise.max_items",
		"promise: {review_levels: 5}":             "promise.review_levels",
		"promise: {remind_days: [7, -1]}":         "promise.remind_days",
		"promise: {rectify: 1h}":                  "promise.rectify",
		"promise: {sources: [意见箱, \"\"]}":         "promise.sources[1]",
		"promise: {publish: false, min_items: 1}": "",
	} {
		c, err := config.Parse([]byte(base+yaml), ".", env(nil))
		if key == "" {
			if err != nil || !c.Promise.Settings().NoPublish || c.Promise.Settings().MinItems != 1 {
				t.Errorf("%s: %v", yaml, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), key) {
			t.Errorf("%s: error %v, want one naming %s", yaml, err, key)
		}
	}
}
