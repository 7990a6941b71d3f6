package research

import (
	"regexp"
	"slices"
	"testing"

	"sibu/flows/kit"
)

// TestCatalogLanguages: every research message has its English text and
// no English text lacks its Chinese one; each pair takes the same
// arguments (the same %-verbs in the same order), so a message never
// prints %!d(MISSING) in one language only.
func TestCatalogLanguages(t *testing.T) {
	zh, en := catalog["zh"], catalog["en"]
	for _, k := range sortedKeys(zh) {
		if _, ok := en[k]; !ok {
			t.Errorf("%s has no English text (Chinese: %q)", k, zh[k])
		}
	}
	for _, k := range sortedKeys(en) {
		if _, ok := zh[k]; !ok {
			t.Errorf("%s has an English text but no Chinese one", k)
		}
	}
	for _, k := range sortedKeys(zh) {
		e, ok := en[k]
		if !ok {
			continue
		}
		if got, want := verbs(e), verbs(zh[k]); !slices.Equal(got, want) {
			t.Errorf("%s: English verbs %q, Chinese %q", k, got, want)
		}
	}
}

// verbRE matches a fmt verb with its flags, index, width and precision.
var verbRE = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// verbs are the fmt verbs of a message in order, "%%" left out.
func verbs(s string) []string {
	var out []string
	for _, v := range verbRE.FindAllString(s, -1) {
		if v != "%%" {
			out = append(out, v)
		}
	}
	return out
}

func sortedKeys(m map[kit.Msg]string) []kit.Msg {
	keys := make([]kit.Msg, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
