package main

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// cliReadOnly runs the command line in-process, as cli does, with the
// data directory taken for read-only whatever its permissions (a test
// may run as root, which writes anywhere).
func cliReadOnly(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	a := &app{getenv: func(string) string { return "" }, stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr,
		writable: func(string) error { return syscall.EROFS }}
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetOut(&stdout)
	root.SetErr(&stderr)
	code := a.exitCode(root.ExecuteContext(t.Context()))
	return code, stdout.String(), stderr.String()
}

func TestReadOnlyDataDirectory(t *testing.T) {
	data := t.TempDir()
	opml := filepath.Join(t.TempDir(), "feeds.opml")
	if err := os.WriteFile(opml, []byte(`<?xml version="1.0"?><opml version="2.0"><head><title>Feeds</title></head>`+
		`<body><outline type="rss" text="News" xmlUrl="https://news.example/feed.xml"/></body></opml>`), 0o644); err != nil {
		t.Fatal(err)
	}
	// The OPML goes through import, which subscribes without fetching:
	// feeds import would fetch the feed first.
	for _, args := range [][]string{{"import", "testdata/wire.jsonl"}, {"import", opml}} {
		if code, _, stderr := cli(t, nil, append([]string{"--data", data}, args...)...); code != 0 {
			t.Fatalf("%v: %d %s", args, code, stderr)
		}
	}
	// As a non-root user, the directory is made read-only for real too.
	real := os.Geteuid() != 0
	if real {
		for _, name := range []string{"", "storyline.db", "storyline.db-search", "storyline.db.lock"} {
			mode := os.FileMode(0o444)
			if name == "" {
				mode = 0o555
			}
			if err := os.Chmod(filepath.Join(data, name), mode); err != nil {
				t.Fatal(err)
			}
		}
		t.Cleanup(func() { _ = os.Chmod(data, 0o755) })
	}
	backup := filepath.Join(t.TempDir(), "backup.db")
	refusal := "the data directory " + data + " is read-only: "
	tests := []struct {
		name string
		args []string
		code int
		want string // in stdout on success, in stderr's first line on failure
	}{
		{"search", []string{"search", "dam talks"}, 0, "dam talks"},
		{"show", []string{"show", "1"}, 0, "Negotiators"},
		{"articles", []string{"articles"}, 0, "dam talks"},
		{"feeds list", []string{"feeds", "list"}, 0, "News"},
		{"feeds export", []string{"feeds", "export"}, 0, "news.example/feed.xml"},
		{"user list", []string{"user", "list"}, 0, "no users"},
		{"backup", []string{"backup", backup}, 0, "3 articles"},
		{"import", []string{"import", "testdata/wire.jsonl"}, 1, refusal},
		{"serve", []string{"serve", "--addr", "127.0.0.1:0"}, 1, refusal},
		{"fetch", []string{"fetch"}, 1, `storyline needs to write there to run "storyline fetch"`},
		{"feeds import", []string{"feeds", "import", opml}, 1, refusal},
		{"user add", []string{"user", "add", "ada", "--admin", "--password-stdin"}, 1, refusal},
		{"restore", []string{"restore", backup}, 1, refusal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"--data", data}, tt.args...)
			var code int
			var stdout, stderr string
			if real {
				code, stdout, stderr = cli(t, nil, args...)
			} else {
				code, stdout, stderr = cliReadOnly(t, args...)
			}
			first, _, _ := strings.Cut(stderr, "\n")
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr %q", code, tt.code, stderr)
			}
			got := stdout
			if code != 0 {
				got = first
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("%q, want it to contain %q", got, tt.want)
			}
		})
	}
}

func TestReadOnlySearchIndex(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, path string) // on the closed store
		code   int
		want   string // in stderr
	}{
		{"index up to date", func(*testing.T, string) {}, 0, ""},
		{"index missing", func(t *testing.T, path string) {
			if err := os.Remove(path + "-search"); err != nil {
				t.Fatal(err)
			}
		}, 1, "the search index " + "%s-search is missing"},
		{"index behind", func(t *testing.T, path string) {
			// A change the indexer has not taken in, as a writer killed
			// at once leaves it.
			conn, err := sql.Open("sqlite", "file:"+path)
			if err == nil {
				_, err = conn.ExecContext(t.Context(), `UPDATE articles SET title = title || ' (updated)' WHERE copy_of IS NULL`)
				err = errors.Join(err, conn.Close())
			}
			if err != nil {
				t.Fatal(err)
			}
		}, 0, "the search index has not taken in the latest changes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := t.TempDir()
			path := filepath.Join(data, "storyline.db")
			if code, _, stderr := cli(t, nil, "--data", data, "import", "testdata/wire.jsonl"); code != 0 {
				t.Fatalf("import: %d %s", code, stderr)
			}
			tt.change(t, path)
			code, stdout, stderr := cliReadOnly(t, "--data", data, "search", "dam talks")
			want := tt.want
			if strings.Contains(want, "%s") {
				want = fmt.Sprintf(want, path)
			}
			if code != tt.code || !strings.Contains(stderr, want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tt.code, want)
			}
			if code == 0 && !strings.Contains(stdout, "dam talks") {
				t.Errorf("stdout %q", stdout)
			}
		})
	}
}
