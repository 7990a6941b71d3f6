package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckPrintsEveryProblem(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte(`campaign: {units: [root], satisfied: {question: zz, values: [a]}}
survey:
  title: 坏问卷
  elements:
    - {type: slider, name: a}
    - {type: radiogroup, name: b, choices: [x, x], visibleIf: "{c} = 'y'"}
    - {type: radiogroup, name: b, choices: [y]}
    - {type: comment, name: c, colour: red}
`), 0o644)
	good, _ := os.ReadFile("questionnaires/huanjie.yaml")
	os.WriteFile(filepath.Join(dir, "good.yaml"), good, 0o644)
	var out, errb bytes.Buffer
	code := check([]string{"-config", "config.example.yaml", dir}, &out, &errb)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", code, out.String(), errb.String())
	}
	text := out.String()
	for _, want := range []string{"bad.yaml", `question a: unknown type "slider"`, `question b: duplicate choice "x"`,
		`names "c", which is not asked before this question`, "question b: duplicate name", "unknown property \"colour\"",
		"ok  good"} {
		if !strings.Contains(text, want) {
			t.Errorf("check output lacks %q:\n%s", want, text)
		}
	}
	out.Reset()
	if code := check([]string{"-config", "config.example.yaml", "questionnaires"}, &out, &errb); code != 0 {
		t.Fatalf("shipped questionnaires: exit %d\n%s", code, out.String())
	}
}

// TestCheckSaysTheDefaultsOfACreatorFile: a SurveyJS Creator export (the
// SurveyJS part alone) loads, and check says which campaign defaults it
// got and which display settings were left out.
func TestCheckSaysTheDefaultsOfACreatorFile(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "cunwu.json"), []byte(`{"title": "村务公开满意度调查", "logoPosition": "right",
 "pages": [{"name": "page1", "elements": [{"type": "radiogroup", "name": "q1", "title": "是否满意", "choices": ["满意", "不满意"]}]}]}`), 0o644)
	var out, errb bytes.Buffer
	if code := check([]string{"-config", "config.example.yaml", dir}, &out, &errb); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out.String(), errb.String())
	}
	for _, want := range []string{"ok  cunwu — 村务公开满意度调查 (1 questions", "note: a SurveyJS Creator file without a campaign: defaults applied",
		"the root unit", "not anonymous", "note: display settings left out (Telegram shows one question at a time): logoPosition"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("check output lacks %q:\n%s", want, out.String())
		}
	}
}
