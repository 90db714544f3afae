package main

import (
	"context"
	"maps"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline/internal/store/postgres/pgtest"
)

// tableCounts returns the rows of every table in the database at url.
func tableCounts(t *testing.T, url string) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name)
		FROM information_schema.tables
		WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int64{}
	for _, table := range tables {
		var n int64
		if err := conn.QueryRow(ctx, "SELECT count(*) FROM "+table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		counts[table] = n
	}
	return counts
}

// pgToolLine runs storyline backup or restore on a PostgreSQL store and
// returns the command line it says to run instead: the part of its
// message from tool on.
func pgToolLine(t *testing.T, url, command, file, tool string) string {
	t.Helper()
	code, _, stderr := cli(t, nil, "--db", url, command, file)
	_, line, ok := strings.Cut(strings.TrimSpace(stderr), ": "+tool+" ")
	if code != 1 || !ok {
		t.Fatalf("%s on PostgreSQL: exit %d, %q; want 1 and a %s command line", command, code, stderr, tool)
	}
	return tool + " " + line
}

// TestPostgresDumpRestore runs the pg_dump and pg_restore command lines
// that backup and restore print for a PostgreSQL store: the store they
// restore, into an empty database and over the store itself, holds what
// was dumped, and search finds its articles.
func TestPostgresDumpRestore(t *testing.T) {
	for _, tool := range []string{"pg_dump", "pg_restore"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (apt-get install postgresql-client)", tool)
		}
	}
	src, dst := pgtest.URL(t), pgtest.URL(t)
	if code, _, stderr := cli(t, nil, "--db", src, "import", "testdata/wire.jsonl"); code != 0 {
		t.Fatalf("import: %d %s", code, stderr)
	}
	if code, _, stderr := cliStdin(t, "admin-password\n", "--db", src, "user", "add", "ada", "--admin", "--password-stdin"); code != 0 {
		t.Fatalf("user add: %d %s", code, stderr)
	}
	want := tableCounts(t, src)
	if want["public.articles"] != 3 || want["public.users"] != 1 {
		t.Fatalf("the store holds %v, want 3 articles and 1 user", want)
	}
	dump := filepath.Join(t.TempDir(), "storyline.dump")
	sh := func(line string) {
		t.Helper()
		if out, err := exec.Command("sh", "-c", line).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", line, err, out)
		}
	}
	sh(pgToolLine(t, src, "backup", dump, "pg_dump"))

	// Into an empty database, and over the store after a change.
	if code, _, stderr := cliStdin(t, "member-password\n", "--db", src, "user", "add", "bob", "--password-stdin"); code != 0 {
		t.Fatalf("user add: %d %s", code, stderr)
	}
	if got := tableCounts(t, src); got["public.users"] != 2 {
		t.Fatalf("after adding bob: %v", got)
	}
	for _, url := range []string{dst, src} {
		sh(pgToolLine(t, url, "restore", dump, "pg_restore"))
		if got := tableCounts(t, url); !maps.Equal(got, want) {
			t.Errorf("restored: %v\nwant %v", got, want)
		}
		code, out, stderr := cli(t, nil, "--db", url, "search", "dam talks")
		if code != 0 || !strings.Contains(out, "dam talks") {
			t.Errorf("search the restored store: exit %d, %q %s", code, out, stderr)
		}
	}
}
