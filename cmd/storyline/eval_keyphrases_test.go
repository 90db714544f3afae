package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// keyphraseData is the eval package's small keyphrase data set.
const keyphraseData = "../../internal/eval/testdata/keyphrases"

func TestEvalKeyphrases(t *testing.T) {
	out := filepath.Join(t.TempDir(), "phrases.json")
	code, stdout, stderr := cli(t, nil, "eval", "keyphrases", "--data", keyphraseData, "--out", out, "--min-f1", "10")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"F1@10", "storyline (ours)", "FirstPhrases", "TfIdf"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var phrases map[string][]string
	if err := json.Unmarshal(b, &phrases); err != nil || len(phrases["grell"]) == 0 {
		t.Errorf("--out: %v %s", err, b)
	}
}

func TestEvalKeyphrasesMinF1(t *testing.T) {
	code, _, stderr := cli(t, nil, "eval", "keyphrases", "--data", keyphraseData, "--min-f1", "99.5")
	if code != 1 || !strings.Contains(stderr, "is below --min-f1 99.5") {
		t.Errorf("exit %d, %q", code, stderr)
	}
}

func TestEvalKeyphrasesUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"eval", "keyphrases"}, 2, "--data DIR"},
		{[]string{"eval", "keyphrases", "--data", keyphraseData, "--min-f1", "150"}, 2, "--min-f1 150"},
		{[]string{"eval", "keyphrases", "--data", keyphraseData, "--min-f1", "x"}, 2, "min-f1"},
		{[]string{"eval", "keyphrases", "--data", "no/such/dir"}, 1, "no/such/dir"},
	}
	for _, tt := range tests {
		code, _, stderr := cli(t, nil, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, %q; want %d and %q", tt.args, code, stderr, tt.code, tt.want)
		}
	}
}
