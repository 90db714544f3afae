// Package postgres implements storyline.Store on PostgreSQL with pgx, for
// installs past one machine: several web and ingest processes share one
// database. It passes the same contract suite (internal/store/storetest)
// as the SQLite store.
//
// Full-text search uses a weighted tsvector column (title A, body B) with
// a GIN index, queried with websearch_to_tsquery; schema changes are
// numbered SQL migrations embedded in the binary and applied at Open, one
// process at a time (an advisory lock).
package postgres

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// Options tunes a database. The zero value is a good default.
type Options struct {
	// MaxConns is the most connections open at once; 0 means the URL's
	// pool_max_conns, else max(8, 4 × GOMAXPROCS): a worker's jobs, its
	// queue and its assignment lock each hold connections.
	MaxConns int32
	// StatementTimeout cancels any statement running longer; 0 means 30
	// seconds.
	StatementTimeout time.Duration
}

// DB is a Storyline store in a PostgreSQL database. It implements
// storyline.Store and is safe for concurrent use by many goroutines and
// many processes.
type DB struct {
	pool *pgxpool.Pool
	// lockPID is the server process of the session holding the
	// assignment lock for this DB, 0 when none does.
	lockPID atomic.Uint32
}

// Open connects to the database at url (postgres://…), with opts, and
// brings its schema up to date. A database written by a newer build, with
// migrations this one does not know, is refused.
func Open(ctx context.Context, url string, opts Options) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, storyline.Errorf(storyline.EINVALID, "postgres: database URL: %v", err)
	}
	switch {
	case opts.MaxConns > 0:
		cfg.MaxConns = opts.MaxConns
	case !strings.Contains(url, "pool_max_conns="):
		cfg.MaxConns = int32(max(8, 4*runtime.GOMAXPROCS(0)))
	}
	timeout := opts.StatementTimeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	cfg.ConnConfig.RuntimeParams["statement_timeout"] = fmt.Sprint(timeout.Milliseconds())
	cfg.ConnConfig.RuntimeParams["timezone"] = "UTC"
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: connect: %w", err)
	}
	db := &DB{pool: pool}
	if err := db.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return db, nil
}

// Pool returns the database's connections, for the job queue, which
// keeps its own tables in the same database.
func (db *DB) Pool() *pgxpool.Pool { return db.pool }

// Close closes the connections.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	return wrap(db.pool.Ping(ctx), "ping")
}

// tx runs fn in a read-committed transaction and commits it when fn
// returns nil; otherwise it rolls back.
func (db *DB) tx(ctx context.Context, fn func(tx pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, db.pool, fn)
}

// wrap adds the operation to an error from PostgreSQL; domain errors pass
// through unchanged.
func wrap(err error, format string, args ...any) error {
	return storeutil.Wrap("postgres", err, format, args...)
}

// isUniqueViolation reports whether err is a unique or primary key clash.
func isUniqueViolation(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && e.Code == "23505"
}

// isForeignKeyViolation reports whether err is a reference to a missing
// row.
func isForeignKeyViolation(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && e.Code == "23503"
}

// nullTime is t, or NULL when t is zero.
func nullTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

// timeOf is *t in UTC, or the zero time for NULL.
func timeOf(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

// nullID is id, or NULL when 0.
func nullID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}
