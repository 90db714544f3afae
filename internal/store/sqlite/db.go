// Package sqlite implements storyline.Store on an embedded SQLite database
// (modernc.org/sqlite, pure Go, so builds need no C toolchain).
//
// The database runs in WAL mode. All writes go through one connection, so
// concurrent writers in a process queue up instead of failing with "database
// is locked"; reads use a separate pool and never wait for writes.
// Full-text search uses an FTS5 index over the canonical articles, kept in a
// second file and built in the background (see index.go).
package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"time"

	msqlite "modernc.org/sqlite" // also registers the "sqlite" database/sql driver

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/lockfile"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// Options tunes a database. The zero value is a good default.
type Options struct {
	// IndexPath is the file of the full-text search index, which is
	// derived from the articles and rebuilt from them when missing. ""
	// means the database's path followed by "-search". Every process
	// opening the database must use the same index file.
	IndexPath string
	// IndexWait is how long a search waits for articles saved before it
	// to be indexed; indexing runs in the background and normally trails
	// saving by milliseconds, but may fall behind during a bulk import.
	// 0 means 10 seconds; a negative value means not to wait.
	IndexWait time.Duration
	// BusyTimeout is how long a statement waits for a lock held by another
	// process (another storyline, the sqlite3 shell) before failing.
	// 0 means 5 seconds.
	BusyTimeout time.Duration
	// ReadConns is the most read connections open at once. 0 means
	// max(4, GOMAXPROCS).
	ReadConns int
	// CacheSize is the page cache of each writing connection (the
	// database's and the search index's), in bytes. 0 means 8 MiB: SQLite
	// scans the whole cache at the end of every transaction that split a
	// page, so a bigger one costs time on every write as well as memory,
	// and pages it no longer holds come from the OS's file cache.
	CacheSize int64
	// ReadCacheSize is the page cache of each read connection, for the
	// database and again for the search index, in bytes. Reads go through
	// the memory map (see MmapSize), so the cache holds little more than
	// the pages still in the write-ahead log. 0 means 8 MiB.
	ReadCacheSize int64
	// MmapSize is how much of the database file each connection maps into
	// memory, in bytes, which saves a copy on every page read. 0 means
	// 1 GiB; a negative value turns memory mapping off.
	MmapSize int64
	// Now is the clock that dates the rows saved (an article's created_at,
	// by which retention ages it). nil means time.Now; tests and
	// simulations pass their own.
	Now func() time.Time
	// ReadOnly opens the database without writing to it or beside it, for
	// a data directory or database file that cannot be written. No
	// migration runs (a database of an older schema is refused), every
	// write fails with ErrReadOnly, and the search index is searched as it
	// is: a missing one, or one that does not match the database, makes
	// searches fail, and the changes it has not taken in are not found
	// (see IndexLag).
	ReadOnly bool
}

