package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cli runs the command line in-process with the given environment and
// returns the exit status, stdout and stderr.
func cli(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	getenv := func(k string) string { return env[k] }
	code := run(context.Background(), args, getenv, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestUsageErrors(t *testing.T) {
	data := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string // in the one-line message
	}{
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"unknown flag", []string{"search", "--bogus", "x"}, "bogus"},
		{"search without query", []string{"search"}, "search needs a QUERY"},
		{"bad since", []string{"search", "x", "--since", "soon"}, `--since: invalid since "soon"`},
		{"bad limit", []string{"search", "x", "--limit", "0"}, "--limit 0"},
		{"import without path", []string{"import"}, "at least one PATH"},
		{"import missing path", []string{"import", filepath.Join(data, "nope")}, "nope"},
		{"bad max size", []string{"import", "--max-size", "lots", "."}, `invalid size "lots"`},
		{"show two args", []string{"show", "1", "2"}, "exactly one"},
		{"show junk", []string{"show", "not-a-url"}, `show "not-a-url"`},
		{"version with args", []string{"version", "x"}, "takes no arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := cli(t, nil, append([]string{"--data", data}, tt.args...)...)
			if code != 2 {
				t.Errorf("exit %d, want 2; stderr %q", code, stderr)
			}
			first, _, _ := strings.Cut(stderr, "\n")
			if !strings.HasPrefix(first, "storyline: ") || !strings.Contains(first, tt.want) {
				t.Errorf("first line %q, want it to contain %q", first, tt.want)
			}
		})
	}
}

func TestEvalExtractUsage(t *testing.T) {
	code, _, stderr := cli(t, nil, "eval", "extract")
	if code != 2 || !strings.Contains(stderr, "--data DIR") {
		t.Errorf("eval extract without --data: exit %d, %q", code, stderr)
	}
	missing := filepath.Join(t.TempDir(), "absent")
	code, _, stderr = cli(t, nil, "eval", "extract", "--data", missing)
	if code != 1 || !strings.Contains(stderr, missing) {
		t.Errorf("eval extract on a missing dir: exit %d, %q", code, stderr)
	}
}

func TestEnvironmentFlags(t *testing.T) {
	data := t.TempDir()
	env := map[string]string{"STORYLINE_DATA": data}
	if code, _, stderr := cli(t, env, "import", "testdata/wire.jsonl"); code != 0 {
		t.Fatalf("import: %d %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(data, "storyline.db")); err != nil {
		t.Fatalf("STORYLINE_DATA not used: %v", err)
	}
	env["STORYLINE_LIMIT"] = "1"
	_, out, _ := cli(t, env, "articles", "--json")
	var list []map[string]any
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list) != 1 {
		t.Errorf("STORYLINE_LIMIT=1 gave %d articles (%v)", len(list), err)
	}
	env["STORYLINE_LIMIT"] = "many"
	if code, _, stderr := cli(t, env, "articles"); code != 2 || !strings.Contains(stderr, "STORYLINE_LIMIT") {
		t.Errorf("bad STORYLINE_LIMIT: exit %d, %q", code, stderr)
	}
}

func TestImportSearchShow(t *testing.T) {
	data := t.TempDir()
	code, out, stderr := cli(t, nil, "--data", data, "import", "testdata/wire.jsonl")
	if code != 0 {
		t.Fatalf("import: exit %d, %s", code, stderr)
	}
	if !strings.Contains(out, "added 2, updated 0, duplicates 1, errors 0") {
		t.Errorf("first import said %q", out)
	}
	code, out, _ = cli(t, nil, "--data", data, "import", "testdata/wire.jsonl")
	if code != 0 || !strings.Contains(out, "added 0, updated 0, duplicates 3, errors 0") || !strings.Contains(out, "nothing new") {
		t.Errorf("second import: exit %d, %q", code, out)
	}

	for _, q := range []string{"dam talks", `"dam`, "dam -", "- dam", "NEAR(dam", "dam*", "title:dam", "full-text marker dam"} {
		code, out, stderr := cli(t, nil, "--data", data, "search", "--json", "--", q)
		if code != 0 {
			t.Errorf("search %q: exit %d %s", q, code, stderr)
			continue
		}
		var hits []struct {
			Article struct{ Title string } `json:"article"`
		}
		if err := json.Unmarshal([]byte(out), &hits); err != nil {
			t.Errorf("search %q: %v in %q", q, err, out)
		}
		if q == "dam talks" && (len(hits) != 1 || !strings.Contains(strings.ToLower(hits[0].Article.Title), "dam talks")) {
			t.Errorf("search %q: %+v", q, hits)
		}
	}
	if code, out, _ := cli(t, nil, "--data", data, "search", "-"); code != 0 || !strings.Contains(out, "no articles match") {
		t.Errorf("search for a lone dash: exit %d, %q", code, out)
	}

	code, out, stderr = cli(t, nil, "--data", data, "show", "https://WIRE.example.com/2026/03/dam-talks?utm_medium=x#top")
	if code != 0 {
		t.Fatalf("show by URL: exit %d %s", code, stderr)
	}
	for _, want := range []string{"Upstream states agree to resume dam talks", "By Mira Holm", "Negotiators from three upstream states", "Also published by:", "Example Daily  https://daily.example.org/world/dam-talks-resume"} {
		if !strings.Contains(out, want) {
			t.Errorf("show output lacks %q:\n%s", want, out)
		}
	}
	if code, _, stderr := cli(t, nil, "--data", data, "show", "999"); code != 1 || !strings.Contains(stderr, "not found") {
		t.Errorf("show missing: exit %d %q", code, stderr)
	}
}

func TestImportReportsBadFiles(t *testing.T) {
	data := t.TempDir()
	in := t.TempDir()
	files := map[string]string{
		"good.txt":   "A title\n\nSome body text about the harbour.",
		"empty.html": "",
		"bad.jsonl":  "{not json}\n",
		"page.html":  "<html><body><nav><a href='/'>Home</a></nav></body></html>",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(in, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	code, out, stderr := cli(t, nil, "--data", data, "import", in)
	if code != 1 || !strings.Contains(stderr, "3 input(s) could not be imported") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{"added 1,", "errors 3", "empty.html: empty file", "bad.jsonl:1: invalid article object", "page.html: extract: ", "no article content found"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}
