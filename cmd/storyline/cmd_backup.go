package main

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline/internal/lockfile"
	"github.com/storyline/storyline/internal/store/sqlite"
)

func (a *app) backupCommand() *cobra.Command {
	var overwrite bool
	cmd := &cobra.Command{
		Use:   "backup FILE",
		Short: "Copy the SQLite store to FILE, consistently, even while serve runs",
		Long: `Copy the SQLite store to FILE: the database as it was at one moment, taken
while serve (or any other storyline) goes on reading and writing it. FILE is one
self-contained SQLite database, written beside FILE and renamed into place, so
that FILE never holds part of a backup; it is then checked (SQLite's integrity
check), and what it holds is printed: articles, stories, users.

The full-text search index, a separate file beside the database
(storyline.db-search), is not copied: it is derived from the articles, and
rebuilt from them when missing, as after "storyline restore".

An existing FILE is refused unless --overwrite. Works in a read-only data
directory too. A PostgreSQL store is backed up with pg_dump: with --db
postgres://…, the command prints the command line to run.`,
		Args: exactlyOne("FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			file := args[0]
			path, err := a.sqliteOnly("backup: storyline backup copies SQLite stores; back up a PostgreSQL store with pg_dump "+
				"(the password from PGPASSWORD or ~/.pgpass): %s", pgDumpLine(a.db, file))
			if err != nil {
				return err
			}
			if _, err := os.Stat(path); err != nil {
				return fmt.Errorf("backup: no store to back up at %s: %w", path, err)
			}
			if _, err := os.Lstat(file); err == nil && !overwrite {
				return fmt.Errorf("backup %s: the file exists; name another, or add --overwrite to replace it", file)
			}
			ctx := cmd.Context()
			db, err := a.openSQLite(ctx, path)
			if err != nil {
				return err
			}
			err = db.Backup(ctx, file, sqlite.BackupOptions{Replace: overwrite})
			if err = errors.Join(err, db.Close()); err != nil {
				if errors.Is(err, fs.ErrExist) {
					return fmt.Errorf("backup %s: the file exists; name another, or add --overwrite to replace it: %w", file, err)
				}
				return fmt.Errorf("backup %s: %w", file, err)
			}
			c, err := sqlite.Inspect(ctx, file)
			if err != nil {
				return fmt.Errorf("backup %s: the copy fails its check: %w", file, err)
			}
			size := ""
			if fi, err := os.Stat(file); err == nil {
				size = ", " + formatSize(fi.Size())
			}
			_, err = fmt.Fprintf(a.stdout, "backed up %s to %s: %s (schema version %d%s)\n", path, file, contentsLine(c), c.SchemaVersion, size)
			return err
		},
	}
	cmd.Flags().BoolVar(&overwrite, "overwrite", false, "replace FILE if it exists")
	return cmd
}

