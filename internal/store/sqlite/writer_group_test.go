package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

// openWriter opens a database with one table and a writer on it.
func openWriter(t *testing.T) (*writer, *sql.DB) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "w.db")
	db, err := sql.Open("sqlite", dsn(path, Options{}.withDefaults(path), true))
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec(`CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	w, err := newWriter(t.Context(), db, "BEGIN IMMEDIATE", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.close() })
	return w, db
}

// rows returns the keys the writer's table holds.
func rows(t *testing.T, w *writer) map[int]bool {
	t.Helper()
	got := map[int]bool{}
	err := w.do(t.Context(), func(tx *txn) error {
		rs, err := tx.query(`SELECT k FROM t`)
		if err != nil {
			return err
		}
		defer rs.Close()
		for rs.Next() {
			var k int
			if err := rs.Scan(&k); err != nil {
				return err
			}
			got[k] = true
		}
		return rs.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestWriterGroups runs many transactions at once, some of which fail:
// each caller gets its own outcome, and exactly the successful ones'
// writes are kept, whichever group they were committed in.
func TestWriterGroups(t *testing.T) {
	w, _ := openWriter(t)
	errOdd := errors.New("odd key")
	const n = 200
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			errs[i] = w.tx(t.Context(), func(tx *txn) error {
				if _, err := tx.exec(`INSERT INTO t (k, v) VALUES (?, ?)`, i, "x"); err != nil {
					return err
				}
				if i%2 == 1 {
					return fmt.Errorf("key %d: %w", i, errOdd) // written, then rolled back
				}
				return nil
			})
		})
	}
	wg.Wait()
	got := rows(t, w)
	for i := range n {
		if wantErr := i%2 == 1; wantErr != errors.Is(errs[i], errOdd) {
			t.Errorf("write %d: error %v", i, errs[i])
		}
		if got[i] != (i%2 == 0) {
			t.Errorf("key %d stored: %v", i, got[i])
		}
	}
}

// TestWriterGroupsCommitOnce: writes queued behind a running transaction
// are committed together, in one commit.
func TestWriterGroupsCommitOnce(t *testing.T) {
	w, _ := openWriter(t)
	started, release := make(chan struct{}), make(chan struct{})
	held := make(chan error)
	go func() {
		held <- w.tx(t.Context(), func(tx *txn) error {
			close(started)
			<-release
			return nil
		})
	}()
	<-started
	const n = 10
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			errs[i] = w.tx(t.Context(), func(tx *txn) error {
				_, err := tx.exec(`INSERT INTO t (k, v) VALUES (?, 'x')`, i)
				return err
			})
		})
	}
	for queued := 0; queued < n; { // wait until all are queued
		w.mu.Lock()
		queued = len(w.pending)
		w.mu.Unlock()
		runtime.Gosched()
	}
	before := w.commits.Load()
	close(release)
	wg.Wait()
	if err := <-held; err != nil {
		t.Fatal(err)
	}
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if c := w.commits.Load() - before; c != 2 {
		t.Errorf("%d commits for the held transaction and %d queued ones, want 2", c, n)
	}
	if got := rows(t, w); len(got) != n {
		t.Errorf("%d rows stored, want %d", len(got), n)
	}
}

// TestWriterGroupConstraint: a write that breaks a constraint in a group
// fails alone; the others of its group are committed.
func TestWriterGroupConstraint(t *testing.T) {
	w, _ := openWriter(t)
	if err := w.tx(t.Context(), func(tx *txn) error {
		_, err := tx.exec(`INSERT INTO t (k, v) VALUES (1, 'first')`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 20)
	for i := range errs {
		wg.Go(func() {
			errs[i] = w.tx(t.Context(), func(tx *txn) error {
				_, err := tx.exec(`INSERT INTO t (k, v) VALUES (?, 'again')`, 1+i%2*(i+1))
				return err
			})
		})
	}
	wg.Wait()
	got := rows(t, w)
	for i, err := range errs {
		if dup := i%2 == 0; dup != (err != nil) {
			t.Errorf("write %d: error %v", i, err)
		}
		if i%2 == 1 && !got[i+2] {
			t.Errorf("key %d not stored", i+2)
		}
	}
}

// TestWriterCancelled: a caller whose context ends before its write runs
// gets the context's error and writes nothing.
func TestWriterCancelled(t *testing.T) {
	w, _ := openWriter(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	err := w.tx(ctx, func(tx *txn) error {
		_, err := tx.exec(`INSERT INTO t (k, v) VALUES (7, 'x')`)
		return err
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	// Cancelled while waiting behind a running transaction.
	started, release := make(chan struct{}), make(chan struct{})
	go w.tx(t.Context(), func(tx *txn) error { //nolint:errcheck // only holds the connection
		close(started)
		<-release
		return nil
	})
	<-started
	ctx, cancel = context.WithCancel(t.Context())
	done := make(chan error)
	go func() {
		done <- w.tx(ctx, func(tx *txn) error {
			_, err := tx.exec(`INSERT INTO t (k, v) VALUES (8, 'x')`)
			return err
		})
	}()
	cancel()
	err = <-done
	close(release)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("queued write: error %v, want context.Canceled", err)
	}
	if got := rows(t, w); len(got) != 0 {
		t.Errorf("rows %v, want none", got)
	}
}

// TestWriterPanic: a panic in one write is raised in its caller's
// goroutine only; the writer and the other writes go on.
func TestWriterPanic(t *testing.T) {
	w, _ := openWriter(t)
	var wg sync.WaitGroup
	panics := make([]any, 10)
	for i := range panics {
		wg.Go(func() {
			defer func() { panics[i] = recover() }()
			w.tx(t.Context(), func(tx *txn) error { //nolint:errcheck // a write that panics returns nothing
				if _, err := tx.exec(`INSERT INTO t (k, v) VALUES (?, 'x')`, i); err != nil {
					return err
				}
				if i == 3 {
					panic("bad write")
				}
				return nil
			})
		})
	}
	wg.Wait()
	got := rows(t, w)
	for i, p := range panics {
		if (i == 3) != (p != nil) {
			t.Errorf("write %d: panic %v", i, p)
		}
		if got[i] == (i == 3) {
			t.Errorf("key %d stored: %v", i, got[i])
		}
	}
}
