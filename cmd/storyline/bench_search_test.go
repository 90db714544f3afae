package main

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline/internal/store/postgres/pgtest"
	"github.com/storyline/storyline/internal/store/sqlite"
)

// checkBenchSearchOutput checks that bench search printed a line for every
// kind of query, with perKind queries, and one for all of them.
func checkBenchSearchOutput(t *testing.T, out string, perKind int) {
	t.Helper()
	kinds := []string{"one word", "two words", "quoted phrase", "rare word", "common word", "two words, outlet", "one word, since"}
	want := map[string]int{"all": perKind * len(kinds)}
	for _, k := range kinds {
		want[k] = perKind
	}
	for k, n := range want {
		found := false
		for _, line := range strings.Split(out, "\n") {
			if rest, ok := strings.CutPrefix(line, k+" "); ok {
				found = true
				if f := strings.Fields(rest); len(f) != 10 || f[0] != strconv.Itoa(n) { // count, hits, 4 × "N ms"
					t.Errorf("%q: %q, want %d queries, hits and 4 latencies", k, line, n)
				}
			}
		}
		if !found {
			t.Errorf("no line for %q in\n%s", k, out)
		}
	}
}

func TestBenchSearchSQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bench.db")
	code, out, stderr := cli(t, nil, "--db", "sqlite:"+path, "bench", "search", "--articles", "200", "--queries", "3", "--warmup", "7")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "SQLite, 200 articles") || !strings.Contains(out, "saved 200 articles") {
		t.Errorf("output:\n%s", out)
	}
	checkBenchSearchOutput(t, out, 3)
	for _, suffix := range sqliteFiles {
		if _, err := os.Stat(path + suffix); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s%s left behind without --keep (%v)", path, suffix, err)
		}
	}
}

func TestBenchSearchKeep(t *testing.T) {
	dir := t.TempDir()
	args := []string{"bench", "search", "--articles", "200", "--queries", "3", "--store", dir}
	if code, out, stderr := cli(t, nil, args...); code != 0 || !strings.Contains(out, "saved 200 articles") {
		t.Fatalf("first run: exit %d: %s%s", code, out, stderr)
	}
	code, out, stderr := cli(t, nil, args...)
	if code != 0 || !strings.Contains(out, "reused a store of 200 articles") {
		t.Fatalf("second run: exit %d: %s%s", code, out, stderr)
	}
	checkBenchSearchOutput(t, out, 3)

	// A store bench search did not make is left alone, and one that
	// exists is reused only with --keep.
	other := filepath.Join(dir, "other.db")
	db, err := sqlite.Open(context.Background(), other, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if code, _, stderr := cli(t, nil, "--db", "sqlite:"+other, "bench", "search", "--articles", "10", "--keep"); code == 0 || !strings.Contains(stderr, "not made by bench search") {
		t.Errorf("another store: exit %d: %s", code, stderr)
	}
	kept := filepath.Join(dir, "bench.db")
	if code, _, stderr := cli(t, nil, "--db", "sqlite:"+kept, "bench", "search", "--articles", "10"); code == 0 || !strings.Contains(stderr, "--keep") {
		t.Errorf("an existing store without --keep: exit %d: %s", code, stderr)
	}
	if n, err := os.Stat(kept); err != nil || n.Size() == 0 {
		t.Errorf("the kept store is gone: %v", err)
	}
}

func TestBenchSearchPostgres(t *testing.T) {
	server := pgtest.URL(t) // skips without PostgreSQL
	n := "5000"             // enough for searches to look in ID blocks
	if testing.Short() {
		n = "200"
	}
	before := benchDatabases(t, server)
	code, out, stderr := cli(t, nil, "--db", server, "bench", "search", "--articles", n, "--queries", "3", "--warmup", "7")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "PostgreSQL storyline_bench_search_") || !strings.Contains(out, ", "+n+" articles") {
		t.Errorf("output:\n%s", out)
	}
	checkBenchSearchOutput(t, out, 3)
	if after := benchDatabases(t, server); after != before {
		t.Errorf("%d databases named storyline_bench_search_… after the run, %d before: want it dropped", after, before)
	}
}

// benchDatabases counts the databases named storyline_bench_search_… on the
// server at url.
func benchDatabases(t *testing.T, url string) int {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var n int
	if err := conn.QueryRow(context.Background(), `SELECT count(*) FROM pg_database WHERE datname LIKE 'storyline\_bench\_search\_%'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
