package sqlite

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/storyline/storyline"
)

// saveN saves n articles with distinct texts and fails the test on error.
func saveN(t *testing.T, db *DB, n int, word string) {
	t.Helper()
	for i := range n {
		text := fmt.Sprintf("Report %d about the %s in the harbour.", i, word)
		a := &storyline.Article{URL: fmt.Sprintf("https://news.example/%s/%d", word, i), Source: "Example",
			Title: "Harbour " + word, Text: text, ContentHash: storyline.ContentHash(text)}
		if _, err := db.SaveArticle(t.Context(), a); err != nil {
			t.Fatal(err)
		}
	}
}

// hitCount searches and returns the number of hits.
func hitCount(t *testing.T, db *DB, text string) int {
	t.Helper()
	hits, err := db.Search(t.Context(), storyline.SearchQuery{Text: text, Limit: 200})
	if err != nil {
		t.Fatal(err)
	}
	return len(hits)
}

func TestIndexRebuild(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	path := filepath.Join(dir, "storyline.db")
	db, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	saveN(t, db, 30, "lighthouse")
	if n := hitCount(t, db, "lighthouse"); n != 30 {
		t.Fatalf("hits = %d, want 30", n)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	// A missing index is rebuilt.
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + "-search" + suffix)
	}
	db, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := hitCount(t, db, "lighthouse"); n != 30 {
		t.Errorf("hits after rebuild = %d, want 30", n)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	// Another store's index is rebuilt too.
	other := filepath.Join(dir, "other.db")
	odb, err := Open(ctx, other, Options{IndexPath: path + "-search"})
	if err != nil {
		t.Fatal(err)
	}
	saveN(t, odb, 5, "ferry")
	if n := hitCount(t, odb, "lighthouse"); n != 0 {
		t.Errorf("other store finds %d articles of the first", n)
	}
	if err := odb.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n, m := hitCount(t, db, "lighthouse"), hitCount(t, db, "ferry"); n != 30 || m != 0 {
		t.Errorf("hits after taking the index back = %d and %d, want 30 and 0", n, m)
	}
}

func TestIndexStaleBackup(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	path := filepath.Join(dir, "storyline.db")
	db, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	saveN(t, db, 5, "lighthouse")
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	backup, err := os.ReadFile(path + "-search")
	if err != nil {
		t.Fatal(err)
	}
	db, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	saveN(t, db, 7, "ferry")
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	// The index goes back to a copy that misses the ferry articles, whose
	// queue entries are gone: it must be rebuilt, not trusted.
	if err := os.WriteFile(path+"-search", backup, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n := hitCount(t, db, "ferry"); n != 7 {
		t.Errorf("hits = %d, want 7", n)
	}
}

func TestIndexIntegrity(t *testing.T) {
	ctx := t.Context()
	db := openTemp(t)
	defer db.Close()
	saveN(t, db, 20, "lighthouse")
	// Updates, copies and a canonical article handing its text to a copy.
	for i := range 10 {
		text := fmt.Sprintf("Report %d about the lighthouse in the harbour.", i)
		a := &storyline.Article{URL: fmt.Sprintf("https://copy.example/%d", i), Source: "Copier",
			Title: "Copied", Text: text, ContentHash: storyline.ContentHash(text)}
		if _, err := db.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
		text = fmt.Sprintf("Corrected report %d about the lighthouse keeper.", i)
		a = &storyline.Article{URL: fmt.Sprintf("https://news.example/lighthouse/%d", i), Source: "Example",
			Title: "Harbour lighthouse", Text: text, ContentHash: storyline.ContentHash(text)}
		if _, err := db.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	if n := hitCount(t, db, "keeper"); n != 10 {
		t.Errorf("keeper hits = %d, want 10", n)
	}
	if n := hitCount(t, db, "lighthouse"); n != 30 {
		t.Errorf("lighthouse hits = %d, want 30 (20 updated or not, 10 copies become canonical)", n)
	}
	err := db.index.w.do(ctx, func(t *txn) error {
		_, err := t.exec(`INSERT INTO fts (fts) VALUES ('integrity-check')`)
		return err
	})
	if err != nil {
		t.Errorf("integrity-check: %v", err)
	}
	var queued int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM search_queue`).Scan(&queued); err != nil {
		t.Fatal(err)
	}
	if queued != 0 {
		t.Errorf("%d queue entries left after searching, want 0", queued)
	}
}
