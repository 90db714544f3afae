package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// dedupData is the eval package's small dedup stream.
const dedupData = "../../internal/eval/testdata/dedup.jsonl"

func TestEvalDedup(t *testing.T) {
	out := filepath.Join(t.TempDir(), "groups.json")
	code, stdout, stderr := cli(t, nil, "eval", "dedup", "--data", dedupData, "--out", out, "--min-precision", "0.99", "--min-recall", "0.95")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "storyline (minhash)   1.000   1.000") {
		t.Errorf("output:\n%s", stdout)
	}
	if b, err := os.ReadFile(out); err != nil || !strings.Contains(string(b), `"ferry-wire": "ferry"`) {
		t.Errorf("--out: %v %s", err, b)
	}
}

func TestEvalDedupBars(t *testing.T) {
	// Two unrelated texts in one gold group: recall 0, precision 1.
	data := filepath.Join(t.TempDir(), "apart.jsonl")
	lines := `{"id":"a","text":"The ferry to the islands stops for six weeks while the harbour wall is rebuilt.","group":"g","kind":"original"}
{"id":"b","text":"Pupils at the academy will get free breakfasts from September, the board said.","group":"g","kind":"edit"}
`
	if err := os.WriteFile(data, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := cli(t, nil, "eval", "dedup", "--data", data, "--min-precision", "0.99", "--min-recall", "0.95")
	if code != 1 || !strings.Contains(stderr, "pairwise recall 0.0000 is below --min-recall 0.95") {
		t.Errorf("exit %d, %q", code, stderr)
	}
	if code, _, stderr := cli(t, nil, "eval", "dedup", "--data", data); code != 0 {
		t.Errorf("without bars: exit %d, %q", code, stderr)
	}
}

func TestEvalDedupUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"eval", "dedup"}, 2, "--data FILE"},
		{[]string{"eval", "dedup", "--data", dedupData, "--min-precision", "1.5"}, 2, "--min-precision 1.5"},
		{[]string{"eval", "dedup", "--data", dedupData, "--min-recall", "x"}, 2, "min-recall"},
		{[]string{"eval", "dedup", "--data", "no/such/file.jsonl"}, 1, "no/such/file.jsonl"},
	}
	for _, tt := range tests {
		code, _, stderr := cli(t, nil, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, %q; want %d and %q", tt.args, code, stderr, tt.code, tt.want)
		}
	}
}
