package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
)

// writer runs every write of a DB on its one write connection, one
// transaction at a time, so that writers in this process queue up instead
// of failing with "database is locked".
//
// It drives the connection itself (BEGIN IMMEDIATE … COMMIT through a
// *sql.Conn, with statements prepared once) rather than through sql.Tx:
// a transaction of a few sub-millisecond statements would otherwise spend
// much of its time in database/sql's and the driver's per-transaction and
// per-statement cancellation goroutines. The context is checked before
// each statement instead, so a cancelled write stops at the next statement
// and rolls back.
//
// Writes that queue up while a transaction runs are committed together
// (group commit, see tx): one commit writes the pages they share —
// index and interior pages, the write-ahead log's frame headers — once.
type writer struct {
	begin string        // the statement that starts a transaction
	sem   chan struct{} // a token held while a transaction runs
	conn  *sql.Conn
	// stmts are statements prepared on conn, by query text: those given
	// to newWriter, and every other one run, up to maxWriterStmts (the
	// rest are prepared at each run). Used only while sem is held.
	stmts map[string]*sql.Stmt
	// checkpoints, when set, is told of every commit.
	checkpoints *checkpointer

	mu      sync.Mutex
	pending []*write // transactions waiting for the next group; guarded by mu
	commits atomic.Int64

	// absorbed are the transactions a Batch took in while it ran (see
	// absorb), with their own outcomes: they are committed, or rolled
	// back, with the group that runs the Batch, and told with it. Used
	// only while sem is held.
	absorbed     []*write
	absorbedErrs []error
}

// maxWriterStmts bounds the statements a writer keeps prepared: every
// fixed query of the write paths, not the texts some build at run time.
const maxWriterStmts = 512

// maxGroup is the most transactions one commit takes in: enough for every
// writer of a busy process, few enough that none waits long behind the
// others.
const maxGroup = 64

// newWriter takes db's connection and prepares queries on it. Its
// transactions start with begin.
func newWriter(ctx context.Context, db *sql.DB, begin string, queries []string) (*writer, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	w := &writer{begin: begin, sem: make(chan struct{}, 1), conn: conn, stmts: make(map[string]*sql.Stmt, len(queries))}
	// Statement journals in memory: a statement that changes many rows
	// keeps the pages it changed until it completes, past 64 KiB in a
	// temporary file otherwise, opened, written and closed by each such
	// statement. Set here, after the migrations, whose index builds may
	// sort more than memory should hold.
	if _, err := conn.ExecContext(ctx, "PRAGMA temp_store = MEMORY"); err != nil {
		return nil, errors.Join(fmt.Errorf("temp_store: %w", err), w.close())
	}
	for _, q := range queries {
		st, err := conn.PrepareContext(ctx, q)
		if err != nil {
			return nil, errors.Join(fmt.Errorf("prepare %q: %w", q, err), w.close())
		}
		w.stmts[q] = st
	}
	return w, nil
}

// close releases the statements and the connection.
func (w *writer) close() error {
	errs := make([]error, 0, len(w.stmts)+1)
	for _, st := range w.stmts {
		errs = append(errs, st.Close())
	}
	return errors.Join(append(errs, w.conn.Close())...)
}

// do runs fn with the write connection to itself, outside a transaction.
func (w *writer) do(ctx context.Context, fn func(t *txn) error) error {
	select {
	case w.sem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-w.sem }()
	return fn(&txn{ctx: ctx, run: context.WithoutCancel(ctx), w: w})
}

// prepared returns query prepared on the writer's connection, preparing
// it when there is room; nil when it is not and cannot be (the caller
// then runs the text, and meets any error in it there).
func (w *writer) prepared(ctx context.Context, query string) *sql.Stmt {
	if st, ok := w.stmts[query]; ok {
		return st
	}
	if len(w.stmts) >= maxWriterStmts {
		return nil
	}
	st, err := w.conn.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	w.stmts[query] = st
	return st
}

// noTransaction reports whether a ROLLBACK failed only because no
// transaction was open (SQLite already rolled it back).
func noTransaction(err error) bool {
	return err != nil && containsFold(err.Error(), "no transaction is active")
}

// txn runs statements on the writer's connection.
type txn struct {
	ctx context.Context // the caller's: checked before each statement
	run context.Context // for the statements: without cancellation
	w   *writer
}

// exec runs a statement that returns no rows, in its prepared form when
// it is one of the writer's queries.
func (t *txn) exec(query string, args ...any) (sql.Result, error) {
	if err := t.ctx.Err(); err != nil {
		return nil, err
	}
	if st := t.w.prepared(t.run, query); st != nil {
		return st.ExecContext(t.run, args...)
	}
	return t.w.conn.ExecContext(t.run, query, args...)
}

// queryRow runs a statement that returns at most one row, in its prepared
// form when it is one of the writer's queries. A cancelled context makes
// the row's Scan return the context's error.
func (t *txn) queryRow(query string, args ...any) *sql.Row {
	ctx := t.run
	if t.ctx.Err() != nil {
		ctx = t.ctx // a done context: database/sql reports its error on Scan
	}
	if st := t.w.prepared(t.run, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return t.w.conn.QueryRowContext(ctx, query, args...)
}

// execOne runs a statement meant to change one row, and returns notFound
// when it changed none.
func (t *txn) execOne(notFound error, query string, args ...any) error {
	res, err := t.exec(query, args...)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err == nil && n == 0 {
		return notFound
	}
	return err
}

// insertID runs an INSERT and returns the new row's ID, or conflict (when
// not nil) if the row breaks a UNIQUE constraint.
func (t *txn) insertID(conflict error, query string, args ...any) (int64, error) {
	res, err := t.exec(query, args...)
	if conflict != nil && isUniqueViolation(err) {
		return 0, conflict
	}
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// query runs a statement that returns rows, in its prepared form when it
// can be.
func (t *txn) query(query string, args ...any) (*sql.Rows, error) {
	if err := t.ctx.Err(); err != nil {
		return nil, err
	}
	if st := t.w.prepared(t.run, query); st != nil {
		return st.QueryContext(t.run, args...)
	}
	return t.w.conn.QueryContext(t.run, query, args...)
}
