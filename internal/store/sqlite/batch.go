package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// batchKey marks a context whose calls to the store run in one write
// transaction (see Batch); its value is the transaction's *txn.
type batchKey struct{}

// Batch runs fn with a context in which this store's reads and writes go
// through one write transaction, committed when fn returns nil and rolled
// back when it fails: many small writes (an analysis's, a story
// assignment's) share one commit, and the reads among them see the writes
// before them. Each write made in it is a savepoint of its own, so one
// that fails is undone alone, as it would have been on its own. While fn
// runs, other writers wait: keep it short. A Batch inside a Batch is part
// of the outer one. fn must not use the context from other goroutines.
func (db *DB) Batch(ctx context.Context, fn func(ctx context.Context) error) error {
	if batchTxn(ctx) != nil {
		return fn(ctx)
	}
	err := db.writeTx(ctx, func(t *txn) error {
		return fn(context.WithValue(ctx, batchKey{}, t))
	})
	if err == nil {
		db.index.signal() // writes in the batch may have changed what is searched
	}
	return wrap(err, "batch of writes")
}

// batchTxn returns the transaction of the Batch ctx is in, or nil.
func batchTxn(ctx context.Context) *txn {
	t, _ := ctx.Value(batchKey{}).(*txn)
	return t
}

// savepoint runs fn inside a savepoint of t, with ctx as the caller's
// context: a failure rolls back fn's writes alone. The other writers'
// transactions that queued up meanwhile are run first (absorb).
func (t *txn) savepoint(ctx context.Context, fn func(t *txn) error) error {
	if err := t.w.absorb(t.run); err != nil {
		return err
	}
	if err := t.w.exec(t.run, "SAVEPOINT item"); err != nil {
		return err
	}
	inner := &txn{ctx: ctx, run: t.run, w: t.w}
	if err := fn(inner); err != nil {
		if rerr := t.w.exec(t.run, "ROLLBACK TO item"); rerr != nil {
			return fmt.Errorf("%w (and undoing it: %v)", err, rerr)
		}
		if rerr := t.w.exec(t.run, "RELEASE item"); rerr != nil {
			return fmt.Errorf("%w (and undoing it: %v)", err, rerr)
		}
		return err
	}
	return t.w.exec(t.run, "RELEASE item")
}

// batchQuery runs a read query of a Batch on its transaction, with ctx's
// cancellation.
func batchQuery(ctx context.Context, t *txn, query string, args ...any) (*sql.Rows, error) {
	return (&txn{ctx: ctx, run: t.run, w: t.w}).query(query, args...)
}

// batchQueryRow is batchQuery for a query of at most one row.
func batchQueryRow(ctx context.Context, t *txn, query string, args ...any) *sql.Row {
	return (&txn{ctx: ctx, run: t.run, w: t.w}).queryRow(query, args...)
}
