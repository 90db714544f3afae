package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/store/postgres/pgtest"
)

func TestDBFlag(t *testing.T) {
	code, _, stderr := cli(t, nil, "--db", "mysql://root:secret@db/x", "articles")
	if code != 2 || !strings.Contains(stderr, `--db "mysql://root:xxxxx@db/x"`) || strings.Contains(stderr, "secret") {
		t.Errorf("unknown --db: exit %d, %q", code, stderr)
	}
	// sqlite:PATH puts the database where it says.
	path := filepath.Join(t.TempDir(), "elsewhere", "s.db")
	if code, _, stderr := cli(t, nil, "--db", "sqlite:"+path, "import", "testdata/wire.jsonl"); code != 0 {
		t.Fatalf("import into sqlite:PATH: %d %s", code, stderr)
	}
	if _, out, _ := cli(t, nil, "--db", "sqlite:"+path, "search", "dam talks"); !strings.Contains(strings.ToLower(out), "dam talks") {
		t.Errorf("search in sqlite:PATH: %q", out)
	}
}

func TestDBFlagPostgres(t *testing.T) {
	url := pgtest.URL(t)
	env := map[string]string{"STORYLINE_DB": url}
	if code, out, stderr := cli(t, env, "import", "testdata/wire.jsonl"); code != 0 {
		t.Fatalf("import into PostgreSQL: %d %s %s", code, out, stderr)
	}
	_, out, _ := cli(t, env, "search", "dam talks")
	if !strings.Contains(strings.ToLower(out), "dam talks") {
		t.Errorf("search in PostgreSQL: %q", out)
	}
	_, out, _ = cli(t, env, "articles", "--json")
	if !strings.Contains(out, `"title"`) {
		t.Errorf("articles in PostgreSQL: %q", out)
	}
}

func TestIngestFlags(t *testing.T) {
	data := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"worker"}, "worker needs a PostgreSQL store"},
		{[]string{"worker", "--job-timeout", "2m", "--job-rescue-after", "1m"}, "--job-rescue-after 1m0s: want more than --job-timeout 2m0s"},
		{[]string{"worker", "--schedule-every", "0s"}, "--schedule-every 0s"},
		{[]string{"serve", "--analyze-workers", "-1"}, "--analyze-workers -1"},
		{[]string{"serve", "--poll-concurrency", "0"}, "--poll-concurrency 0"},
	} {
		code, _, stderr := cli(t, nil, append([]string{"--data", data}, tc.args...)...)
		if code != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", tc.args, code, stderr, tc.want)
		}
	}
}

func TestWorkerOnSQLiteCreatesNothing(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if code, _, stderr := cli(t, nil, "--data", data, "worker"); code != 2 || !strings.Contains(stderr, "worker needs a PostgreSQL store") {
		t.Errorf("worker on SQLite: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(data); !os.IsNotExist(err) {
		t.Errorf("worker on SQLite made its data directory: %v", err)
	}
}

func TestPostgresFlagsOnSQLiteWarn(t *testing.T) {
	code, _, stderr := cli(t, nil, "--data", t.TempDir(), "--db-max-conns", "4", "articles")
	if code != 0 || !strings.Contains(stderr, "apply to PostgreSQL only") {
		t.Errorf("exit %d, stderr %q; want a warning that the flag does nothing here", code, stderr)
	}
}

func TestLogFlags(t *testing.T) {
	data := t.TempDir()
	// JSON records; a warning passes --log-level warn.
	code, _, stderr := cli(t, nil, "--data", data, "--log-format", "json", "--log-level", "warn", "--db-max-conns", "4", "articles")
	if code != 0 || !strings.Contains(stderr, `"level":"WARN"`) || !strings.Contains(stderr, `"msg":"--db-max-conns`) {
		t.Errorf("json warning: exit %d, %q", code, stderr)
	}
	// --log-level error drops the warning.
	if code, _, stderr := cli(t, nil, "--data", data, "--log-level", "error", "--db-max-conns", "4", "articles"); code != 0 || stderr != "" {
		t.Errorf("--log-level error: exit %d, %q; want nothing logged", code, stderr)
	}
	for _, tt := range []struct{ flag, value, want string }{
		{"--log-level", "loud", `--log-level "loud": want debug, info, warn or error`},
		{"--log-format", "xml", `--log-format "xml": want text or json`},
	} {
		if code, _, stderr := cli(t, nil, "--data", data, tt.flag, tt.value, "articles"); code != 2 || !strings.Contains(stderr, tt.want) {
			t.Errorf("%s %s: exit %d, %q", tt.flag, tt.value, code, stderr)
		}
	}
}
