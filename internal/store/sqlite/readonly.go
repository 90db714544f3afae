package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	msqlite "modernc.org/sqlite"
)

// A store opened with Options.ReadOnly reads the database through the
// read pool alone: no write connection, no checkpointer, no indexer. The
// search index is attached read-only when its file exists and searched as
// it stands.

// ErrReadOnly is the error, wrapped, of every write to a store opened
// read-only.
var ErrReadOnly = errors.New("the store is open read-only")

// readOnlyAccess returns the URI parameter that opens the database file at
// path without writing to it or beside it. While a write-ahead log or
// shared-memory file lies beside it, a writer may be at work, or a crash
// left changes in the log alone: mode=ro reads them through those files,
// which SQLite can use read-only. Otherwise no process has the database
// open (SQLite deletes both when the last connection closes) and it is
// opened immutable=1, which needs no -shm file, one SQLite could not
// create in a read-only directory; immutable would ignore a log's changes.
func readOnlyAccess(path string) string {
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Lstat(path + suffix); err == nil {
			return "mode=ro"
		}
	}
	return "immutable=1"
}

// readOnlyDSN returns the driver's data source name for reading the
// database at path without writing anything: query-only, with
// readOnlyAccess's parameter.
func readOnlyDSN(path string, opts Options) string {
	return dsn(path, opts, false) + "&" + readOnlyAccess(path)
}

// openReadOnly opens the read pool of a store opened read-only, checks
// that this build can read its schema, and looks at its search index.
func (db *DB) openReadOnly(ctx context.Context) error {
	if _, err := os.Stat(db.path); err != nil {
		return fmt.Errorf("sqlite: open %s read-only: %w", db.path, err)
	}
	// The index cannot catch up: a search waits for nothing.
	db.opts.IndexWait = -1
	ix := db.opts.IndexPath
	attach := ""
	switch _, err := os.Stat(ix); {
	case err == nil:
		attach = "file:" + escapePath(ix) + "?" + readOnlyAccess(ix)
	case errors.Is(err, fs.ErrNotExist):
		db.indexErr = fmt.Errorf("the search index %s is missing, and a store open read-only cannot build it: "+
			"run storyline once where it can write to %s", ix, filepath.Dir(ix))
	default:
		db.indexErr = fmt.Errorf("the search index %s cannot be read: %w", ix, err)
	}
	connector, err := msqlite.NewConnector(readOnlyDSN(db.path, db.opts))
	if err != nil {
		return fmt.Errorf("sqlite: open %s read-only: %w", db.path, err)
	}
	db.read = sql.OpenDB(attachConnector{Connector: connector, index: attach, opts: db.opts})
	db.read.SetMaxOpenConns(db.opts.ReadConns)
	db.read.SetMaxIdleConns(db.opts.ReadConns)
	db.read.SetConnMaxIdleTime(5 * time.Minute)
	if _, err := checkSchema(ctx, db.read, false); err != nil {
		if _, werr := os.Stat(db.path + "-wal"); werr == nil {
			if _, serr := os.Stat(db.path + "-shm"); serr != nil {
				// SQLite reads a log through its shared-memory file, and
				// cannot create one in a read-only directory.
				err = fmt.Errorf("%w (%s-wal holds changes not yet in the database, which cannot be read "+
					"without %s-shm in a read-only directory: open the store once where it can write)", err, db.path, db.path)
			}
		}
		return fmt.Errorf("sqlite: open %s read-only: %w", db.path, err)
	}
	var storeID string
	if err := db.read.QueryRowContext(ctx, `SELECT value FROM store_meta WHERE key = 'id'`).Scan(&storeID); err != nil {
		return fmt.Errorf("sqlite: open %s read-only: %w", db.path, err)
	}
	db.index = &index{path: ix, storeID: storeID,
		changed: make(chan struct{}), kick: make(chan struct{}, 1), urgent: make(chan struct{}, 1)}
	if attach == "" {
		return nil
	}
	valid, mark, err := db.checkIndexReadOnly(ctx, db.index)
	if err != nil {
		return fmt.Errorf("sqlite: open search index %s read-only: %w", ix, err)
	}
	db.index.mark = mark
	if !valid {
		db.indexErr = fmt.Errorf("the search index %s does not match the database (it belongs to another copy, "+
			"is of an older format or missed changes), and a store open read-only cannot rebuild it: "+
			"run storyline once where it can write to %s", ix, filepath.Dir(ix))
	}
	return nil
}

// checkIndexReadOnly runs the index's own check (see index.check) on a
// read-only connection to it, with the store attached read-only as "m".
func (db *DB) checkIndexReadOnly(ctx context.Context, ix *index) (valid bool, mark int64, err error) {
	conn, err := sql.Open("sqlite", readOnlyDSN(ix.path, db.opts))
	if err != nil {
		return false, 0, err
	}
	conn.SetMaxOpenConns(1)
	defer func() { err = errors.Join(err, conn.Close()) }()
	w, err := newWriter(ctx, conn, "BEGIN", nil)
	if err != nil {
		return false, 0, err
	}
	defer func() { err = errors.Join(err, w.close()) }()
	err = w.do(ctx, func(t *txn) error {
		_, err := t.exec(`ATTACH DATABASE ? AS m`, "file:"+escapePath(db.path)+"?"+readOnlyAccess(db.path))
		return err
	})
	if err != nil {
		return false, 0, fmt.Errorf("attach %s: %w", db.path, err)
	}
	err = w.tx(ctx, func(t *txn) error {
		valid, mark, err = ix.check(t)
		return err
	})
	return valid, mark, err
}

// queryRower is what checkSchema reads through: a pool or a connection.
type queryRower interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// checkSchema returns the schema version of the database q reads, and
// checks that this build can use it: a Storyline database, not newer
// than this build's migrations and, unless upgradable (a store opened
// read-only cannot be migrated), not older either.
func checkSchema(ctx context.Context, q queryRower, upgradable bool) (int, error) {
	ms, err := loadMigrations(migrationFiles)
	if err != nil {
		return 0, err
	}
	var tables int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master
		WHERE type = 'table' AND name IN ('schema_version', 'store_meta', 'articles')`).Scan(&tables); err != nil {
		return 0, fmt.Errorf("read the schema: %w", err)
	}
	if tables != 3 {
		return 0, errors.New("not a Storyline database: it lacks the schema_version, store_meta or articles table")
	}
	var version int
	if err := q.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&version); err != nil {
		return 0, fmt.Errorf("read the schema version: %w", err)
	}
	switch {
	case version > len(ms):
		return version, fmt.Errorf("database schema version %d is newer than this build of storyline supports (%d); use a newer storyline", version, len(ms))
	case version < len(ms) && !upgradable:
		return version, fmt.Errorf("database schema version %d is older than this build's (%d), and a store open read-only "+
			"cannot be upgraded: run storyline once where it can write to the database", version, len(ms))
	}
	return version, nil
}

// ReadOnly reports whether the store was opened read-only.
func (db *DB) ReadOnly() bool { return db.writer == nil }

// IndexLag returns how many changes to the articles the search index has
// yet to take in (0: a search finds every article stored), or why the
// index cannot be searched at all. A store open for writing takes them in
// within moments; one open read-only never does, and cannot build a
// missing index or rebuild one that does not match the database.
func (db *DB) IndexLag(ctx context.Context) (int64, error) {
	if db.indexErr != nil {
		return 0, db.indexErr
	}
	var n int64
	err := db.queryRow(ctx, `SELECT count(*) FROM search_queue WHERE seq > ?`, db.index.watermark()).Scan(&n)
	return n, wrap(err, "search index lag")
}
