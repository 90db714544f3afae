package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"

	"github.com/storyline/storyline/internal/lockfile"
)

// Backups and restores copy the database with SQLite's VACUUM INTO: it
// reads the database in one read transaction, so it sees one moment of it
// while writers carry on (in WAL mode, readers never block writers), and
// writes a compact file of its own, with no write-ahead log beside it.
// The search index is not copied: it is derived from the articles, and
// rebuilt from them when missing.

// Contents is what a database holds, as backup and restore report it.
type Contents struct {
	SchemaVersion int   // the last migration applied
	Articles      int64 // every article, syndicated copies included
	Stories       int64 // every story
	Users         int64 // every account
}

// BackupOptions tunes a backup.
type BackupOptions struct {
	// Replace lets the backup replace a file already at its path;
	// otherwise an existing file is refused with an error wrapping
	// fs.ErrExist.
	Replace bool
}

// Backup writes a consistent copy of the database, as it was at one
// moment, to the file at path, while the store stays in use. The copy is
// written to a temporary file beside path, synced and then renamed, so
// path never holds part of a copy. It holds no search index (see
// Contents); read what it holds with Inspect.
func (db *DB) Backup(ctx context.Context, path string, opts BackupOptions) error {
	if err := db.checkBackupPath(path); err != nil {
		return err
	}
	if !opts.Replace {
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("sqlite: backup to %s: %w", path, fs.ErrExist)
		}
	}
	tmp, err := tempBeside(path, "backup")
	if err != nil {
		return fmt.Errorf("sqlite: backup to %s: %w", path, err)
	}
	err = vacuumInto(ctx, db.path, tmp, db.opts)
	if err == nil {
		err = publish(tmp, path, opts.Replace)
	}
	if err != nil {
		if rerr := os.Remove(tmp); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
			err = errors.Join(err, rerr)
		}
		return fmt.Errorf("sqlite: backup %s to %s: %w", db.path, path, err)
	}
	return nil
}

// checkBackupPath refuses a backup onto one of the store's own files.
func (db *DB) checkBackupPath(path string) error {
	for _, own := range storeFiles(db.path, db.opts.IndexPath) {
		if samePath(path, own) {
			return fmt.Errorf("sqlite: backup to %s: that is the store's own file %s", path, own)
		}
	}
	return nil
}

// storeFiles lists the files of the database at path with its index at
// indexPath: the database, its lock, and each one's write-ahead log and
// shared memory.
func storeFiles(path, indexPath string) []string {
	return []string{path, path + "-wal", path + "-shm", LockPath(path),
		indexPath, indexPath + "-wal", indexPath + "-shm"}
}

// samePath reports whether a and b name the same file: the same cleaned
// absolute path, or, both existing, the same file under two names.
func samePath(a, b string) bool {
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	if errA == nil && errB == nil && absA == absB {
		return true
	}
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
}

// Inspect opens the database file at path read-only, never writing to it
// or beside it, checks that it is a Storyline database this build can
// open (a schema not newer than its migrations) and that it passes
// SQLite's integrity check, and returns what it holds.
func Inspect(ctx context.Context, path string) (Contents, error) {
	if err := checkHeader(path); err != nil {
		return Contents{}, fmt.Errorf("sqlite: inspect %s: %w", path, err)
	}
	c, err := inspect(ctx, path, true)
	if err != nil {
		return Contents{}, fmt.Errorf("sqlite: inspect %s: %w", path, err)
	}
	return c, nil
}

// sqliteHeader begins every SQLite database file.
const sqliteHeader = "SQLite format 3\x00"

// checkHeader checks that the file at path is an SQLite database.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if fi.IsDir() {
		return errors.New("a directory, not a database file")
	}
	head := make([]byte, len(sqliteHeader))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, []byte(sqliteHeader)) {
		return errors.New("not an SQLite database (no SQLite header)")
	}
	return nil
}

