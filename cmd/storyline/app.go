package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/store/postgres"
	"github.com/storyline/storyline/internal/store/sqlite"
)

// app holds what every command shares: the global flags and the standard
// streams. It is built per run; nothing is global.
type app struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer

	dataDir string
	db      string // --db: "" (SQLite in dataDir), sqlite:PATH or postgres://…
	pg      postgres.Options

	logLevel  string // --log-level: debug, info, warn or error
	logFormat string // --log-format: text or json
	level     slog.LevelVar
}

// usageError is bad usage: a wrong argument or flag. It exits with 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// usagef returns a usageError with a formatted message.
func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// exitCode prints err on one line and returns the exit status for it.
func (a *app) exitCode(err error) int {
	if err == nil {
		return 0
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(a.stderr, "storyline: interrupted")
		return 1
	}
	msg := strings.ReplaceAll(err.Error(), "\n", " ")
	fmt.Fprintf(a.stderr, "storyline: %s\n", msg)
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintln(a.stderr, "Run 'storyline help' for usage.")
		return 2
	}
	return 1
}

// rootCommand builds the command tree.
func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:           "storyline",
		Short:         "Storyline: self-hosted news intelligence",
		Long:          "Storyline ingests articles from feeds, pages and files, keeps only the article,\nlinks syndicated copies, and serves search and a JSON API.",
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          noArgs,
		RunE:          func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			if err := applyEnv(cmd, a.getenv); err != nil {
				return err
			}
			return a.checkLogFlags()
		},
	}
	root.PersistentFlags().StringVar(&a.dataDir, "data", "./storyline-data", "data directory (created on first run)")
	root.PersistentFlags().StringVar(&a.logLevel, "log-level", "info", "the least important log records written: debug, info, warn or error")
	root.PersistentFlags().StringVar(&a.logFormat, "log-format", "text", "log records as text (key=value) or json (one object a line)")
	root.PersistentFlags().Int32Var(&a.pg.MaxConns, "db-max-conns", 0, "PostgreSQL: the most connections this process opens (0: max(8, 4 × CPUs))")
	root.PersistentFlags().DurationVar(&a.pg.StatementTimeout, "db-statement-timeout", defaultStatementTimeout, "PostgreSQL: cancel any statement running longer than this")
	root.PersistentFlags().StringVar(&a.db, "db", "", "the store: empty for SQLite in the data directory, sqlite:PATH, or a PostgreSQL URL\n(postgres://user:password@host/database)")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(
		a.serveCommand(),
		a.workerCommand(),
		a.importCommand(),
		a.feedsCommand(),
		a.fetchCommand(),
		a.addCommand(),
		a.analyzeCommand(),
		a.searchCommand(),
		a.showCommand(),
		a.articlesCommand(),
		a.userCommand(),
		a.migrateCommand(),
		a.evalCommand(),
		a.benchCommand(),
		a.versionCommand(),
	)
	return root
}

// defaultStatementTimeout is --db-statement-timeout's default.
const defaultStatementTimeout = 30 * time.Second

// shadowsGlobal reports whether cmd has a flag of its own named name that
// hides the root's persistent flag of the same name.
func shadowsGlobal(cmd *cobra.Command, name string) bool {
	return cmd != cmd.Root() && cmd.LocalNonPersistentFlags().Lookup(name) != nil &&
		cmd.Root().PersistentFlags().Lookup(name) != nil
}

// noArgs rejects positional arguments as bad usage.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		if cmd.HasSubCommands() {
			return usagef("unknown command %q for %q", args[0], cmd.CommandPath())
		}
		return usagef("%s takes no arguments, got %q", cmd.CommandPath(), args[0])
	}
	return nil
}

// applyEnv sets every flag the command line left unset from its
// STORYLINE_<FLAG> variable (dashes become underscores). A command's own
// flag that shadows a global one of another meaning (the eval commands'
// --data, their input, against the global --data, the store's directory)
// takes nothing from the environment: STORYLINE_DATA names the store.
func applyEnv(cmd *cobra.Command, getenv func(string) string) error {
	var err error
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if err != nil || f.Changed || f.Name == "help" || shadowsGlobal(cmd, f.Name) {
			return
		}
		name := "STORYLINE_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		v := getenv(name)
		if v == "" {
			return
		}
		if serr := cmd.Flags().Set(f.Name, v); serr != nil {
			err = usagef("environment variable %s=%q: %v", name, v, serr)
		}
	})
	return err
}

