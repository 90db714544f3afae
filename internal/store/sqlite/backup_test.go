package sqlite

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/lockfile"
)

// filled opens a new store, storyline.db in a directory of its own, with
// n lighthouse articles.
func filled(t *testing.T, n int) *DB {
	t.Helper()
	db := openIn(t, t.TempDir(), "storyline.db")
	saveN(t, db, n, "lighthouse")
	return db
}

// keepSaving saves ferry articles, one transaction each, until ctx ends,
// counting them in saved, and returns the first failure.
func keepSaving(ctx context.Context, db *DB, saved *atomic.Int64) error {
	for i := 0; ; i++ {
		text := fmt.Sprintf("Dispatch %d from the ferry terminal.", i)
		a := &storyline.Article{URL: fmt.Sprintf("https://news.example/ferry/%d", i), Source: "Example",
			Title: "Ferry " + fmt.Sprint(i), Text: text, ContentHash: storyline.ContentHash(text)}
		if _, err := db.SaveArticle(ctx, a); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		saved.Add(1)
	}
}

func TestBackupWhileWriting(t *testing.T) {
	ctx := t.Context()
	db := filled(t, 50)
	defer db.Close()
	dir := filepath.Dir(db.Path())

	// A writer saves articles all through the backups.
	wctx, stop := context.WithCancel(ctx)
	var saved atomic.Int64
	done := make(chan error, 1)
	go func() { done <- keepSaving(wctx, db, &saved) }()
	var backups []string
	for i := range 3 {
		for n := saved.Load(); saved.Load() < n+20; {
			time.Sleep(time.Millisecond)
		}
		path := filepath.Join(dir, fmt.Sprintf("backup-%d.db", i))
		if err := db.Backup(ctx, path, BackupOptions{}); err != nil {
			t.Fatalf("backup %d: %v", i, err)
		}
		backups = append(backups, path)
	}
	stop()
	if err := <-done; err != nil {
		t.Fatalf("writer: %v", err)
	}
	if saved.Load() < 60 {
		t.Fatalf("the writer saved only %d articles", saved.Load())
	}

	var last int64
	for _, path := range backups {
		c, err := Inspect(ctx, path) // integrity_check included
		if err != nil {
			t.Fatalf("inspect %s: %v", path, err)
		}
		if c.Articles <= last || c.Articles < 70 {
			t.Errorf("%s holds %d articles, want more than %d and at least 70", path, c.Articles, last)
		}
		last = c.Articles
		for _, suffix := range []string{"-wal", "-shm", "-search"} {
			if _, err := os.Stat(path + suffix); err == nil {
				t.Errorf("the backup left %s%s", path, suffix)
			}
		}
		// Opened as a store, the copy holds what Inspect counted, and
		// its search index is built from it.
		into := t.TempDir()
		if _, err := Restore(ctx, path, filepath.Join(into, "copy.db"), Options{}); err != nil {
			t.Fatalf("restore %s: %v", path, err)
		}
		copied := openIn(t, into, "copy.db")
		if n := countArticles(t, copied); n != c.Articles {
			t.Errorf("restored %s holds %d articles, Inspect counted %d", path, n, c.Articles)
		}
		if n := hitCount(t, copied, "lighthouse"); n != 50 {
			t.Errorf("restored %s: lighthouse hits = %d, want 50", path, n)
		}
		if err := copied.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if total := countArticles(t, db); last >= total {
		t.Errorf("the last backup holds %d articles, the store %d: the writer stopped before it", last, total)
	}
}

func TestBackupTargets(t *testing.T) {
	ctx := t.Context()
	db := filled(t, 3)
	defer db.Close()
	dir := filepath.Dir(db.Path())
	existing := filepath.Join(dir, "existing.db")
	if err := os.WriteFile(existing, []byte("an older backup"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		path    string
		replace bool
		wantErr string // "" for success
		isExist bool
	}{
		{"new file", filepath.Join(dir, "new.db"), false, "", false},
		{"existing file", existing, false, "file already exists", true},
		{"existing file, replaced", existing, true, "", false},
		{"the database", db.Path(), true, "the store's own file", false},
		{"the database by another name", filepath.Join(dir, ".", "x", "..", "storyline.db"), true, "the store's own file", false},
		{"its log", db.Path() + "-wal", true, "the store's own file", false},
		{"its index", db.IndexPath(), true, "the store's own file", false},
		{"missing directory", filepath.Join(dir, "missing", "b.db"), false, "no such file or directory", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := db.Backup(ctx, tt.path, BackupOptions{Replace: tt.replace})
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if c, err := Inspect(ctx, tt.path); err != nil || c.Articles != 3 {
					t.Errorf("Inspect = %+v, %v; want 3 articles", c, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), tt.path) {
				t.Fatalf("error %v, want one naming %s and saying %q", err, tt.path, tt.wantErr)
			}
			if errors.Is(err, fs.ErrExist) != tt.isExist {
				t.Errorf("errors.Is(err, fs.ErrExist) = %v, want %v", !tt.isExist, tt.isExist)
			}
		})
	}
	if n := countArticles(t, db); n != 3 {
		t.Errorf("the store holds %d articles after the refusals, want 3", n)
	}
	left, err := filepath.Glob(filepath.Join(dir, ".*"))
	if err != nil || len(left) > 0 {
		t.Errorf("temporary files left: %v %v", left, err)
	}
}

func TestInspectRefuses(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	store := func(t *testing.T, stmts ...string) string {
		db := openIn(t, t.TempDir(), "s.db")
		saveN(t, db, 200, "lighthouse")
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		rawExec(t, db.Path(), stmts...)
		return db.Path()
	}
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	tests := []struct {
		name string
		path func(t *testing.T) string
		want string
	}{
		{"missing", func(*testing.T) string { return filepath.Join(dir, "absent.db") }, "no such file"},
		{"directory", func(*testing.T) string { return dir }, "a directory"},
		{"empty", func(*testing.T) string { return write("empty.db", nil) }, "not an SQLite database"},
		{"text", func(*testing.T) string { return write("notes.txt", []byte(strings.Repeat("notes\n", 100))) }, "not an SQLite database"},
		{"another SQLite database", func(t *testing.T) string {
			path := filepath.Join(dir, "other.db")
			rawExec(t, path, `CREATE TABLE things (x)`)
			return path
		}, "not a Storyline database"},
		{"newer schema", func(t *testing.T) string {
			return store(t, `INSERT INTO schema_version (version, name, applied_at) VALUES (9999, 'from the future', 0)`)
		}, "schema version 9999 is newer"},
		{"corrupt", func(t *testing.T) string {
			path := store(t)
			corruptIndexPage(t, path)
			return path
		}, "integrity check"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.path(t)
			_, err := Inspect(ctx, path)
			t.Log(err)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), path) {
				t.Fatalf("Inspect(%s) error = %v, want one naming it and saying %q", path, err, tt.want)
			}
		})
	}
}