// inspect reads the schema version and the counts of the database at
// path, checking its integrity first when check is set.
func inspect(ctx context.Context, path string, check bool) (c Contents, err error) {
	conn, err := sql.Open("sqlite", readOnlyDSN(path, Options{}.withDefaults(path)))
	if err != nil {
		return Contents{}, err
	}
	conn.SetMaxOpenConns(1)
	defer func() { err = errors.Join(err, conn.Close()) }()
	if check {
		if err := integrityCheck(ctx, conn); err != nil {
			return Contents{}, err
		}
	}
	if c.SchemaVersion, err = checkSchema(ctx, conn, true); err != nil {
		return Contents{}, err
	}
	for _, n := range []struct {
		table string
		count *int64
	}{{"articles", &c.Articles}, {"stories", &c.Stories}, {"users", &c.Users}} {
		// A table an old schema lacks holds nothing.
		var exists bool
		if err := conn.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM sqlite_master
			WHERE type = 'table' AND name = ?)`, n.table).Scan(&exists); err != nil {
			return Contents{}, fmt.Errorf("count %s: %w", n.table, err)
		}
		if !exists {
			continue
		}
		if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM `+n.table).Scan(n.count); err != nil {
			return Contents{}, fmt.Errorf("count %s: %w", n.table, err)
		}
	}
	return c, nil
}

// integrityCheck runs SQLite's integrity check and returns the problems
// it finds, the first ten of them, as an error.
func integrityCheck(ctx context.Context, conn *sql.DB) error {
	rows, err := conn.QueryContext(ctx, `PRAGMA integrity_check(10)`)
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("integrity check: %w", err)
		}
		problems = append(problems, line)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if len(problems) == 1 && problems[0] == "ok" {
		return nil
	}
	return fmt.Errorf("fails SQLite's integrity check: %s", strings.Join(problems, "; "))
}

// Restore replaces the database at to with a copy of the Storyline
// database at from (a backup, or any store's database file), which it
// checks first as Inspect does, and returns what the copy holds. The copy
// is written beside to, synced, and renamed over it, after the old
// database's write-ahead log and shared memory and its search index
// (opts.IndexPath) are removed: the next Open rebuilds the index and
// brings an older schema up to date.
//
// It refuses while any process has the store at to open, holding the
// shared lock Open takes (the error wraps a *lockfile.HeldError), and
// holds the exclusive lock while it works, so that none can open it
// meanwhile.
func Restore(ctx context.Context, from, to string, opts Options) (c Contents, err error) {
	opts = opts.withDefaults(to)
	lock, err := lockfile.Exclusive(LockPath(to))
	var held *lockfile.HeldError
	switch {
	case errors.As(err, &held) && held.PID > 0:
		return Contents{}, fmt.Errorf("sqlite: restore into %s: a storyline process (pid %d) is using it; stop it first: %w", to, held.PID, err)
	case errors.As(err, &held):
		return Contents{}, fmt.Errorf("sqlite: restore into %s: another storyline process is using it; stop it first: %w", to, err)
	case err != nil:
		return Contents{}, fmt.Errorf("sqlite: restore into %s: %w", to, err)
	}
	defer func() { err = errors.Join(err, lock.Release()) }()
	for _, own := range storeFiles(to, opts.IndexPath) {
		if samePath(from, own) {
			return Contents{}, fmt.Errorf("sqlite: restore %s into %s: that is the store's own file", from, to)
		}
	}
	if _, err := Inspect(ctx, from); err != nil {
		return Contents{}, fmt.Errorf("sqlite: restore from %s: %w", from, err)
	}
	tmp, err := tempBeside(to, "restore")
	if err != nil {
		return Contents{}, fmt.Errorf("sqlite: restore into %s: %w", to, err)
	}
	c, err = replaceWith(ctx, from, tmp, to, opts)
	if err != nil {
		if rerr := os.Remove(tmp); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
			err = errors.Join(err, rerr)
		}
		return Contents{}, fmt.Errorf("sqlite: restore %s into %s: %w", from, to, err)
	}
	return c, nil
}