// withDefaults returns o with zero fields replaced by their defaults.
func (o Options) withDefaults(path string) Options {
	if o.IndexPath == "" {
		o.IndexPath = path + "-search"
	}
	if o.IndexWait == 0 {
		o.IndexWait = 10 * time.Second
	}
	if o.BusyTimeout <= 0 {
		o.BusyTimeout = 5 * time.Second
	}
	if o.ReadConns <= 0 {
		o.ReadConns = max(4, runtime.GOMAXPROCS(0))
	}
	if o.CacheSize <= 0 {
		o.CacheSize = 8 << 20
	}
	if o.ReadCacheSize <= 0 {
		o.ReadCacheSize = 8 << 20
	}
	if o.MmapSize == 0 {
		o.MmapSize = 1 << 30
	}
	if o.MmapSize < 0 {
		o.MmapSize = 0
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// DB is a Storyline store in an SQLite database file, with its search index
// in a second file. It implements storyline.Store and is safe for
// concurrent use.
type DB struct {
	path   string
	opts   Options
	write  *sql.DB // at most one connection, held by writer after Open
	writer *writer // serializes every write on the one write connection
	// checkpoints copies the write-ahead log into the file in the
	// background.
	checkpoints *checkpointer
	read        *sql.DB // query-only connections, with the index attached as "search"
	// stmts are read statements prepared on first use, by query text.
	stmts stmtCache
	index *index // keeps the search index up to date

	common   commonTerms // which query terms are common
	commonDF int         // articles that make a term common

	assignLock chan struct{} // the assignment lock: one slot

	// lock is the shared lock on the database's lock file, held while
	// the store is open so that a restore cannot replace the database
	// under it (see Restore). It may be nil for a read-only store.
	lock *lockfile.Lock
	// indexErr says why a store opened read-only cannot search: its
	// index is missing or does not match the database. nil otherwise.
	indexErr error
}

var _ storyline.Store = (*DB)(nil)

// Open opens the SQLite database at path, creating the file if it does not
// exist, and brings its schema up to date; then it opens the search index,
// rebuilding it if it is missing or does not match the database. A
// database written by a newer build, with migrations this one does not
// know, is refused. With opts.ReadOnly, the database must exist and is
// only read.
//
// While open, the store holds a shared lock on the file path+".lock",
// which Restore needs exclusively: a database being restored cannot be
// opened, nor one that is open restored.
func Open(ctx context.Context, path string, opts Options) (*DB, error) {
	if path == "" {
		return nil, storyline.Errorf(storyline.EINVALID, "sqlite: open: empty database path")
	}
	opts = opts.withDefaults(path)
	db := &DB{path: path, opts: opts, commonDF: defaultCommonDF, assignLock: make(chan struct{}, 1)}
	var err error
	db.lock, err = lockfile.Shared(LockPath(path))
	var held *lockfile.HeldError
	switch {
	case errors.As(err, &held):
		return nil, fmt.Errorf("sqlite: open %s: a restore is replacing the database; try again when it has finished: %w", path, err)
	case err != nil && !opts.ReadOnly:
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	// A read-only store may go without the lock, whose file it cannot
	// create in a read-only directory; nothing can restore into one.
	if opts.ReadOnly {
		err = db.openReadOnly(ctx)
	} else {
		err = db.open(ctx)
	}
	if err != nil {
		return nil, errors.Join(err, db.closeAll(context.WithoutCancel(ctx)))
	}
	return db, nil
}

// LockPath returns the lock file of the database at path (see Open).
func LockPath(path string) string { return path + ".lock" }

// open opens the pools and the index.
func (db *DB) open(ctx context.Context) error {
	var err error
	if db.write, err = sql.Open("sqlite", newFileDSN(dsn(db.path, db.opts, true), db.path)); err != nil {
		return fmt.Errorf("sqlite: open %s: %w", db.path, err)
	}
	db.write.SetMaxOpenConns(1)
	if err := pingBusy(ctx, db.write, db.opts.BusyTimeout); err != nil {
		return fmt.Errorf("sqlite: open %s: the writer's connection: %w", db.path, err)
	}
	if err := migrate(ctx, db.write); err != nil {
		return fmt.Errorf("sqlite: open %s: migrate: %w", db.path, err)
	}
	var storeID string
	if err := db.write.QueryRowContext(ctx, `SELECT value FROM store_meta WHERE key = 'id'`).Scan(&storeID); err != nil {
		return fmt.Errorf("sqlite: open %s: read the store's id: %w", db.path, err)
	}
	if db.writer, err = newWriter(ctx, db.write, "BEGIN IMMEDIATE", writeQueries); err != nil {
		return fmt.Errorf("sqlite: open %s: start the writer: %w", db.path, err)
	}
	if db.checkpoints, err = startCheckpointer(ctx, db.path, db.opts); err != nil {
		return fmt.Errorf("sqlite: open %s: start the checkpointer: %w", db.path, err)
	}
	db.writer.checkpoints = db.checkpoints

	if db.index, err = openIndex(ctx, db.opts.IndexPath, db.path, storeID, db.opts, db.writer); err != nil {
		return fmt.Errorf("sqlite: open search index %s: %w", db.opts.IndexPath, err)
	}

	connector, err := msqlite.NewConnector(dsn(db.path, db.opts, false))
	if err != nil {
		return fmt.Errorf("sqlite: open %s: %w", db.path, err)
	}
	db.read = sql.OpenDB(attachConnector{Connector: connector, index: "file:" + escapePath(db.opts.IndexPath), opts: db.opts})
	db.read.SetMaxOpenConns(db.opts.ReadConns)
	db.read.SetMaxIdleConns(db.opts.ReadConns)
	db.read.SetConnMaxIdleTime(5 * time.Minute)
	if err := pingBusy(ctx, db.read, db.opts.BusyTimeout); err != nil {
		return fmt.Errorf("sqlite: open %s: the readers: %w", db.path, err)
	}
	return nil
}

// Ping checks that the database answers a query.
func (db *DB) Ping(ctx context.Context) error {
	var one int
	return wrap(db.queryRow(ctx, `SELECT 1`).Scan(&one), "ping")
}

// Path returns the database file's path as given to Open.
func (db *DB) Path() string { return db.path }

// IndexPath returns the search index's file.
func (db *DB) IndexPath() string { return db.opts.IndexPath }

// Close brings the search index up to date, optimizes the database's
// query statistics and closes it. The store must not be used afterwards.
func (db *DB) Close() error {
	return db.closeAll(context.Background())
}

// closeAll closes whatever open opened.
func (db *DB) closeAll(ctx context.Context) error {
	var errs []error
	if db.index != nil && db.writer != nil { // a read-only store's index has nothing to close
		if err := db.index.close(ctx); err != nil {
			errs = append(errs, fmt.Errorf("search index %s: %w", db.opts.IndexPath, err))
		}
	}
	if err := db.checkpoints.close(); err != nil {
		errs = append(errs, err)
	}
	if db.writer != nil {
		// PRAGMA optimize is cheap and keeps the planner's statistics
		// current; see https://sqlite.org/lang_analyze.html. Beside a
		// busy writer in another process it is left for another close:
		// statistics are no reason for a command to fail.
		err := db.writer.do(ctx, func(t *txn) error {
			_, err := t.exec("PRAGMA optimize")
			return err
		})
		if isBusy(err) {
			err = nil
		}
		errs = append(errs, err, db.writer.close())
	}
	errs = append(errs, db.stmts.close())
	for _, p := range []*sql.DB{db.read, db.write} {
		if p != nil {
			errs = append(errs, p.Close())
		}
	}
	errs = append(errs, db.lock.Release())
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("sqlite: close %s: %w", db.path, err)
	}
	return nil
}

// writeTx runs fn in one write transaction; see writer.tx. A store open
// read-only fails with ErrReadOnly.
func (db *DB) writeTx(ctx context.Context, fn func(t *txn) error) error {
	if db.writer == nil {
		return fmt.Errorf("%s: %w", db.path, ErrReadOnly)
	}
	if t := batchTxn(ctx); t != nil {
		return t.savepoint(ctx, fn)
	}
	return db.writer.tx(ctx, fn)
}

// attachConnector opens read connections with the search index attached
// as "search".
type attachConnector struct {
	driver.Connector
	index string // the index's URI filename; "" attaches nothing
	opts  Options
}

// Connect opens a connection and attaches the index.
func (c attachConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	ex, ok := conn.(driver.ExecerContext)
	if !ok {
		return nil, errors.Join(errors.New("driver connection cannot execute statements"), conn.Close())
	}
	if c.index == "" {
		return conn, nil
	}
	for _, stmt := range []struct {
		sql  string
		args []driver.NamedValue
	}{
		{`ATTACH DATABASE ? AS search`, []driver.NamedValue{{Ordinal: 1, Value: c.index}}},
		{"PRAGMA search.cache_size = " + strconv.FormatInt(-c.opts.ReadCacheSize/1024, 10), nil},
		{"PRAGMA search.mmap_size = " + strconv.FormatInt(c.opts.MmapSize, 10), nil},
	} {
		if _, err := ex.ExecContext(ctx, stmt.sql, stmt.args); err != nil {
			return nil, errors.Join(fmt.Errorf("%s: %w", stmt.sql, err), conn.Close())
		}
	}
	return conn, nil
}

// dsn returns the driver's data source name for path, for a writer
// connection (WAL, synchronous=NORMAL: a process kill loses no committed
// transaction, a power cut at most the last ones; foreign keys on) or a
// query-only reader. The writer type starts its own transactions; the
// migrations' (through database/sql) start with BEGIN IMMEDIATE, so they
// never have to upgrade a read lock, which can fail with SQLITE_BUSY.
func dsn(path string, opts Options, writer bool) string {
	q := url.Values{}
	pragma := func(p string) { q.Add("_pragma", p) }
	pragma("busy_timeout(" + strconv.FormatInt(opts.BusyTimeout.Milliseconds(), 10) + ")")
	cache := opts.ReadCacheSize
	if writer {
		cache = opts.CacheSize
	}
	pragma("cache_size(" + strconv.FormatInt(-cache/1024, 10) + ")")
	if writer {
		// The writer reads through its page cache: mapped, every page a
		// bulk import touches would stay in the process's resident memory,
		// and its writes go to the WAL all the same.
		pragma("mmap_size(0)")
	} else {
		pragma("mmap_size(" + strconv.FormatInt(opts.MmapSize, 10) + ")")
	}
	if writer {
		// A background checkpointer copies the log into the file; the
		// automatic checkpoint is there for when it falls behind.
		pragma("wal_autocheckpoint(" + strconv.Itoa(walSafetyPages) + ")")
		// A checkpoint that empties the log truncates its file back to
		// this size, so that one burst does not leave it large for ever.
		pragma("journal_size_limit(" + strconv.Itoa(walSizeLimit) + ")")
		// The driver applies these after the _pragma values.
		q.Set("_journal_mode", "WAL")
		q.Set("_synchronous", "NORMAL")
		q.Set("_foreign_keys", "1")
		q.Set("_txlock", "immediate")
	} else {
		pragma("query_only(ON)")
	}
	return "file:" + escapePath(path) + "?" + q.Encode()
}

// escapePath escapes the characters that would end or alter the path part
// of an SQLite URI filename.
func escapePath(path string) string {
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	path = r.Replace(path)
	if strings.HasPrefix(path, "//") {
		// "file://host/…" would read the first element as an authority.
		path = "/" + strings.TrimLeft(path, "/")
	}
	return path
}

// wrap returns a domain error unchanged and names the operation in any
// other error.
func wrap(err error, format string, args ...any) error {
	return storeutil.Wrap("sqlite", err, format, args...)
}
