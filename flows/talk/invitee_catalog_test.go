package talk

import (
	"regexp"
	"slices"
	"strconv"
	"testing"

	"sibu/flows/kit"
)

// TestCatalogLanguages: every talk message has its English text and no
// English text lacks its Chinese one; each pair takes the same %-verbs in
// the same arguments (an indexed verb may reorder them), so a reminder never
// prints %!s(MISSING) in one language.
func TestCatalogLanguages(t *testing.T) {
	zh, en := catalog["zh"], catalog["en"]
	for _, k := range sortedMsgs(zh) {
		e, ok := en[k]
		if !ok {
			t.Errorf("%s has no English text (Chinese: %q)", k, zh[k])
			continue
		}
		if got, want := fmtVerbs(e), fmtVerbs(zh[k]); !slices.Equal(got, want) {
			t.Errorf("%s: English verbs %q, Chinese %q", k, got, want)
		}
	}
	for _, k := range sortedMsgs(en) {
		if _, ok := zh[k]; !ok {
			t.Errorf("%s has an English text but no Chinese one", k)
		}
	}
}

var fmtVerbRE = regexp.MustCompile(`%(?:\[(\d+)\])?[-+# 0]*\d*(?:\.\d+)?([a-zA-Z%])`)

// fmtVerbs are the verbs of a message by the argument they format
// ("1:s", "2:d"), in argument order.
func fmtVerbs(s string) []string {
	var out []string
	arg := 0
	for _, m := range fmtVerbRE.FindAllStringSubmatch(s, -1) {
		if m[2] == "%" {
			continue
		}
		if m[1] != "" {
			arg, _ = strconv.Atoi(m[1])
		} else {
			arg++
		}
		out = append(out, strconv.Itoa(arg)+":"+m[2])
	}
	slices.Sort(out)
	return out
}

func sortedMsgs(m map[kit.Msg]string) []kit.Msg {
	keys := make([]kit.Msg, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