// replaceWith copies the database at from into tmp, reads what the copy
// holds, and puts it in place of the database at to.
func replaceWith(ctx context.Context, from, tmp, to string, opts Options) (Contents, error) {
	if err := vacuumInto(ctx, from, tmp, opts); err != nil {
		return Contents{}, err
	}
	c, err := inspect(ctx, tmp, false)
	if err != nil {
		return Contents{}, fmt.Errorf("read the copy %s: %w", tmp, err)
	}
	// The log of the old database must go before the new one takes its
	// name: SQLite would replay it onto the new file.
	for _, f := range storeFiles(to, opts.IndexPath) {
		if f == to || f == LockPath(to) {
			continue
		}
		if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return Contents{}, err
		}
	}
	// The copy keeps the permissions of the database it replaces
	// (SQLite gives its log and shared memory the same); a new one keeps
	// the temporary file's, for the owner alone.
	if fi, err := os.Stat(to); err == nil {
		if err := os.Chmod(tmp, fi.Mode().Perm()); err != nil {
			return Contents{}, err
		}
	}
	if err := os.Rename(tmp, to); err != nil {
		return Contents{}, err
	}
	return c, syncDir(filepath.Dir(to))
}

// tempBeside creates an empty file in path's directory, named after path
// and what it is for, and returns its absolute path.
func tempBeside(path, what string) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"."+what+"-*")
	if err != nil {
		return "", err
	}
	name := f.Name()
	if err := f.Close(); err != nil {
		return "", errors.Join(err, os.Remove(name))
	}
	abs, err := filepath.Abs(name)
	if err != nil {
		return "", errors.Join(err, os.Remove(name))
	}
	return abs, nil
}

// vacuumInto writes a consistent copy of the database at from into the
// empty file at to (an absolute path), and syncs it to disk.
func vacuumInto(ctx context.Context, from, to string, opts Options) (err error) {
	// Not query-only, which refuses VACUUM INTO; read-only all the same.
	src := "file:" + escapePath(from) + "?" + readOnlyAccess(from) +
		fmt.Sprintf("&_pragma=busy_timeout(%d)", opts.withDefaults(from).BusyTimeout.Milliseconds())
	conn, err := sql.Open("sqlite", src)
	if err != nil {
		return err
	}
	conn.SetMaxOpenConns(1)
	defer func() { err = errors.Join(err, conn.Close()) }()
	if _, err := conn.ExecContext(ctx, `VACUUM main INTO ?`, to); err != nil {
		return fmt.Errorf("copy %s: %w", from, err)
	}
	f, err := os.OpenFile(to, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}

// publish gives the file tmp the name path, replacing a file there only
// when replace is set, and syncs the directory.
func publish(tmp, path string, replace bool) error {
	if replace {
		if err := os.Rename(tmp, path); err != nil {
			return err
		}
		return syncDir(filepath.Dir(path))
	}
	// A hard link fails if path exists, where a rename would replace it.
	err := os.Link(tmp, path)
	switch {
	case errors.Is(err, fs.ErrExist):
		return fmt.Errorf("%s: %w", path, fs.ErrExist)
	case err != nil: // no hard links on this file system
		if _, serr := os.Lstat(path); serr == nil {
			return fmt.Errorf("%s: %w", path, fs.ErrExist)
		}
		if err := os.Rename(tmp, path); err != nil {
			return err
		}
	default:
		if err := os.Remove(tmp); err != nil {
			return err
		}
	}
	return syncDir(filepath.Dir(path))
}

// syncDir makes a rename in dir durable. Windows cannot sync a
// directory, nor need to; some file systems refuse with EINVAL.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if errors.Is(err, syscall.EINVAL) {
		err = nil
	}
	return errors.Join(err, d.Close())
}
