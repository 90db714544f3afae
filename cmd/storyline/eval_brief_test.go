package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEvalBrief(t *testing.T) {
	code, stdout, stderr := cli(t, nil, "eval", "brief", "--stories", "../../internal/eval/testdata/briefs", "--check", "--show")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, stderr, stdout)
	}
	for _, want := range []string{"ferry-strike:", "de-bridge-closure  de", "4 stories", "100.0 % cited", "0 redundant pairs", "0 dangling openers", "0 events split"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	// An event whose reports cannot be read, and bad flags.
	bad := t.TempDir()
	if err := os.MkdirAll(filepath.Join(bad, "event"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bad, "event", "01-wire.txt"), []byte("\n\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"eval", "brief"}, 2, "--stories DIR, --seeds DIR or --summaries FILE"},
		{[]string{"eval", "brief", "--stories", "no/such/dir"}, 1, "no/such/dir"},
		{[]string{"eval", "brief", "--stories", bad}, 1, "01-wire.txt"},
		{[]string{"eval", "brief", "--summaries", "x.jsonl", "--limit", "-1"}, 2, "--limit"},
	}
	for _, tt := range tests {
		code, _, stderr := cli(t, nil, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, %q; want %d and %q", tt.args, code, stderr, tt.code, tt.want)
		}
	}
}
