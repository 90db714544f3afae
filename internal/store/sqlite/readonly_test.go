package sqlite

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/storyline/storyline"
)

// openIn opens (creating) the store at dir/name, failing the test on
// error.
func openIn(t *testing.T, dir, name string) *DB {
	t.Helper()
	db, err := Open(t.Context(), filepath.Join(dir, name), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// countArticles counts the store's articles and fails the test on error.
func countArticles(t *testing.T, db *DB) int64 {
	t.Helper()
	n, err := db.CountArticles(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return int64(n)
}

// rawExec runs statements on the closed database at path, through a
// connection of its own.
func rawExec(t *testing.T, path string, stmts ...string) {
	t.Helper()
	conn, err := sql.Open("sqlite", dsn(path, Options{}.withDefaults(path), true))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, s := range stmts {
		if _, err := conn.ExecContext(t.Context(), s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// listDir returns the names in dir, sorted.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// leaveLog runs stmt on the closed database at path and leaves its change
// in the write-ahead log alone, as a writer killed before a checkpoint
// does: the files are copied while the connection is open (the close
// would checkpoint the log into the database and delete it) and put back
// afterwards.
func leaveLog(t *testing.T, path, stmt string) {
	t.Helper()
	conn, err := sql.Open("sqlite", dsn(path, Options{}.withDefaults(path), true))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, s := range []string{`PRAGMA wal_autocheckpoint = 0`, stmt} {
		if _, err := conn.ExecContext(t.Context(), s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	saved := map[string][]byte{}
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		if saved[f], err = os.ReadFile(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := conn.Close(); err != nil {
		t.Fatal(err)
	}
	for f, data := range saved {
		if err := os.WriteFile(f, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestReadOnly(t *testing.T) {
	tests := []struct {
		name string
		// setup changes the store at path (20 lighthouse articles,
		// closed) and returns what to close afterwards, or nil.
		setup      func(t *testing.T, path string) *DB
		openErr    string // in Open's error; "" for none
		access     string // readOnlyAccess's choice
		articles   int64
		searchErr  string // in the search's error; "" for none
		lag        int64
		filesAdded bool // whether Open may add files (a writer's)
	}{
		{name: "closed cleanly", access: "immutable=1", articles: 20},
		{name: "a writer at work", setup: func(t *testing.T, path string) *DB {
			w, err := Open(t.Context(), path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			saveN(t, w, 3, "ferry")
			if n := hitCount(t, w, "ferry"); n != 3 { // the index took them in
				t.Fatalf("writer: ferry hits = %d", n)
			}
			return w
		}, access: "mode=ro", articles: 23, filesAdded: true},
		{name: "a crash left the log", setup: func(t *testing.T, path string) *DB {
			leaveLog(t, path, `UPDATE articles SET title = 'Harbour lighthouse revised' WHERE id <= 2`)
			return nil
		}, access: "mode=ro", articles: 20, lag: 2, filesAdded: true},
		{name: "index missing", setup: func(t *testing.T, path string) *DB {
			for _, suffix := range []string{"-search", "-search-wal", "-search-shm"} {
				if err := os.Remove(path + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
					t.Fatal(err)
				}
			}
			return nil
		}, access: "immutable=1", articles: 20, searchErr: "is missing"},
		{name: "index behind", setup: func(t *testing.T, path string) *DB {
			rawExec(t, path, `UPDATE articles SET title = title || ' revised' WHERE id <= 3`)
			return nil
		}, access: "immutable=1", articles: 20, lag: 3},
		{name: "index of another store", setup: func(t *testing.T, path string) *DB {
			other := openIn(t, t.TempDir(), "other.db")
			saveN(t, other, 2, "ferry")
			if err := other.Close(); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(other.IndexPath())
			if err == nil {
				err = os.WriteFile(path+"-search", data, 0o644)
			}
			if err != nil {
				t.Fatal(err)
			}
			return nil
		}, access: "immutable=1", articles: 20, searchErr: "does not match the database"},
		{name: "older schema", setup: func(t *testing.T, path string) *DB {
			rawExec(t, path, `DELETE FROM schema_version WHERE version = (SELECT max(version) FROM schema_version)`)
			return nil
		}, openErr: "cannot be upgraded"},
		{name: "newer schema", setup: func(t *testing.T, path string) *DB {
			rawExec(t, path, `INSERT INTO schema_version (version, name, applied_at) VALUES (9999, 'future', 0)`)
			return nil
		}, openErr: "newer than this build"},
		{name: "no database", setup: func(t *testing.T, path string) *DB {
			for _, suffix := range []string{"", "-wal", "-shm"} {
				if err := os.Remove(path + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
					t.Fatal(err)
				}
			}
			return nil
		}, openErr: "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := t.Context()
			dir := t.TempDir()
			w := openIn(t, dir, "storyline.db")
			path := w.Path()
			saveN(t, w, 20, "lighthouse")
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if tt.setup != nil {
				if other := tt.setup(t, path); other != nil {
					defer other.Close()
				}
			}
			before := listDir(t, dir)
			db, err := Open(ctx, path, Options{ReadOnly: true})
			if tt.openErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.openErr) || !strings.Contains(err.Error(), path) {
					t.Fatalf("Open error %v, want one naming %s and saying %q", err, path, tt.openErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := readOnlyAccess(path); got != tt.access {
				t.Errorf("access %q, want %q", got, tt.access)
			}
			if !db.ReadOnly() {
				t.Error("ReadOnly() = false")
			}
			if n := countArticles(t, db); n != tt.articles {
				t.Errorf("%d articles, want %d", n, tt.articles)
			}
			hits, err := db.Search(ctx, storyline.SearchQuery{Text: "lighthouse", Limit: 100})
			switch {
			case tt.searchErr != "" && (err == nil || !strings.Contains(err.Error(), tt.searchErr)):
				t.Errorf("search error %v, want one saying %q", err, tt.searchErr)
			case tt.searchErr == "" && err != nil:
				t.Errorf("search: %v", err)
			case tt.searchErr == "" && len(hits) != 20:
				t.Errorf("search: %d hits, want 20", len(hits))
			}
			lag, err := db.IndexLag(ctx)
			if (err != nil) != (tt.searchErr != "") || lag != tt.lag {
				t.Errorf("IndexLag = %d, %v; want %d and an error: %v", lag, err, tt.lag, tt.searchErr != "")
			}
			_, err = db.SaveArticle(ctx, &storyline.Article{URL: "https://news.example/new", Title: "New",
				Text: "New text.", ContentHash: storyline.ContentHash("New text.")})
			if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), path) {
				t.Errorf("save: %v, want ErrReadOnly naming %s", err, path)
			}
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			if after := listDir(t, dir); !tt.filesAdded && !slices.Equal(before, after) {
				t.Errorf("files before %v, after %v", before, after)
			}
		})
	}
}

// TestReadOnlyDirectory opens stores in a directory this process cannot
// write: for real when it is not root; as root, which writes anywhere,
// only the refusal of Open without ReadOnly cannot be shown.
func TestReadOnlyDirectory(t *testing.T) {
	tests := []struct {
		name     string
		crash    bool // a crash left a deletion in the log
		noShm    bool // and the shared-memory file is gone
		articles int
		openErr  string // in Open's error; "" for none
	}{
		{"closed cleanly", false, false, 5, ""},
		{"a crash left the log", true, false, 4, ""},
		{"a log without its shared memory", true, true, 0, "cannot be read without"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := t.Context()
			dir := t.TempDir()
			w := openIn(t, dir, "storyline.db")
			saveN(t, w, 6, "lighthouse")
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			path := w.Path()
			rawExec(t, path, `DELETE FROM articles WHERE id = 6`)
			if tt.openErr != "" && os.Geteuid() == 0 {
				t.Skip("root can create the shared-memory file")
			}
			if tt.crash {
				leaveLog(t, path, `DELETE FROM articles WHERE id = 5`)
			}
			if tt.noShm {
				if err := os.Remove(path + "-shm"); err != nil {
					t.Fatal(err)
				}
			}
			for _, name := range listDir(t, dir) {
				if err := os.Chmod(filepath.Join(dir, name), 0o444); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.Chmod(dir, 0o555); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = os.Chmod(dir, 0o755) })
			if os.Geteuid() != 0 {
				if _, err := Open(ctx, path, Options{}); err == nil {
					t.Error("Open for writing in a read-only directory succeeded")
				}
			}
			db, err := Open(ctx, path, Options{ReadOnly: true})
			if tt.openErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.openErr) {
					t.Fatalf("Open error %v, want one saying %q", err, tt.openErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if n := countArticles(t, db); n != int64(tt.articles) {
				t.Errorf("%d articles, want %d", n, tt.articles)
			}
			if n := hitCount(t, db, "lighthouse"); n != tt.articles {
				t.Errorf("lighthouse hits = %d, want %d", n, tt.articles)
			}
		})
	}
}
