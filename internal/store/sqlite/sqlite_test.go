package sqlite

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/schema"
	"github.com/storyline/storyline/internal/store/storetest"
)

// openTemp opens a new database in a temporary directory.
func openTemp(t *testing.T) *DB {
	t.Helper()
	db, err := Open(t.Context(), filepath.Join(t.TempDir(), "storyline.db"), Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return db
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storyline.Store { return openTemp(t) })
}

// TestContractCommonWords runs the suite with every word common, so that
// every search takes the path of queries with common words.
func TestContractCommonWords(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storyline.Store {
		db := openTemp(t)
		db.commonDF = 1
		return db
	})
}

func TestReopen(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "dir with spaces?and#marks%20", "storyline.db")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	db, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	a := &storyline.Article{URL: "https://news.example/1", Source: "Example", Title: "Harbour",
		Text: "A ship ran aground.", ContentHash: storyline.ContentHash("A ship ran aground.")}
	res, err := db.SaveArticle(ctx, a)
	if err != nil {
		t.Fatalf("SaveArticle: %v", err)
	}
	if err := db.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database file not at the path given: %v", err)
	}

	for i := range 2 { // reopening twice: migrations must be idempotent
		db, err = Open(ctx, path, Options{})
		if err != nil {
			t.Fatalf("reopen %d: %v", i, err)
		}
		got, err := db.Article(ctx, res.ID)
		if err != nil || got.Title != "Harbour" {
			t.Fatalf("reopen %d: Article = %v, %v", i, got, err)
		}
		hits, err := db.Search(ctx, storyline.SearchQuery{Text: "aground"})
		if err != nil || len(hits) != 1 {
			t.Fatalf("reopen %d: Search = %v, %v", i, hits, err)
		}
		if v := schemaVersion(t, db); v != len(mustMigrations(t)) {
			t.Errorf("reopen %d: schema version %d, want %d", i, v, len(mustMigrations(t)))
		}
		var rows int
		if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM schema_version`).Scan(&rows); err != nil {
			t.Fatal(err)
		}
		if rows != len(mustMigrations(t)) {
			t.Errorf("reopen %d: %d schema_version rows, want one per migration", i, rows)
		}
		if err := db.Close(); err != nil {
			t.Fatalf("Close: %v", err)
		}
	}
}

func TestPragmas(t *testing.T) {
	db := openTemp(t)
	defer db.Close()
	ctx := t.Context()
	for _, tc := range []struct {
		writer bool
		pragma string
		want   string
	}{
		{true, "journal_mode", "wal"},
		{true, "foreign_keys", "1"},
		{true, "synchronous", "1"},
		{true, "busy_timeout", "5000"},
		{true, "journal_size_limit", "16777216"},
		{true, "auto_vacuum", "2"},
		{true, "query_only", "0"},
		{false, "query_only", "1"},
		{false, "journal_mode", "wal"},
	} {
		var got string
		var err error
		if tc.writer {
			err = db.writer.do(ctx, func(t *txn) error { return t.queryRow("PRAGMA " + tc.pragma).Scan(&got) })
		} else {
			err = db.read.QueryRowContext(ctx, "PRAGMA "+tc.pragma).Scan(&got)
		}
		if err != nil {
			t.Fatalf("PRAGMA %s: %v", tc.pragma, err)
		}
		if got != tc.want {
			t.Errorf("PRAGMA %s = %q, want %q", tc.pragma, got, tc.want)
		}
	}
}

func TestOpenNewerSchema(t *testing.T) {
	t0 := t
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "storyline.db")
	db, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if err := db.writeTx(ctx, func(t *txn) error {
		_, err := t.exec(`INSERT INTO schema_version (version, name, applied_at) VALUES (?, 'from the future', 0)`,
			len(mustMigrations(t0))+1)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	_, err = Open(ctx, path, Options{})
	if err == nil || !strings.Contains(err.Error(), "newer") || !strings.Contains(err.Error(), path) {
		t.Fatalf("Open(newer schema) error = %v, want one saying the schema is newer and naming %s", err, path)
	}
	if ne := (*schema.NewerError)(nil); !errors.As(err, &ne) || ne.Database != len(mustMigrations(t0))+1 || ne.Build != len(mustMigrations(t0)) {
		t.Errorf("Open(newer schema) error = %v, want a schema.NewerError naming both versions", err)
	}
}

func TestOpenNotSQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(path, []byte(strings.Repeat("These are not the pages you are looking for.\n", 200)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(t.Context(), path, Options{})
	if err == nil {
		t.Fatal("Open(text file) succeeded")
	}
	if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "not a database") {
		t.Errorf("Open(text file) error = %q, want it to name %s and say it is not a database", err, path)
	}
}

func TestOpenBadPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "dir", "storyline.db")
	_, err := Open(t.Context(), path, Options{})
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("Open(%s) error = %v, want one naming the path", path, err)
	}
	_, err = Open(t.Context(), "", Options{})
	if storyline.ErrorCode(err) != storyline.EINVALID {
		t.Errorf("Open(\"\") error = %v, want EINVALID", err)
	}
}

func TestOpenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := Open(ctx, filepath.Join(t.TempDir(), "x.db"), Options{}); err == nil {
		t.Error("Open with a cancelled context succeeded")
	}
}

// TestMigrations checks that the runner loads migrations under the shared
// rules of package schema: the embedded ones pass, numbered 1, 2, 3…
// (SQLite retires no version), and a gap is refused.
func TestMigrations(t *testing.T) {
	for i, m := range mustMigrations(t) {
		if m.Version != i+1 {
			t.Errorf("migration %s has version %d, want %d", m.Name, m.Version, i+1)
		}
	}
	gap := fstest.MapFS{"migrations/0001_init.sql": {}, "migrations/0003_later.sql": {}}
	if _, err := loadMigrations(gap); err == nil || !strings.Contains(err.Error(), "expected version 2") {
		t.Errorf("loadMigrations(0001, 0003) = %v, want the gap refused", err)
	}
}

// mustMigrations loads the embedded migrations.
func mustMigrations(t *testing.T) []schema.Migration {
	t.Helper()
	ms, err := loadMigrations(migrationFiles)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// schemaVersion returns the database's schema version.
func schemaVersion(t *testing.T, db *DB) int {
	t.Helper()
	var v int
	if err := db.read.QueryRowContext(t.Context(), `SELECT max(version) FROM schema_version`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}
