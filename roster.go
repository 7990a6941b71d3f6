package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"sibu/app"
	"sibu/config"
	"sibu/flows/join"
	"sibu/flows/kit"
	"sibu/reports"
	"sibu/storage"
)

// rosterCmd is `sibu roster import [-config file] FILE`: the first load of
// the roster of people expected to join (a county's tens of thousands),
// into the store of SIBU_REDIS_URL. Every row is checked as /roster checks
// it, for an official of the root unit; it prints the accepted count, every
// rejected row with its reason and who the file no longer lists (kept),
// and exits 1 when a row was rejected.
func rosterCmd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sibu roster import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := fs.String("config", "config.example.yaml", "configuration whose units the roster names (SIBU_REDIS_URL applies)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: sibu roster import [-config file] <roster.xlsx|roster.csv>")
		fmt.Fprintln(stderr, "  header row: 姓名, 单位, 角色, 手机, 职务 (or name, unit, role, phone, position)")
	}
	if len(args) == 0 || args[0] != "import" {
		fs.Usage()
		return 2
	}
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	cfg, err := config.Load(*path, os.LookupEnv)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	if cfg.Redis.URL == "" {
		fmt.Fprintln(stderr, "sibu roster import: SIBU_REDIS_URL is empty — the embedded Redis lives inside the running bot; set the URL of the bot's Redis")
		return 2
	}
	up, err := readRoster(fs.Arg(0))
	if err != nil {
		fmt.Fprintln(stderr, "sibu roster import:", err)
		return 1
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	rdb, closeRedis, err := storage.Connect(ctx, cfg.Redis.URL, log)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer closeRedis()
	store := storage.New(rdb, cfg.Redis.Prefix, storage.Options{Units: cfg.Units, Root: cfg.Root})
	env := kit.Env{Units: cfg.Units, Root: cfg.Root, NewCode: app.NewCode, Location: cfg.Location}
	im, err := importRoster(ctx, store, &env, up)
	if err != nil {
		fmt.Fprintln(stderr, "sibu roster import:", err)
		return 1
	}
	printImport(stdout, up.File, im, env.UnitName)
	if len(im.Rejected) > 0 {
		return 1
	}
	return 0
}

// readRoster reads and parses the roster file at path.
func readRoster(path string) (join.RosterUpload, error) {
	info, err := os.Stat(path)
	if err != nil {
		return join.RosterUpload{}, err
	}
	if info.Size() > join.MaxBytesCLI {
		return join.RosterUpload{}, fmt.Errorf("%s is over %d MB", path, join.MaxBytesCLI>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return join.RosterUpload{}, err
	}
	up := reports.ParsePeopleRoster(filepath.Base(path), data, reports.CLIRoster)
	if up.Problem != "" {
		return up, fmt.Errorf("%s cannot be imported: %s (a header row with 姓名 and 手机, .xlsx or .csv, at most %d rows)",
			path, up.Problem, join.MaxRowsCLI)
	}
	return up, nil
}

// importRoster checks the rows for an official of the root and imports
// them; a row that changed meanwhile (someone joined) makes it check and
// import again.
func importRoster(ctx context.Context, store *storage.Store, env *kit.Env, up join.RosterUpload) (join.Import, error) {
	cli := kit.Person{Name: "命令行", Unit: env.Root, Role: kit.RoleOfficial}
	for attempt := 0; ; attempt++ {
		im, err := join.Check(env, cli, "zh", up.Rows, store.Roster(ctx), env.NewCode)
		if err != nil {
			return im, err
		}
		rec := join.RosterImported{ID: env.NewCode(), File: up.File, Scope: env.Root, At: time.Now()}
		err = store.ImportRoster(ctx, im, rec)
		if errors.Is(err, storage.ErrConflict) && attempt < 3 {
			continue
		}
		return im, err
	}
}

// printImport prints the accepted count, every rejected row with its
// reason, and who the file no longer lists.
func printImport(w io.Writer, file string, im join.Import, unit func(string) string) {
	fmt.Fprintf(w, "%s: %d rows, %d accepted (%d new, %d updated, %d unchanged), %d rejected\n",
		file, im.Rows, im.Accepted(), im.Added, im.Updated, im.Unchanged, len(im.Rejected))
	for _, r := range im.Rejected {
		fmt.Fprintf(w, "rejected row %d %s: %s\n", r.Line, r.Name, r.Reason)
	}
	if len(im.Missing) > 0 {
		fmt.Fprintf(w, "%d on the roster of these units are not in the file (kept, not deleted):\n", len(im.Missing))
		for _, m := range im.Missing {
			fmt.Fprintf(w, "  %s (%s)\n", m.Name, unit(m.Unit))
		}
	}
}
