package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

func TestStmtCache(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "s.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// More distinct queries than the cache keeps: all still answer.
	for i := range maxStmts + 10 {
		var n int
		if err := db.queryRow(ctx, fmt.Sprintf("SELECT %d", i)).Scan(&n); err != nil || n != i {
			t.Fatalf("query %d: %d, %v", i, n, err)
		}
	}
	db.stmts.mu.Lock()
	kept := len(db.stmts.stmts)
	db.stmts.mu.Unlock()
	if kept > maxStmts {
		t.Errorf("%d statements kept, cap %d", kept, maxStmts)
	}
	// A long IN list is run but not kept.
	list := "SELECT count(*) FROM (SELECT 1) WHERE 1 IN (" + strings.TrimSuffix(strings.Repeat("?, ", maxStmtParams+1), ", ") + ")"
	args := make([]any, maxStmtParams+1)
	for i := range args {
		args[i] = i
	}
	var n int
	if err := db.queryRow(ctx, list, args...).Scan(&n); err != nil || n != 1 {
		t.Fatalf("IN list: %d, %v", n, err)
	}
	db.stmts.mu.Lock()
	_, listKept := db.stmts.stmts[list]
	db.stmts.mu.Unlock()
	if listKept {
		t.Error("a query with a long IN list was kept")
	}
	// A query that cannot be prepared fails with its error.
	if err := db.queryRow(ctx, "SELECT nope FROM nowhere").Scan(new(int)); err == nil {
		t.Error("a bad query did not fail")
	}
	if _, err := db.query(ctx, "SELECT nope FROM nowhere"); err == nil {
		t.Error("a bad query did not fail")
	}
}
