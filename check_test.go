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
