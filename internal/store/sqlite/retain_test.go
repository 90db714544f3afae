package sqlite

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// TestReclaimShrinksTheFile: after retention deletes every article,
// Reclaim gives the space back, in the database and in its search index —
// on a database made before auto_vacuum was set (converted once by VACUUM)
// and on a new one (incremental vacuum).
func TestReclaimShrinksTheFile(t *testing.T) {
	for _, old := range []bool{true, false} {
		t.Run(fmt.Sprintf("made before retention %v", old), func(t *testing.T) {
			ctx := t.Context()
			path := filepath.Join(t.TempDir(), "s.db")
			if old { // a table before the first Open: auto_vacuum stays off
				conn, err := sql.Open("sqlite", "file:"+path)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := conn.Exec(`CREATE TABLE early (x)`); err != nil {
					t.Fatal(err)
				}
				conn.Close()
			}
			now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			db, err := Open(ctx, path, Options{Now: func() time.Time { return now }})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			body := strings.Repeat("The harbour works went on through the night. ", 200)
			for i := range 300 {
				text := fmt.Sprintf("Report %d. %s", i, body)
				a := &storyline.Article{URL: fmt.Sprintf("https://example.com/%d", i), Title: "Report", Source: "Wire",
					Text: text, HTML: "<p>" + text + "</p>", ContentHash: storyline.ContentHash(text)}
				if _, err := db.SaveArticle(ctx, a); err != nil {
					t.Fatal(err)
				}
			}
			searchable := func() { // waits until the index has taken every change in
				t.Helper()
				if _, err := db.Search(ctx, storyline.SearchQuery{Text: "harbour", Limit: 1}); err != nil {
					t.Fatal(err)
				}
			}
			searchable()
			checkpoint(t, db)
			before, indexBefore := fileSize(t, path), fileSize(t, db.IndexPath())
			if _, err := db.Prune(ctx, now.Add(time.Hour), 5000); err != nil {
				t.Fatal(err)
			}
			searchable()
			if err := db.Reclaim(ctx); err != nil {
				t.Fatal(err)
			}
			checkpoint(t, db)
			if after := fileSize(t, db.IndexPath()); after > indexBefore/2 {
				t.Errorf("the search index went from %d to %d bytes after deleting every article; want it to shrink", indexBefore, after)
			}
			var mode int
			err = db.writer.do(ctx, func(t *txn) error { return t.queryRow("PRAGMA auto_vacuum").Scan(&mode) })
			if err != nil || mode != autoVacuumIncremental {
				t.Errorf("auto_vacuum after Reclaim = %d, %v; want incremental", mode, err)
			}
			if after := fileSize(t, path); after > before/4 {
				t.Errorf("the file went from %d to %d bytes after deleting every article; want it to shrink", before, after)
			}
		})
	}
}

// checkpoint copies the write-ahead logs of db and its search index into
// their files.
func checkpoint(t *testing.T, db *DB) {
	t.Helper()
	for _, w := range []*writer{db.writer, db.index.w} {
		err := w.do(t.Context(), func(t *txn) error {
			_, err := t.exec("PRAGMA main.wal_checkpoint(TRUNCATE)")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// fileSize returns the size of the file at path.
func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}
