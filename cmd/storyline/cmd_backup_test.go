package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/sqlite"
)

// printedCounts reads "N articles, N stories, N users" from a backup's or
// a restore's output.
func printedCounts(t *testing.T, out string) sqlite.Contents {
	t.Helper()
	m := regexp.MustCompile(`(\d+) articles, (\d+) stories, (\d+) users`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no counts in %q", out)
	}
	var c sqlite.Contents
	for i, p := range []*int64{&c.Articles, &c.Stories, &c.Users} {
		n, err := strconv.ParseInt(m[i+1], 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		*p = n
	}
	return c
}

// sameCounts reports whether two Contents hold as many of each thing.
func sameCounts(a, b sqlite.Contents) bool {
	return a.Articles == b.Articles && a.Stories == b.Stories && a.Users == b.Users
}

func TestBackupWhileWriting(t *testing.T) {
	ctx := t.Context()
	data := t.TempDir()
	if code, _, stderr := cli(t, nil, "--data", data, "import", "testdata/wire.jsonl"); code != 0 {
		t.Fatalf("import: %d %s", code, stderr)
	}
	if code, _, stderr := cliStdin(t, "admin-password\n", "--data", data, "user", "add", "ada", "--admin", "--password-stdin"); code != 0 {
		t.Fatalf("user add: %d %s", code, stderr)
	}
	// A writer, as serve would be, saves articles all through the backup,
	// which runs beside it.
	db, err := sqlite.Open(ctx, filepath.Join(data, "storyline.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	file := filepath.Join(t.TempDir(), "backup.db")
	type result struct {
		code        int
		out, stderr string
	}
	backedUp := make(chan result, 1)
	var backup *result
	saved, started := 0, false
	for backup == nil || saved < 20 {
		if saved == 20 && !started {
			started = true
			go func() {
				code, out, stderr := cli(t, nil, "--data", data, "backup", file)
				backedUp <- result{code, out, stderr}
			}()
		}
		text := fmt.Sprintf("Dispatch %d from the ferry terminal.", saved)
		if _, err := db.SaveArticle(ctx, &storyline.Article{URL: fmt.Sprintf("https://news.example/ferry/%d", saved),
			Source: "Example", Title: "Ferry dispatch", Text: text, ContentHash: storyline.ContentHash(text)}); err != nil {
			t.Fatal(err)
		}
		saved++
		select {
		case r := <-backedUp:
			backup, saved = &r, 0 // and 20 more after it
		default:
		}
	}
	code, out, stderr := backup.code, backup.out, backup.stderr
	if code != 0 {
		t.Fatalf("backup: exit %d, %s", code, stderr)
	}
	printed := printedCounts(t, out)
	if printed.Users != 1 {
		t.Errorf("backup holds %d users, want 1", printed.Users)
	}
	if total, err := db.CountArticles(ctx); err != nil || printed.Articles < 3+20 || printed.Articles >= int64(total) {
		t.Errorf("backup holds %d articles, the store %d (%v): want it to miss those saved after it", printed.Articles, total, err)
	}
	inspected, err := sqlite.Inspect(ctx, file) // integrity_check included
	if err != nil {
		t.Fatal(err)
	}
	if !sameCounts(inspected, printed) {
		t.Errorf("the backup holds %+v, the command printed %+v", inspected, printed)
	}

	// Restored elsewhere, it holds what the backup printed, and search
	// finds its articles.
	other := t.TempDir()
	code, out, stderr = cli(t, nil, "--data", other, "restore", file)
	if code != 0 {
		t.Fatalf("restore: exit %d, %s", code, stderr)
	}
	if restored := printedCounts(t, out); !sameCounts(restored, printed) {
		t.Errorf("restore printed %+v, backup %+v", restored, printed)
	}
	if !strings.Contains(out, "search index rebuilt") {
		t.Errorf("restore said %q", out)
	}
	withDataStore(t, other, func(db *sqlite.DB) {
		if n, err := db.CountArticles(ctx); err != nil || int64(n) != printed.Articles {
			t.Errorf("the restored store holds %d articles (%v), the backup printed %d", n, err, printed.Articles)
		}
	})
	code, out, _ = cli(t, nil, "--data", other, "search", "--json", "ferry terminal")
	if n := strings.Count(out, `"article"`); code != 0 || n == 0 {
		t.Errorf("search after restore: exit %d, %d hits", code, n)
	}
}

func TestBackupRestoreCommands(t *testing.T) {
	data, elsewhere := t.TempDir(), t.TempDir()
	file := filepath.Join(elsewhere, "backup.db")
	junk := filepath.Join(elsewhere, "junk.db")
	if err := os.WriteFile(junk, []byte("not a database"), 0o644); err != nil {
		t.Fatal(err)
	}
	pg := "postgres://ada:secret@db.example/news?sslmode=require&pool_max_conns=4"
	steps := []struct {
		name string
		args []string
		code int
		want string // in stdout on success, in stderr's first line on failure
	}{
		{"backup without a store", []string{"backup", file}, 1, "no store to back up at " + filepath.Join(data, "storyline.db")},
		{"import", []string{"import", "testdata/wire.jsonl"}, 0, "added 2"},
		{"backup", []string{"backup", file}, 0, "3 articles, 2 stories, 0 users"},
		{"backup onto a backup", []string{"backup", file}, 1, "backup " + file + ": the file exists; name another, or add --overwrite"},
		{"backup --overwrite", []string{"backup", "--overwrite", file}, 0, "backed up " + filepath.Join(data, "storyline.db") + " to " + file},
		{"backup onto the store", []string{"backup", "--overwrite", filepath.Join(data, "storyline.db")}, 1, "the store's own file"},
		{"backup without FILE", []string{"backup"}, 2, "exactly one FILE"},
		{"backup PostgreSQL", []string{"--db", pg, "backup", "x.dump"}, 1,
			"pg_dump --format=custom --file=x.dump --dbname='postgres://ada@db.example/news?sslmode=require'"},
		{"restore PostgreSQL", []string{"--db", pg, "restore", "x.dump"}, 1,
			"pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error --dbname='postgres://ada@db.example/news?sslmode=require' x.dump"},
		{"restore a missing file", []string{"restore", filepath.Join(elsewhere, "absent.db")}, 1, "absent.db: no such file"},
		{"restore junk", []string{"restore", junk}, 1, junk + ": not an SQLite database"},
		{"more articles", []string{"import", "testdata/wire.jsonl", "--source", "Other"}, 0, ""},
		{"restore", []string{"restore", file}, 0, "restored " + file + " into " + filepath.Join(data, "storyline.db") + ": 3 articles, 2 stories, 0 users"},
		{"search the restored store", []string{"search", "dam talks"}, 0, "dam talks"},
	}
	for _, st := range steps {
		code, stdout, stderr := cli(t, nil, append([]string{"--data", data}, st.args...)...)
		first, _, _ := strings.Cut(stderr, "\n")
		if code != st.code {
			t.Fatalf("%s: exit %d, want %d; stderr %q", st.name, code, st.code, stderr)
		}
		got := stdout
		if code != 0 {
			got = first
		}
		if !strings.Contains(got, st.want) || strings.Contains(got, "secret") {
			t.Errorf("%s: %q, want it to contain %q", st.name, got, st.want)
		}
	}
}

func TestRestoreRefusedWhileServing(t *testing.T) {
	data := t.TempDir()
	if code, _, stderr := cli(t, nil, "--data", data, "import", "testdata/wire.jsonl"); code != 0 {
		t.Fatalf("import: %d %s", code, stderr)
	}
	file := filepath.Join(t.TempDir(), "backup.db")
	if code, _, stderr := cli(t, nil, "--data", data, "backup", file); code != 0 {
		t.Fatalf("backup: %d %s", code, stderr)
	}
	// The store open, as serve holds it.
	db, err := sqlite.Open(t.Context(), filepath.Join(data, "storyline.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr := cli(t, nil, "--data", data, "restore", file)
	want := fmt.Sprintf("a storyline process (pid %d) is using %s; stop it first", os.Getpid(), data)
	if code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("restore while the store is open: exit %d, %q; want 1 and %q", code, stderr, want)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := cli(t, nil, "--data", data, "restore", file); code != 0 {
		t.Errorf("restore once the store is closed: exit %d, %s", code, stderr)
	}
}
