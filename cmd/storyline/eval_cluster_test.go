package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeClusterData writes {"text", "cluster"} lines to a temporary file.
func writeClusterData(t *testing.T, items [][2]string) string {
	t.Helper()
	var b strings.Builder
	for _, it := range items {
		line, _ := json.Marshal(map[string]string{"text": it[0], "cluster": it[1]})
		b.Write(line)
		b.WriteByte('\n')
	}
	path := filepath.Join(t.TempDir(), "stories.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestEvalCluster(t *testing.T) {
	data := writeClusterData(t, [][2]string{
		{"dock workers strike port valmora container ships", "strike"},
		{"museum reopens medieval gallery after renovation", "museum"},
		{"valmora port strike strands cargo ships", "strike"},
		{"medieval gallery museum renovation restored", "museum"},
	})
	out := filepath.Join(t.TempDir(), "labels.json")
	code, stdout, stderr := cli(t, nil, "eval", "cluster", "--data", data, "--out", out, "--min-nmi", "0.99", "--min-acc", "0.99")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, s := range []string{"4 items, 2 gold stories", "ours", "baseline", "NMI", "ACC"} {
		if !strings.Contains(stdout, s) {
			t.Errorf("output lacks %q:\n%s", s, stdout)
		}
	}
	if b, err := os.ReadFile(out); err != nil || string(b) != `{"labels":[1,2,1,2]}`+"\n" {
		t.Errorf("--out: %v %s", err, b)
	}
}

func TestEvalClusterBars(t *testing.T) {
	// Two unrelated texts in one gold story: they cannot both be matched.
	data := writeClusterData(t, [][2]string{
		{"ferry to the islands stops while the harbour wall is rebuilt", "g"},
		{"pupils at the academy get free breakfasts from september", "g"},
	})
	code, _, stderr := cli(t, nil, "eval", "cluster", "--data", data, "--min-nmi", "0.5", "--min-acc", "0.9")
	if code != 1 || !strings.Contains(stderr, "ACC 0.5000 is below --min-acc 0.9") || !strings.Contains(stderr, data) {
		t.Errorf("exit %d, %q", code, stderr)
	}
	if code, _, stderr := cli(t, nil, "eval", "cluster", "--data", data); code != 0 {
		t.Errorf("without bars: exit %d, %q", code, stderr)
	}
}

func TestEvalClusterUsage(t *testing.T) {
	if code, _, stderr := cli(t, nil, "eval", "cluster"); code != 2 || !strings.Contains(stderr, "--data FILE") {
		t.Errorf("without --data: exit %d, %q", code, stderr)
	}
	if code, _, stderr := cli(t, nil, "eval", "cluster", "--data", "x.jsonl", "--min-acc", "1.5"); code != 2 || !strings.Contains(stderr, "--min-acc 1.5") {
		t.Errorf("bad --min-acc: exit %d, %q", code, stderr)
	}
	missing := filepath.Join(t.TempDir(), "absent.jsonl")
	if code, _, stderr := cli(t, nil, "eval", "cluster", "--data", missing); code != 1 || !strings.Contains(stderr, missing) {
		t.Errorf("missing data: exit %d, %q", code, stderr)
	}
}

func TestEvalClusterArchiveUsage(t *testing.T) {
	data := writeClusterData(t, [][2]string{{"a b c", "x"}, {"d e f", "y"}})
	for _, args := range [][]string{
		{"--spread", "-1"},
		{"--undated", "1"},
		{"--shuffle"},
		{"--spread", "3", "--undated", "-2"},
		{"--spread", "3", "--event-hours", "-1"},
		{"--max-span-days", "-1"},
	} {
		code, _, stderr := cli(t, nil, append([]string{"eval", "cluster", "--data", data}, args...)...)
		if code != 2 || !strings.Contains(stderr, "--") {
			t.Errorf("%v: exit %d, %q; want a usage error naming the flag", args, code, stderr)
		}
	}
	code, _, stderr := cli(t, nil, "eval", "cluster", "--data", data, "--spread", "3", "--undated", "5")
	if code != 1 || !strings.Contains(stderr, "more than the 2 items") || !strings.Contains(stderr, data) {
		t.Errorf("more undated than items: exit %d, %q", code, stderr)
	}
	code, out, stderr := cli(t, nil, "eval", "cluster", "--stream", "--data", data, "--spread", "3", "--undated", "1", "--shuffle")
	if code != 0 || !strings.Contains(out, "import → analysis") || !strings.Contains(out, "1 undated") {
		t.Errorf("--stream: exit %d, %q, %s", code, out, stderr)
	}
}

// TestEvalClusterStreamScoresAnEmptyItemAlone: an item without text
// cannot be imported; the stream evaluation scores it as a story of its
// own, as the one-pass clusterer does, instead of failing.
func TestEvalClusterStreamScoresAnEmptyItemAlone(t *testing.T) {
	data := writeClusterData(t, [][2]string{
		{"dock workers strike port valmora container ships", "strike"},
		{"", "strike"},
		{"museum reopens medieval gallery after renovation", "museum"},
		{"valmora port strike strands cargo ships", "strike"},
	})
	out := filepath.Join(t.TempDir(), "labels.json")
	code, stdout, stderr := cli(t, nil, "eval", "cluster", "--stream", "--data", data, "--spread", "3", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, stderr, stdout)
	}
	var got struct{ Labels []int64 }
	if b, err := os.ReadFile(out); err != nil || json.Unmarshal(b, &got) != nil || len(got.Labels) != 4 {
		t.Fatalf("--out: %v %s", err, b)
	}
	if l := got.Labels; l[1] == l[0] || l[1] == l[2] || l[1] == l[3] {
		t.Errorf("the empty item shares a story: labels %v", l)
	}
}
