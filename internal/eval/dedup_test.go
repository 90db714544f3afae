package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// dedupTestData is a small stream written for the tests: a ferry story
// with a wire copy and an exact repost, a school story arriving cut short
// before its original and then edited, another outlet's feature on the
// ferry, and a one-line weather note.
const dedupTestData = "testdata/dedup.jsonl"

func TestRunDedup(t *testing.T) {
	out := filepath.Join(t.TempDir(), "groups.json")
	rep, err := RunDedup(context.Background(), DedupOptions{DataFile: dedupTestData, OutFile: out})
	if err != nil {
		t.Fatal(err)
	}
	if o := rep.Ours; o.PairPrecision != 1 || o.PairRecall != 1 || o.BCubedF1 != 1 || o.Items != 8 || o.PredictedGroups != 4 {
		t.Errorf("ours %+v, want a perfect 4 groups of 8 items", o)
	}
	want := map[string]struct{ p, r float64 }{
		DedupExactName:     {1, 1.0 / 6}, // only the repost: 1 of 6 gold pairs
		DedupSingletonName: {1, 0},
	}
	for _, b := range rep.Baselines {
		w, ok := want[b.Name]
		if !ok || !near(b.Scores.PairPrecision, w.p) || !near(b.Scores.PairRecall, w.r) {
			t.Errorf("baseline %s: P %.3f R %.3f, want %+v", b.Name, b.Scores.PairPrecision, b.Scores.PairRecall, w)
		}
		delete(want, b.Name)
	}
	if len(want) > 0 {
		t.Errorf("baselines missing: %v", want)
	}
	var kinds []string
	for _, k := range rep.Kinds {
		kinds = append(kinds, k.Kind)
		if k.Recall != 1 {
			t.Errorf("kind %s recall %.3f", k.Kind, k.Recall)
		}
	}
	if got := strings.Join(kinds, " "); got != "chrome edit exact original truncate" {
		t.Errorf("kinds %q", got)
	}

	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var groups map[string]string
	if err := json.Unmarshal(b, &groups); err != nil {
		t.Fatal(err)
	}
	wantGroups := map[string]string{
		"ferry": "ferry", "ferry-wire": "ferry", "ferry-again": "ferry",
		"breakfast-cut": "breakfast-cut", "breakfast": "breakfast-cut", "breakfast-edit": "breakfast-cut",
		"ferry-feature": "ferry-feature", "weather": "weather",
	}
	if len(groups) != len(wantGroups) {
		t.Errorf("--out has %d ids, want %d", len(groups), len(wantGroups))
	}
	for id, g := range wantGroups {
		if groups[id] != g {
			t.Errorf("--out %s: group %q, want %q", id, groups[id], g)
		}
	}

	var buf bytes.Buffer
	if err := rep.Print(&buf); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{DedupOursName, DedupExactName, DedupSingletonName, "8 items in 4 gold groups", "truncate 1.000 (1 items)"} {
		if !strings.Contains(buf.String(), s) {
			t.Errorf("report lacks %q:\n%s", s, buf.String())
		}
	}
}

func TestLoadDedupDataErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, data, want string
	}{
		{"not json", "{\"id\":\"a\",\"text\":\"x\",\"group\":\"a\"}\nnot json\n", "line 2"},
		{"no id", `{"text":"x","group":"a"}`, `line 1: no "id"`},
		{"no group", `{"id":"a","text":"x"}`, `line 1: no "group"`},
		{"duplicate id", "{\"id\":\"a\",\"group\":\"g\"}\n\n{\"id\":\"a\",\"group\":\"g\"}", `line 3: id "a" already on line 1`},
		{"empty", "\n\n", "no items"},
		{"long line", `{"id":"a","text":"` + strings.Repeat("x", maxDedupLine) + `","group":"a"}`, "longer than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".jsonl")
			if err := os.WriteFile(path, []byte(tt.data), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := RunDedup(context.Background(), DedupOptions{DataFile: path})
			if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err %v, want it to name %s and say %q", err, path, tt.want)
			}
		})
	}
	missing := filepath.Join(dir, "absent.jsonl")
	if _, err := RunDedup(context.Background(), DedupOptions{DataFile: missing}); !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), missing) {
		t.Errorf("missing file: %v", err)
	}
	unwritable := filepath.Join(dir, "no-such-dir", "out.json")
	if _, err := RunDedup(context.Background(), DedupOptions{DataFile: dedupTestData, OutFile: unwritable}); err == nil || !strings.Contains(err.Error(), unwritable) {
		t.Errorf("unwritable --out: %v", err)
	}
}

func TestRunDedupCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := RunDedup(ctx, DedupOptions{DataFile: dedupTestData}); !errors.Is(err, context.Canceled) {
		t.Errorf("err %v, want context.Canceled", err)
	}
}

// TestRunDedupShared runs the real development data when it is present
// and holds it to the acceptance bars.
func TestRunDedupShared(t *testing.T) {
	const path = "../../../shared/data/dedup/syndication.jsonl"
	if _, err := os.Stat(path); err != nil {
		t.Skipf("dedup data not present at %s", path)
	}
	rep, err := RunDedup(context.Background(), DedupOptions{DataFile: path})
	if err != nil {
		t.Fatal(err)
	}
	if o := rep.Ours; o.PairPrecision < 0.99 || o.PairRecall < 0.95 {
		t.Errorf("pairwise precision %.4f recall %.4f, want at least 0.99 and 0.95", o.PairPrecision, o.PairRecall)
	}
}