func (a *app) restoreCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "restore FILE",
		Short: "Replace the SQLite store with a backup (stop serve first)",
		Long: `Replace the SQLite store with FILE, a backup made by "storyline backup" (or
any Storyline SQLite database). FILE is checked first: an SQLite database that
passes its integrity check, with a Storyline schema no newer than this build's
(an older one is brought up to date). What it holds is printed.

The store is replaced, not merged: whatever was stored since the backup is
lost. Its write-ahead log and its search index are removed, and the index is
rebuilt from the restored articles before the command ends.

Stop serve, and any other storyline using the data directory, first: while one
runs, it holds the data directory's lock (storyline.db.lock), and restore
refuses. A PostgreSQL store is restored with pg_restore: with --db
postgres://…, the command prints the command line to run.`,
		Args: exactlyOne("FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			file := args[0]
			path, err := a.sqliteOnly("restore: storyline restore puts back SQLite stores; restore a PostgreSQL store with pg_restore, "+
				"with serve and every worker stopped (the password from PGPASSWORD or ~/.pgpass): %s", pgRestoreLine(a.db, file))
			if err != nil {
				return err
			}
			if _, err := os.Stat(file); err != nil {
				return fmt.Errorf("restore: %w", err)
			}
			dir := filepath.Dir(path)
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return fmt.Errorf("restore: data directory %s: %w", dir, err)
			}
			if why := a.checkWritable(path); why != nil {
				return fmt.Errorf("restore %s: %w", file, a.readOnlyError(dir, why))
			}
			ctx := cmd.Context()
			c, err := sqlite.Restore(ctx, file, path, sqlite.Options{})
			var held *lockfile.HeldError
			switch {
			case errors.As(err, &held) && held.PID > 0:
				return fmt.Errorf("restore %s: a storyline process (pid %d) is using %s; stop it first: %w", file, held.PID, dir, held)
			case errors.As(err, &held):
				return fmt.Errorf("restore %s: a storyline process is using %s; stop it first: %w", file, dir, held)
			case err != nil:
				return fmt.Errorf("restore %s: %w", file, err)
			}
			if !lockfile.Enforced {
				fmt.Fprintf(a.stderr, "storyline: this system cannot tell whether another storyline was using %s; if one was, restart it\n", dir)
			}
			fmt.Fprintf(a.stdout, "restored %s into %s: %s (schema version %d)\n", file, path, contentsLine(c), c.SchemaVersion)
			// Opening the store rebuilds the search index and brings the
			// schema up to date now, not at the next start of serve.
			start := time.Now()
			store, err := a.openStore(ctx)
			if err == nil {
				err = store.Close()
			}
			if err != nil {
				return fmt.Errorf("restore %s: restored, but opening the store failed: %w", file, err)
			}
			_, err = fmt.Fprintf(a.stdout, "search index rebuilt from the restored articles in %s\n", time.Since(start).Round(time.Millisecond))
			return err
		},
	}
	return cmd
}

// sqliteOnly returns the SQLite database the flags select. A PostgreSQL
// store is refused with pgRefusal, a format for the command line of the
// PostgreSQL tool to run instead.
func (a *app) sqliteOnly(pgRefusal, pgLine string) (string, error) {
	if a.postgresSelected() {
		return "", fmt.Errorf(pgRefusal, pgLine)
	}
	path, ok := a.sqlitePath()
	if !ok {
		return "", usagef("--db %q: want sqlite:PATH or a postgres:// URL", redactURL(a.db))
	}
	return path, nil
}

// contentsLine describes what a database holds: "N articles, N stories,
// N users".
func contentsLine(c sqlite.Contents) string {
	return fmt.Sprintf("%d articles, %d stories, %d users", c.Articles, c.Stories, c.Users)
}

// formatSize formats a file size in KiB below 1 MiB, and as formatBytes
// does above.
func formatSize(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d KiB", (n+1023)/1024)
	}
	return formatBytes(n)
}

// pgDumpLine is the pg_dump command line that backs up the PostgreSQL
// database at dbURL to file, in pg_dump's custom format.
func pgDumpLine(dbURL, file string) string {
	return "pg_dump --format=custom --file=" + shellQuote(file) + " --dbname=" + shellQuote(libpqURL(dbURL))
}

// pgRestoreLine is the pg_restore command line that replaces the
// PostgreSQL database at dbURL with the pg_dump archive file: in one
// transaction, dropping what is there first.
func pgRestoreLine(dbURL, file string) string {
	return "pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error --dbname=" +
		shellQuote(libpqURL(dbURL)) + " " + shellQuote(file)
}

// libpqURL returns dbURL for libpq's tools: without the password (they
// read it from PGPASSWORD or ~/.pgpass, not from a command line others
// can see) and without the parameters only Storyline's driver knows,
// which libpq refuses.
func libpqURL(dbURL string) string {
	u, err := url.Parse(dbURL)
	if err != nil {
		return redactURL(dbURL)
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	q := u.Query()
	for k := range q {
		if strings.HasPrefix(k, "pool_") || k == "statement_cache_capacity" || k == "description_cache_capacity" ||
			k == "default_query_exec_mode" || k == "min_read_buffer_size" {
			q.Del(k)
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// shellQuote quotes s for a POSIX shell when it needs quoting.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:@=") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
