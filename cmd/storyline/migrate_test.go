package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline/internal/store/postgres/pgtest"
)

func TestMigrateUsage(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "s.db")
	tests := []struct {
		name string
		args []string
		want string // in the one-line message
	}{
		{"no flags", []string{"migrate"}, "--from sqlite:PATH"},
		{"no from", []string{"migrate", "--to", "postgres://db/x"}, "--from sqlite:PATH"},
		{"from not sqlite", []string{"migrate", "--from", "/tmp/s.db", "--to", "postgres://db/x"}, `--from "/tmp/s.db": want sqlite:PATH`},
		{"from empty path", []string{"migrate", "--from", "sqlite:", "--to", "postgres://db/x"}, `--from "sqlite:"`},
		{"no to", []string{"migrate", "--from", db}, "--to postgres://"},
		{"to not postgres", []string{"migrate", "--from", db, "--to", "mysql://root:secret@db/x"}, `--to "mysql://root:xxxxx@db/x"`},
		{"args", []string{"migrate", "x"}, "takes no arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := cli(t, nil, tt.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2; stderr %q", code, stderr)
			}
			first, _, _ := strings.Cut(stderr, "\n")
			if !strings.HasPrefix(first, "storyline: ") || !strings.Contains(first, tt.want) || strings.Contains(first, "secret") {
				t.Errorf("first line %q, want it to contain %q", first, tt.want)
			}
		})
	}
}

func TestMigrateMissingSQLite(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "absent.db")
	code, _, stderr := cli(t, nil, "migrate", "--from", "sqlite:"+missing, "--to", "postgres://127.0.0.1:1/x")
	if code != 1 || !strings.Contains(stderr, missing) {
		t.Errorf("missing SQLite file: exit %d, %q", code, stderr)
	}
}

func TestMigratePostgres(t *testing.T) {
	url := pgtest.URL(t)
	db := "sqlite:" + filepath.Join(t.TempDir(), "s.db")
	if code, _, stderr := cli(t, nil, "--db", db, "import", "testdata/wire.jsonl"); code != 0 {
		t.Fatalf("import into SQLite: %d %s", code, stderr)
	}
	_, want, _ := cli(t, nil, "--db", db, "articles", "--json", "--limit", "1000")
	for run := range 2 {
		code, out, stderr := cli(t, nil, "migrate", "--from", db, "--to", url)
		if code != 0 {
			t.Fatalf("migrate (run %d): exit %d, %s", run+1, code, stderr)
		}
		if !strings.Contains(out, "articles") || strings.Contains(out, "DIFFERENT") || !strings.Contains(stderr, "story_terms") {
			t.Errorf("migrate (run %d): stdout %q, stderr %q", run+1, out, stderr)
		}
	}
	_, got, _ := cli(t, nil, "--db", url, "articles", "--json", "--limit", "1000")
	if a, b := articleList(t, got), articleList(t, want); !reflect.DeepEqual(a, b) || len(b) == 0 {
		t.Errorf("articles in PostgreSQL:\n%v\nwant (from SQLite):\n%v", a, b)
	}

	// A count that differs exits 1, naming the table.
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(context.Background(), `INSERT INTO sources (name, name_key) VALUES ('Extra', 'extra')`); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := cli(t, nil, "migrate", "--from", db, "--to", url)
	if code != 1 || !strings.Contains(out, "DIFFERENT") || !strings.Contains(stderr, "row counts differ: sources") {
		t.Errorf("migrate with an extra source: exit %d, stdout %q, stderr %q", code, out, stderr)
	}
}

// articleList parses the output of articles --json, with times to the
// microsecond, which is what PostgreSQL keeps.
func articleList(t *testing.T, out string) []map[string]any {
	t.Helper()
	var list []map[string]any
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("articles --json: %v: %q", err, out)
	}
	for _, a := range list {
		for _, k := range []string{"published", "created_at", "updated_at"} {
			if s, ok := a[k].(string); ok {
				tm, err := time.Parse(time.RFC3339Nano, s)
				if err != nil {
					t.Fatalf("%s %q: %v", k, s, err)
				}
				a[k] = tm.Truncate(time.Microsecond).UTC()
			}
		}
	}
	return list
}
