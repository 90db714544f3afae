package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"slices"
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

	// running is the command being run, set before it runs: whether it
	// only reads decides how a read-only data directory is handled.
	running *cobra.Command
	// writable reports why the SQLite database at a path cannot be
	// written, or nil; when nil, writableSQLite does. Tests replace it:
	// root, which they may run as, writes to any directory.
	writable func(path string) error
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
			a.running = cmd
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
		a.storiesCommand(),
		a.askCommand(),
		a.userCommand(),
		a.migrateCommand(),
		a.backupCommand(),
		a.restoreCommand(),
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
// next time). An SQLite store that cannot be written is opened read-only
// for a command that only reads, and changes nothing.
func (a *app) openStore(ctx context.Context) (storyline.Store, error) {
	store, err := a.openDatabase(ctx)
	if err != nil {
		return nil, err
	}
	if db, ok := store.(*sqlite.DB); ok && db.ReadOnly() {
		a.warnIndexLag(ctx, db)
		return store, nil
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
	if path, ok := a.sqlitePath(); ok {
		db, err := a.openSQLite(ctx, path)
		if err != nil {
			return nil, err // not a nil *sqlite.DB in a non-nil Store
		}
		return db, nil
	}
	if a.postgresSelected() {
		return postgres.Open(ctx, a.db, a.pg)
	}
	return nil, usagef("--db %q: want sqlite:PATH or a postgres:// URL", redactURL(a.db))
}

// sqlitePath returns the SQLite database the flags select, if they
// select one: storyline.db in the data directory, or sqlite:PATH's PATH.
func (a *app) sqlitePath() (string, bool) {
	if a.db == "" {
		return filepath.Join(a.dataDir, "storyline.db"), true
	}
	return strings.CutPrefix(a.db, "sqlite:")
}

// openSQLite opens the SQLite database at path, creating it and its
// directory on first run. When it cannot be written there, a command
// that only reads opens it read-only, and any other is refused, saying
// why.
func (a *app) openSQLite(ctx context.Context, path string) (*sqlite.DB, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		if a.db == "" {
			return nil, fmt.Errorf("data directory %s: %w", dir, err)
		}
		return nil, fmt.Errorf("--db %s: %w", a.db, err)
	}
	why := a.checkWritable(path)
	switch {
	case why == nil:
		return sqlite.Open(ctx, path, sqlite.Options{})
	case !readsOnly(a.running):
		return nil, a.readOnlyError(dir, why)
	}
	a.logger().Debug("the data directory is read-only: the store is open read-only", "dir", dir, "reason", why)
	return sqlite.Open(ctx, path, sqlite.Options{ReadOnly: true})
}

// checkWritable returns why the SQLite database at path cannot be
// written, or nil; see writableSQLite.
func (a *app) checkWritable(path string) error {
	if a.writable != nil {
		return a.writable(path)
	}
	return writableSQLite(path)
}

// writableSQLite returns why storyline cannot write the SQLite database
// at path, or nil: its directory must take new files (SQLite's
// write-ahead log and shared memory, the search index, a backup's
// temporary file), and the store's files already there must open for
// writing. It changes nothing.
func writableSQLite(path string) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".storyline-write-test-*")
	if err != nil {
		return osReason(err)
	}
	if err := errors.Join(f.Close(), os.Remove(f.Name())); err != nil {
		return osReason(err)
	}
	index := path + "-search"
	for _, p := range []string{path, path + "-wal", path + "-shm", sqlite.LockPath(path), index, index + "-wal", index + "-shm"} {
		f, err := os.OpenFile(p, os.O_WRONLY, 0)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("%s: %w", filepath.Base(p), osReason(err))
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("%s: %w", filepath.Base(p), err)
		}
	}
	return nil
}

// osReason returns the system's reason in a file operation's error
// ("permission denied", "read-only file system"), without the path.
func osReason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// readOnlyCommands are the commands that only read the store, as
// CommandPath names them: in a read-only data directory they open it
// read-only, where every other command is refused.
const readOnlyCommands = "storyline search|storyline show|storyline articles|storyline feeds list|" +
	"storyline feeds export|storyline user list|storyline backup"

// readsOnly reports whether cmd is one of readOnlyCommands.
func readsOnly(cmd *cobra.Command) bool {
	return cmd != nil && slices.Contains(strings.Split(readOnlyCommands, "|"), cmd.CommandPath())
}

// readOnlyError is the refusal of a command that writes to run in the
// read-only data directory dir, for the reason why.
func (a *app) readOnlyError(dir string, why error) error {
	name := "storyline"
	if a.running != nil {
		name = a.running.CommandPath()
	}
	var only []string
	for _, c := range strings.Split(readOnlyCommands, "|") {
		only = append(only, strings.TrimPrefix(c, "storyline "))
	}
	return fmt.Errorf("the data directory %s is read-only: %w; storyline needs to write there to run %q "+
		"(the database, its write-ahead log and its search index live there): make it writable, "+
		"or run a command that only reads (%s)", dir, why, name, strings.Join(only, ", "))
}

// warnIndexLag warns, when the command searches, that the search index
// of a store open read-only has missed changes it cannot take in now.
// An index that cannot be searched at all makes the search fail, saying
// why.
func (a *app) warnIndexLag(ctx context.Context, db *sqlite.DB) {
	if a.running == nil || a.running.Name() != "search" {
		return
	}
	if lag, err := db.IndexLag(ctx); err == nil && lag > 0 {
		a.logger().Warn("the search index has not taken in the latest changes to the articles, and cannot while "+
			"the data directory is read-only: results may miss them", "changes", lag, "index", db.IndexPath())
	}
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
