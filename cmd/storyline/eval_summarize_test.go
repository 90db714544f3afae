package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// junkLeadLines is an article whose first lines are page furniture.
var junkLeadLines = []string{
	"By Jane Doe, Harbour Correspondent",
	"PUBLISHED: 09:14 GMT, 12 March 2024 | UPDATED: 11:02 GMT, 12 March 2024",
	"Follow @janedoe on Twitter",
	"The council approved the new budget for the harbour on Tuesday evening after a long debate.",
	"Work on the sea wall is expected to begin in the autumn and to last two years.",
	"The harbour master said the repairs were overdue after three winters of storms.",
}

// writeEvalData writes one cnndm record with the given reference and
// returns the file's path.
func writeEvalData(t *testing.T, reference string) string {
	t.Helper()
	rec := map[string]any{
		"id": "h1", "dataset": "cnndm", "article": strings.Join(junkLeadLines, " "),
		"article_lines": junkLeadLines, "reference": reference,
		"system_outputs": map[string]string{"other": "Storms hit the harbour."},
	}
	b, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "articles.jsonl")
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestEvalSummarizeUsage(t *testing.T) {
	code, _, stderr := cli(t, nil, "eval", "summarize")
	if code != 2 || !strings.Contains(stderr, "--data FILE") {
		t.Errorf("without --data: exit %d, %q", code, stderr)
	}
	missing := filepath.Join(t.TempDir(), "absent.jsonl")
	code, _, stderr = cli(t, nil, "eval", "summarize", "--data", missing)
	if code != 1 || !strings.Contains(stderr, missing) {
		t.Errorf("missing file: exit %d, %q", code, stderr)
	}
	data := writeEvalData(t, "The council approved the harbour budget.")
	code, _, stderr = cli(t, nil, "eval", "summarize", "--data", data, "--sentences", "0")
	if code != 2 || !strings.Contains(stderr, "--sentences") {
		t.Errorf("--sentences 0: exit %d, %q", code, stderr)
	}
	code, _, stderr = cli(t, nil, "eval", "summarize", "--data", data, "--dataset", "xsum", "--require-lead3")
	if code != 2 || !strings.Contains(stderr, "--require-lead3") {
		t.Errorf("--require-lead3 with --dataset xsum: exit %d, %q", code, stderr)
	}
}

func TestEvalSummarize(t *testing.T) {
	// The reference is the article's real news: ours, skipping the
	// furniture LEAD-3 takes, beats LEAD-3.
	data := writeEvalData(t, "The council approved the harbour budget on Tuesday. Work on the sea wall begins in autumn and lasts two years.")
	out := filepath.Join(t.TempDir(), "ours.json")
	code, stdout, stderr := cli(t, nil, "eval", "summarize", "--data", data, "--out", out, "--require-lead3")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"cnndm (1 articles)", "storyline (ours)", "lead-3 (baseline)", "other", "ROUGE-2"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var summaries map[string]string
	if err := json.Unmarshal(b, &summaries); err != nil || !strings.HasPrefix(summaries["h1"], "The council approved") {
		t.Errorf("--out wrote %s (%v)", b, err)
	}

	// A reference that is the furniture itself: LEAD-3 wins, and the gate
	// fails with a clear message.
	data = writeEvalData(t, strings.Join(junkLeadLines[:3], " "))
	code, _, stderr = cli(t, nil, "eval", "summarize", "--data", data, "--require-lead3")
	if code != 1 || !strings.Contains(stderr, "below LEAD-3") {
		t.Errorf("gate: exit %d, %q", code, stderr)
	}
	code, _, _ = cli(t, nil, "eval", "summarize", "--data", data)
	if code != 0 {
		t.Errorf("without the gate: exit %d", code)
	}
	code, _, stderr = cli(t, nil, "eval", "summarize", "--data", data, "--min-margin", "-1")
	if code != 0 {
		t.Errorf("--min-margin -1: exit %d, %q", code, stderr)
	}
}
