package access

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"sibu/flows/kit"
	"sibu/flows/kit/kittest"
)

// accessDoc is the generated documentation of the policy.
var accessDoc = filepath.Join("..", "..", "docs", "ACCESS.md")

// verdicts decides row for role in every relation, with env's separation
// of duties: one letter per relation (Y, S, N or ·). A refusal or a
// scoped answer without a reason in both languages is an error.
func verdicts(t *testing.T, env *kit.Env, rw row, role kit.Role) string {
	t.Helper()
	person := kit.Person{ID: me, Name: "测试", Unit: "u", Role: role}
	var b strings.Builder
	for r := ownUnit; r <= declaredItem; r++ {
		o, ok := rw.object(role, r)
		if !ok {
			b.WriteString("·")
			continue
		}
		d := Decide(env, person, rw.action, o)
		for _, lang := range []string{"zh", "en"} {
			if text := d.Text(lang); (!d.Allowed || d.Scope != "") && (text == "" || text == string(d.Why)) {
				t.Errorf("%s · %s · %s: no %s reason for %+v", rw.uses, role, relNames[r], lang, d)
			}
		}
		switch {
		case !d.Allowed:
			b.WriteString("N")
		case d.Scope != "":
			b.WriteString("S")
		default:
			b.WriteString("Y")
		}
	}
	return b.String()
}

// TestTable checks every row of the table against the policy, with
// separation of duties on and off, and that docs/ACCESS.md is the table
// (go test ./flows/access -update writes it).
func TestTable(t *testing.T) {
	for _, sep := range []bool{true, false} {
		env := tableEnv
		env.NoSeparation = !sep
		for _, rw := range table {
			for _, role := range roles {
				want := rw.want[role]
				if !sep && rw.off != nil {
					want = rw.off[role]
				}
				if got := verdicts(t, &env, rw, role); got != want {
					t.Errorf("%s · %s (separation %v): got %s, want %s (%s)", rw.uses, role, sep, got, want, strings.Join(relNames, ", "))
				}
			}
		}
	}
	got := accessMarkdown()
	if *kittest.Update {
		if err := os.WriteFile(accessDoc, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(accessDoc)
	if err != nil || string(want) != got {
		t.Errorf("%s differs from the table (go test ./flows/access -update rewrites it): %v", accessDoc, err)
	}
}

var (
	commandUse = regexp.MustCompile(`^/([a-z]+)`)
	verbUse    = regexp.MustCompile(`^([a-z]+):(?:<[^>]+>)(?::<[^>]+>)*(?::([a-z|]+))?`)
)

// TestEveryUseIsInTheTable: every command and button verb the policy names
// has a row, and a verb's row has the verb's action.
func TestEveryUseIsInTheTable(t *testing.T) {
	commands, verbs := map[string]bool{}, map[string]Action{}
	for _, rw := range table {
		for _, use := range strings.Split(rw.uses, ", ") {
			if m := commandUse.FindStringSubmatch(use); m != nil {
				commands[m[1]] = true
			}
			m := verbUse.FindStringSubmatch(use)
			if m == nil {
				continue
			}
			if m[2] == "" {
				verbs[m[1]] = rw.action
			}
			for _, v := range strings.Split(m[2], "|") {
				if v != "" {
					verbs[m[1]+":"+v] = rw.action
				}
			}
		}
	}
	for name := range Commands {
		if !commands[name] {
			t.Errorf("/%s has no row in the table", name)
		}
	}
	for key, a := range Verbs {
		if got, ok := verbs[key]; !ok || got != a {
			t.Errorf("%s: row action %q, want %q", key, got, a)
		}
	}
}

// TestInterviewerStaysInTheChain: a fallback interviewer is at the
// person's unit or above it, never beside or below it.
func TestInterviewerStaysInTheChain(t *testing.T) {
	opener := kit.Person{ID: me, Unit: "u", Role: kit.RoleOfficial}
	for unit, want := range map[string]bool{"u": true, "c": true, "p": false, "s": false, "root": false} {
		if got := Interviewer(&tableEnv, opener, unit); got != want {
			t.Errorf("opener at u, person at %s: %v, want %v", unit, got, want)
		}
	}
}

// accessMarkdown renders docs/ACCESS.md from the table and the reasons.
func accessMarkdown() string {
	var b strings.Builder
	b.WriteString(accessIntro)
	b.WriteString("\n## The table (separation of duties on, the default)\n\n")
	writeRows(&b, table, func(rw row) map[kit.Role]string { return rw.want })
	b.WriteString(accessOff)
	var changed []row
	for _, rw := range table {
		if rw.off != nil {
			changed = append(changed, rw)
		}
	}
	writeRows(&b, changed, func(rw row) map[kit.Role]string { return rw.off })
	b.WriteString("\n## What people are told\n\nEvery refusal (and a scoped answer) says why, in the person's language " +
		"(Chinese unless their Telegram is set to English).\n\n| Reason | 中文 | English |\n| --- | --- | --- |\n")
	keys := make([]string, 0, len(catalog["zh"]))
	for k := range catalog["zh"] {
		keys = append(keys, string(k))
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", k, cell(catalog["zh"][kit.Msg(k)]), cell(catalog["en"][kit.Msg(k)]))
	}
	return b.String()
}

// writeRows writes rows as a table, one line per role.
func writeRows(b *strings.Builder, rows []row, verdicts func(row) map[kit.Role]string) {
	b.WriteString("| Command or button | Action | Role | " + strings.Join(relNames, " | ") + " |\n")
	b.WriteString("| --- | --- | --- |" + strings.Repeat(" :-: |", len(relNames)) + "\n")
	for _, rw := range rows {
		for i, role := range roles {
			uses, action := code(rw.uses), "`"+string(rw.action)+"`"
			if i > 0 {
				uses, action = "", ""
			}
			letters := strings.Split(verdicts(rw)[role], "")
			fmt.Fprintf(b, "| %s | %s | %s | %s |\n", uses, action, role, strings.Join(letters, " | "))
		}
	}
}

// cell escapes text for a table cell.
func cell(s string) string {
	return strings.NewReplacer("|", "\\|", "\n", " ").Replace(s)
}

// code writes uses ("/a x, /b (note)") as code spans in a table cell, the
// notes in parentheses as text.
func code(uses string) string {
	var parts []string
	for _, u := range strings.Split(uses, ", ") {
		use, note, _ := strings.Cut(u, " (")
		part := "`" + cell(use) + "`"
		if note != "" {
			part += " (" + cell(note)
		}
		parts = append(parts, part)
	}
	return strings.Join(parts, ", ")
}