// openStore opens the store --db names: by default (creating it on first
// run) the SQLite database in the data directory; sqlite:PATH, an SQLite
// database elsewhere; postgres://… (or postgresql://…), a PostgreSQL
// database. Its schema is brought up to date, and so are the outlet names
// an older release stored (once; a failure is logged, and tried again
// next time).
func (a *app) openStore(ctx context.Context) (storyline.Store, error) {
	store, err := a.openDatabase(ctx)
	if err != nil {
		return nil, err
	}
	done, err := ingest.CleanOutlets(ctx, store)
	switch {
	case err != nil:
		a.logger().Warn("outlet names not cleaned", "err", err)
	case len(done) > 0:
		a.logger().Info("outlet names cleaned to the current rules", "changed", len(done))
	}
	return store, nil
}

// openDatabase opens the store openStore describes.
func (a *app) openDatabase(ctx context.Context) (storyline.Store, error) {
	if a.pg.StatementTimeout < 0 {
		return nil, usagef("--db-statement-timeout %v: want a positive duration (0: the default, 30s)", a.pg.StatementTimeout)
	}
	if !a.postgresSelected() && (a.pg.MaxConns != 0 || a.pg.StatementTimeout != defaultStatementTimeout) {
		a.logger().Warn("--db-max-conns and --db-statement-timeout apply to PostgreSQL only: ignored with SQLite")
	}
	switch {
	case a.db == "":
		if err := os.MkdirAll(a.dataDir, 0o750); err != nil {
			return nil, fmt.Errorf("data directory %s: %w", a.dataDir, err)
		}
		return sqlite.Open(ctx, filepath.Join(a.dataDir, "storyline.db"), sqlite.Options{})
	case strings.HasPrefix(a.db, "sqlite:"):
		path := strings.TrimPrefix(a.db, "sqlite:")
		if dir := filepath.Dir(path); dir != "" {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("--db %s: %w", a.db, err)
			}
		}
		return sqlite.Open(ctx, path, sqlite.Options{})
	case a.postgresSelected():
		return postgres.Open(ctx, a.db, a.pg)
	}
	return nil, usagef("--db %q: want sqlite:PATH or a postgres:// URL", redactURL(a.db))
}

// postgresSelected reports whether --db names a PostgreSQL database.
func (a *app) postgresSelected() bool {
	return strings.HasPrefix(a.db, "postgres://") || strings.HasPrefix(a.db, "postgresql://")
}

// storeName names the store the flags select, for logs: the data
// directory, or --db with any password hidden.
func (a *app) storeName() string {
	if a.db == "" {
		return a.dataDir
	}
	return redactURL(a.db)
}

// redactURL hides the password of a URL in messages.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	return u.Redacted()
}

// withStore opens the store, runs fn with it and closes it.
func (a *app) withStore(ctx context.Context, fn func(storyline.Store) error) error {
	store, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	return errors.Join(fn(store), store.Close())
}

// exactlyOne accepts exactly one positional argument, named what in the
// message for bad usage.
func exactlyOne(what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != 1 {
			return usagef("%s needs exactly one %s, got %d arguments", cmd.CommandPath(), what, len(args))
		}
		return nil
	}
}

// logger returns the structured logger for long-running commands.
func (a *app) logger() *slog.Logger {
	opts := &slog.HandlerOptions{Level: &a.level}
	if a.logFormat == "json" {
		return slog.New(slog.NewJSONHandler(a.stderr, opts))
	}
	return slog.New(slog.NewTextHandler(a.stderr, opts))
}

// checkLogFlags checks --log-level and --log-format and sets the level.
func (a *app) checkLogFlags() error {
	if err := a.level.UnmarshalText([]byte(a.logLevel)); err != nil {
		return usagef("--log-level %q: want debug, info, warn or error", a.logLevel)
	}
	if a.logFormat != "text" && a.logFormat != "json" {
		return usagef("--log-format %q: want text or json", a.logFormat)
	}
	return nil
}