// corruptIndexPage overwrites a page in the middle of the database file
// at path with garbage: an index page, as most pages of a store are, so
// that the file still opens but fails the integrity check.
func corruptIndexPage(t *testing.T, path string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	const page = 4096
	pages := fi.Size() / page
	if pages < 8 {
		t.Fatalf("%s has %d pages, too few to corrupt one safely", path, pages)
	}
	junk := []byte(strings.Repeat("\x0a\xff", page/2))
	if _, err := f.WriteAt(junk, (pages-2)*page); err != nil {
		t.Fatal(err)
	}
}

func TestRestore(t *testing.T) {
	ctx := t.Context()
	db := filled(t, 12)
	dir := filepath.Dir(db.Path())
	backup := filepath.Join(t.TempDir(), "backup.db")
	lit, err := db.ArticleByURL(ctx, "https://news.example/lighthouse/0")
	if err != nil {
		t.Fatal(err)
	}
	img := &storyline.ArticleImage{ArticleID: lit.ID, SourceURL: "https://img.example/lighthouse.jpg",
		Thumb: []byte("\xff\xd8thumb\x00\xff\xd9"), Page: []byte("\xff\xd8page\x00\xff\xd9"), ThumbWidth: 320, ThumbHeight: 180}
	if err := db.SaveImage(ctx, img); err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(ctx, backup, BackupOptions{}); err != nil {
		t.Fatal(err)
	}
	saveN(t, db, 5, "ferry") // after the backup: gone once it is restored

	// Refused while the store is open.
	_, err = Restore(ctx, backup, db.Path(), Options{})
	var held *lockfile.HeldError
	if lockfile.Enforced && (!errors.As(err, &held) || !strings.Contains(err.Error(), fmt.Sprintf("pid %d", os.Getpid())) ||
		!strings.Contains(err.Error(), "stop it first")) {
		t.Fatalf("restore under an open store: %v, want a refusal naming this process", err)
	}
	if n := countArticles(t, db); n != 17 {
		t.Fatalf("after the refusal the store holds %d articles, want 17", n)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	c, err := Restore(ctx, backup, db.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c.Articles != 12 || c.SchemaVersion == 0 {
		t.Errorf("Restore = %+v, want 12 articles and a schema version", c)
	}
	for _, suffix := range []string{"-wal", "-shm", "-search", "-search-wal", "-search-shm"} {
		if _, err := os.Stat(db.Path() + suffix); err == nil {
			t.Errorf("%s%s survived the restore", db.Path(), suffix)
		}
	}
	// Refused: restoring a file onto itself.
	if _, err := Restore(ctx, db.Path(), db.Path(), Options{}); err == nil || !strings.Contains(err.Error(), "own file") {
		t.Errorf("restore onto itself: %v", err)
	}
	// Refused: a file that is not a Storyline database leaves the store be.
	junk := filepath.Join(t.TempDir(), "junk.db")
	if err := os.WriteFile(junk, []byte("junk"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Restore(ctx, junk, db.Path(), Options{}); err == nil || !strings.Contains(err.Error(), junk) {
		t.Errorf("restore from junk: %v", err)
	}

	restored := openIn(t, dir, "storyline.db")
	defer restored.Close()
	if n := countArticles(t, restored); n != 12 {
		t.Errorf("restored store holds %d articles, want 12", n)
	}
	for size, want := range map[storyline.ImageSize][]byte{storyline.ImageThumb: img.Thumb, storyline.ImagePage: img.Page} {
		if got, err := restored.Image(ctx, lit.ID, size); err != nil || string(got.Data) != string(want) || got.Hash != img.Hash {
			t.Errorf("restored Image(%d, %s) = %+v, %v; want %q, hash %q", lit.ID, size, got, err, want, img.Hash)
		}
	}
	if n := hitCount(t, restored, "lighthouse"); n != 12 {
		t.Errorf("lighthouse hits = %d, want 12 (the index rebuilt)", n)
	}
	if n := hitCount(t, restored, "ferry"); n != 0 {
		t.Errorf("ferry hits = %d, want 0 (saved after the backup)", n)
	}
	saveN(t, restored, 2, "ferry")
	if n := hitCount(t, restored, "ferry"); n != 2 {
		t.Errorf("ferry hits after saving 2 = %d, want 2", n)
	}
	left, err := filepath.Glob(filepath.Join(dir, ".*"))
	if err != nil || len(left) > 0 {
		t.Errorf("temporary files left: %v %v", left, err)
	}
}

func TestOpenDuringRestore(t *testing.T) {
	if !lockfile.Enforced {
		t.Skip("locks are not enforced on this system")
	}
	path := filepath.Join(t.TempDir(), "storyline.db")
	lock, err := lockfile.Exclusive(LockPath(path))
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	for _, readOnly := range []bool{false, true} {
		_, err := Open(t.Context(), path, Options{ReadOnly: readOnly})
		if err == nil || !strings.Contains(err.Error(), "a restore") || !strings.Contains(err.Error(), path) {
			t.Errorf("Open (read-only %v) during a restore: %v", readOnly, err)
		}
	}
}
