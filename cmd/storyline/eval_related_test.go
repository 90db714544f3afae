package main

import (
	"strings"
	"testing"
)

// relatedData is a small set of documents in two categories, one of
// them without text.
const relatedData = "testdata/related"

func TestEvalRelated(t *testing.T) {
	code, stdout, stderr := cli(t, nil, "eval", "related", "--data", relatedData, "--days", "3")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"5 documents in 2 categories (1 without text left out)", "precision", "top-1 precision", "category"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
}

func TestEvalRelatedUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"eval", "related"}, 2, "--data DIR or --events FILE"},
		{[]string{"eval", "related", "--events", "no/such.jsonl"}, 1, "no/such.jsonl"},
		{[]string{"eval", "related", "--data", relatedData, "--min-precision", "1.5"}, 2, "--min-precision 1.5"},
		{[]string{"eval", "related", "--data", relatedData, "--days", "0"}, 2, "--days 0"},
		{[]string{"eval", "related", "--data", "no/such/dir"}, 1, "no/such/dir"},
	}
	for _, tt := range tests {
		code, _, stderr := cli(t, nil, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, %q; want %d and %q", tt.args, code, stderr, tt.code, tt.want)
		}
	}
}

func TestEvalRelatedEvents(t *testing.T) {
	data := writeClusterData(t, [][2]string{
		{"dock workers strike port valmora container ships", "strike"},
		{"museum reopens medieval gallery after renovation", "museum"},
		{"valmora port strike strands cargo ships", "strike"},
		{"medieval gallery museum renovation restored", "museum"},
	})
	code, stdout, stderr := cli(t, nil, "eval", "related", "--events", data, "--days", "30")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"4 items", "stories spread over 30 days", "event"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	// Two unrelated events show no related story: a share bar fails.
	code, _, stderr = cli(t, nil, "eval", "related", "--events", data, "--min-share", "0.5")
	if code != 1 || !strings.Contains(stderr, "event share of stories showing one 0.000 is below --min-share 0.5") {
		t.Errorf("--min-share: exit %d, %q", code, stderr)
	}
}

// The eval commands' --data is their input: STORYLINE_DATA, the store's
// directory, is not taken for it.
func TestEvalDataIgnoresStorylineData(t *testing.T) {
	env := map[string]string{"STORYLINE_DATA": t.TempDir()}
	for _, args := range [][]string{{"eval", "related"}, {"eval", "keyphrases"}} {
		code, _, stderr := cli(t, env, args...)
		if code != 2 || !strings.Contains(stderr, "--data") {
			t.Errorf("%v with STORYLINE_DATA set: exit %d, %q; want the usage error asking for --data", args, code, stderr)
		}
	}
}
