package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"sync"
)

// maxStmts caps the prepared read statements kept; past the cap, a query
// is run without keeping its statement.
const maxStmts = 256

// maxStmtParams is the most parameters of a query whose statement is kept:
// queries with longer IN lists, whose text varies with their arguments,
// are not kept, so they cannot crowd the fixed ones out.
const maxStmtParams = 16

// stmtCache keeps read statements prepared, by query text: preparing
// costs more than running most of the store's reads (about 0.1 ms against
// 0.04 ms for a story).
type stmtCache struct {
	mu    sync.Mutex
	stmts map[string]*sql.Stmt
}

// get returns the prepared statement of query, preparing it on pool when
// new, or nil when the cache is full.
func (c *stmtCache) get(ctx context.Context, pool *sql.DB, query string) (*sql.Stmt, error) {
	c.mu.Lock()
	st, ok := c.stmts[query]
	full := len(c.stmts) >= maxStmts
	c.mu.Unlock()
	if !ok && strings.Count(query, "?") > maxStmtParams {
		return nil, nil
	}
	if ok || full {
		return st, nil
	}
	st, err := pool.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.stmts[query]; ok { // prepared meanwhile by another caller
		st.Close()
		return old, nil
	}
	if c.stmts == nil {
		c.stmts = map[string]*sql.Stmt{}
	}
	c.stmts[query] = st
	return st, nil
}

// close closes every statement.
func (c *stmtCache) close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var errs []error
	for _, st := range c.stmts {
		errs = append(errs, st.Close())
	}
	c.stmts = nil
	return errors.Join(errs...)
}

// query runs a read query on the read pool, prepared; in a Batch, on its
// transaction, which sees the batch's writes.
func (db *DB) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if t := batchTxn(ctx); t != nil {
		return batchQuery(ctx, t, query, args...)
	}
	st, err := db.stmts.get(ctx, db.read, query)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return db.read.QueryContext(ctx, query, args...)
	}
	return st.QueryContext(ctx, args...)
}

// queryRow runs a read query that returns at most one row on the read
// pool, prepared. A failure to prepare shows in Scan, as with
// sql.DB.QueryRowContext.
func (db *DB) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if t := batchTxn(ctx); t != nil {
		return batchQueryRow(ctx, t, query, args...)
	}
	st, err := db.stmts.get(ctx, db.read, query)
	if err != nil || st == nil {
		return db.read.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}
