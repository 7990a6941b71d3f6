package bench

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"

	"sibu/bot"
)

// childEnv names the environment variable that makes the bench binary (or
// the bench test binary) run one bot as a child process: the peer scenario
// reads each bot's CPU from /proc, so each runs in a process of its own.
const childEnv = "SIBU_BENCH_CHILD"

// childSpec is what a child is told to run.
type childSpec struct {
	Kind     string         `json:"kind"` // "sibu" or "peer"
	API      string         `json:"api"`  // Bot API base URL (the emulator)
	Redis    string         `json:"redis"`
	Config   string         `json:"config,omitempty"` // sibu: the configuration
	Prefix   string         `json:"prefix,omitempty"` // sibu: the key prefix
	Workers  int            `json:"workers,omitempty"`
	Limits   bot.Limits     `json:"limits"`
	Title    string         `json:"title,omitempty"` // peer: the questionnaire
	Question []peerQuestion `json:"questions,omitempty"`
}

// Child runs the bot a parent bench asked for when this process is such a
// child (childEnv is set), until its stdin closes; ok is false otherwise.
// main and the bench tests call it first.
func Child() (code int, ok bool) {
	raw := os.Getenv(childEnv)
	if raw == "" {
		return 0, false
	}
	var spec childSpec
	if err := json.Unmarshal([]byte(raw), &spec); err != nil {
		fmt.Fprintln(os.Stderr, "bench child:", err)
		return 1, true
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithCancel(ctx)
	go func() { io.Copy(io.Discard, os.Stdin); cancel() }() // the parent closed the pipe (or died)
	if err := spec.run(ctx, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bench child:", err)
		return 1, true
	}
	return 0, true
}

// run starts the bot, says "ready" on out, and serves until ctx ends.
func (spec childSpec) run(ctx context.Context, out io.Writer) error {
	switch spec.Kind {
	case "peer":
		fmt.Fprintln(out, "ready")
		return runPeer(ctx, spec.API, spec.Redis, spec.Title, spec.Question)
	case "sibu":
		e, err := setup(ctx, params{redisURL: spec.Redis, configPath: spec.Config}, io.Discard)
		if err != nil {
			return err
		}
		defer e.rdb.Close()
		if spec.Workers > 0 {
			e.cfg.Workers = spec.Workers
		}
		s, err := e.startSibu(ctx, spec.API, spec.Prefix, spec.Limits)
		if err != nil {
			return err
		}
		fmt.Fprintln(out, "ready")
		<-ctx.Done()
		s.close()
		return nil
	}
	return fmt.Errorf("unknown child kind %q", spec.Kind)
}

// child is a running child process.
type child struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
}

// startChild starts this binary again as a child running spec and waits
// until it is ready.
func startChild(spec childSpec) (*child, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	b, _ := json.Marshal(spec)
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), childEnv+"="+string(b))
	cmd.Stderr = os.Stderr
	setPdeathsig(cmd)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s child: %w", spec.Kind, err)
	}
	c := &child{cmd: cmd, stdin: stdin}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if strings.TrimSpace(line) != "ready" {
		c.stop()
		return nil, errors.Join(fmt.Errorf("%s child did not start", spec.Kind), err)
	}
	go io.Copy(io.Discard, stdout)
	return c, nil
}

// pid is the child's process id.
func (c *child) pid() int { return c.cmd.Process.Pid }

// stop ends the child (its figures are read by then) and waits for it.
func (c *child) stop() {
	c.stdin.Close()
	c.cmd.Process.Kill()
	c.cmd.Wait()
}
