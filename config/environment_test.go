package config_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"sibu/config"
)

// Typos are spelt in two parts so that the scan of the repository below
// does not take them for variables sibu reads.
const sibu = "SIBU_"

// TestUnknownVariableNamesTheClosest: a mistyped variable is not silently
// ignored (issue 11, finding 7: the token variable misspelt started the
// playground against the production records system).
func TestUnknownVariableNamesTheClosest(t *testing.T) {
	tests := []struct {
		name    string
		environ []string
		want    string // "" = accepted
	}{
		{"the token misspelt", []string{"PATH=/bin", sibu + "TELEGRAM_TOKN=123:abc"}, "unknown " + sibu + "TELEGRAM_TOKN; did you mean SIBU_TELEGRAM_TOKEN?"},
		{"letters swapped", []string{sibu + "REDSI_URL=redis://x"}, "did you mean SIBU_REDIS_URL?"},
		{"lower case is not read either", []string{"sibu_records_url=file:///x"}, "did you mean SIBU_RECORDS_URL?"},
		{"set but empty", []string{sibu + "WEBHOOK_SECRT="}, "did you mean SIBU_WEBHOOK_SECRET?"},
		{"a word of the name", []string{sibu + "TOKEN=1:x"}, "did you mean SIBU_TELEGRAM_TOKEN?"},
		{"nothing near", []string{sibu + "DEBUG=1"}, "unknown " + sibu + "DEBUG (sibu reads SIBU_TELEGRAM_TOKEN, "},
		{"two at once", []string{sibu + "ADMIN=1", sibu + "HTTP_LISEN=:1"}, "did you mean SIBU_ADMINS?; unknown " + sibu + "HTTP_LISEN; did you mean SIBU_HTTP_LISTEN?"},
		{"known, production", []string{"SIBU_TELEGRAM_TOKEN=1:x", "SIBU_WEBHOOK_SECRET=y", "SIBU_PLAYGROUND=1", "SIBU_ANONYMITY_KEY=AGE-SECRET-KEY-1"}, ""},
		{"known, tests and scripts", []string{"SIBU_TEST_REDIS_URL=unix:///tmp/r.sock", "SIBU_ARTIFACTS=/tmp/a", "SIBU_CHROMIUM=/usr/bin/chromium",
			"SIBU_TEST_CLOCK=1", "SIBU_PLAYGROUND_LISTEN=127.0.0.1:0"}, ""},
		{"other programs' variables", []string{"HOME=/root", "SIBUX=1", "XSIBU_TOKEN=1", "=C:=C:\\"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := config.CheckEnvironment(tt.environ)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("refused %v: %v", tt.environ, err)
			case tt.want == "":
			case err == nil:
				t.Fatalf("accepted %v", tt.environ)
			case !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n"):
				t.Fatalf("error %q should be one line saying %q", err, tt.want)
			}
		})
	}
}

// TestEveryVariableInTheRepositoryIsKnown: whatever SIBU_* name the code,
// its tests or its scripts read must not be refused as unknown (the test
// suite runs the binary with SIBU_TEST_REDIS_URL set, for instance).
func TestEveryVariableInTheRepositoryIsKnown(t *testing.T) {
	name := regexp.MustCompile(`\bSIBU_[A-Z0-9_]*[A-Z0-9]`)
	found := map[string]string{}
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); path != ".." && (strings.HasPrefix(n, ".") || n == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		switch filepath.Ext(path) {
		case ".go", ".sh", ".yaml", ".yml", ".js", ".html":
		default:
			return nil
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, n := range name.FindAllString(string(raw), -1) {
			found[n] = path
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(found) < 10 {
		t.Fatalf("found only %v: is the scan looking at the repository?", found)
	}
	for n, path := range found {
		if err := config.CheckEnvironment([]string{n + "=x"}); err != nil {
			t.Errorf("%s (read in %s) is refused: %v", n, path, err)
		}
	}
}

// TestEveryVariableLoadReadsIsKnown: the lookups Load makes are all known.
func TestEveryVariableLoadReadsIsKnown(t *testing.T) {
	var asked []string
	_, err := config.Load("../config.example.yaml", func(k string) (string, bool) {
		asked = append(asked, k)
		return "", false
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range asked {
		if err := config.CheckEnvironment([]string{k + "=x"}); err != nil {
			t.Errorf("Load reads %s, but it is refused: %v", k, err)
		}
	}
}
