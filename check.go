package main

import (
	"flag"
	"fmt"
	"io"
	"sort"

	"sibu/config"
)

// check is `sibu check [-config file] <dir>`: it loads every questionnaire
// file in dir and prints every problem at once (file and question named),
// and what was assumed of each file (a SurveyJS Creator file's campaign
// defaults), exiting 1 when there is any problem.
func check(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sibu check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := fs.String("config", "config.example.yaml", "configuration whose units the campaigns name")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: sibu check [-config file] <questionnaires dir>")
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	cfg, err := config.Load(*path, func(string) (string, bool) { return "", false })
	if err != nil {
		// The questionnaires themselves may be what fails to load: check
		// them against a configuration without its questionnaires.
		cfg, err = config.LoadWithoutQuestionnaires(*path)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 2
		}
	}
	surveys, errs := cfg.LoadDir(fs.Arg(0))
	for _, e := range errs {
		fmt.Fprintln(stdout, e)
	}
	ids := make([]string, 0, len(surveys))
	for id := range surveys {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		sv := surveys[id]
		fmt.Fprintf(stdout, "ok  %s — %s (%d questions, version %s)\n", id, sv.Title, len(sv.Questions), sv.Version)
		for _, n := range sv.Notes {
			fmt.Fprintf(stdout, "    note: %s\n", n)
		}
	}
	if len(errs) > 0 {
		fmt.Fprintf(stdout, "%d problem(s) in %s\n", len(errs), fs.Arg(0))
		return 1
	}
	return 0
}
