package eval

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/analysis/summarize"
)

// harbourLines is an article whose page furniture comes first, as
// sentence lines.
var harbourLines = []string{
	"By Jane Doe, Harbour Correspondent",
	"PUBLISHED: 09:14 GMT, 12 March 2024 | UPDATED: 11:02 GMT, 12 March 2024",
	"The council approved the new budget for the harbour on Tuesday evening after a long debate.",
	"Work on the sea wall is expected to begin in the autumn and to last two years.",
	"The harbour master said the repairs were overdue after three winters of storms.",
	"Fishing crews will be moved to the north quay while the work goes on.",
}

// writeSummaryData writes records as JSON Lines to a temporary file.
func writeSummaryData(t *testing.T, recs ...map[string]any) string {
	t.Helper()
	var b strings.Builder
	for _, r := range recs {
		line, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteString("\n\n") // blank lines are skipped
	}
	path := filepath.Join(t.TempDir(), "articles.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// harbourRecord is a record of the harbour article with the given
// reference and systems.
func harbourRecord(id, dataset, reference string, systems map[string]string) map[string]any {
	r := map[string]any{
		"dataset":        dataset,
		"article":        strings.Join(harbourLines, " "),
		"article_lines":  harbourLines,
		"reference":      reference,
		"system_outputs": systems,
		"system_rouge":   map[string]map[string]float64{"perfect": {"rouge_1_f_score": 1}},
	}
	if id != "" {
		r["id"] = id
	}
	return r
}

func TestRunSummarize(t *testing.T) {
	ref := "The council approved the harbour budget. Sea wall work starts in autumn and lasts two years."
	path := writeSummaryData(t,
		harbourRecord("a1", "cnndm", ref, map[string]string{"perfect": ref, "other": "Fishing crews move to the north quay."}),
		harbourRecord("", "cnndm", ref, map[string]string{"perfect": ref, "other": "Storms hit the harbour."}),
		harbourRecord("x1", "xsum", "The harbour budget was approved.", map[string]string{"perfect": "The harbour budget was approved."}),
	)
	out := filepath.Join(t.TempDir(), "ours.json")
	rep, err := RunSummarize(context.Background(), summarize.NewExtractive(summarize.Options{}), SummarizeOptions{DataFile: path, OutFile: out})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Datasets) != 2 || rep.Datasets[0].Name != "cnndm" || rep.Datasets[1].Name != "xsum" {
		t.Fatalf("datasets = %+v", rep.Datasets)
	}
	cnndm := rep.Datasets[0]
	if cnndm.Records != 2 || cnndm.Systems[0].Name != "perfect" || math.Abs(cnndm.Systems[0].R1.F1-1) > 1e-9 {
		t.Errorf("cnndm: %d records, best %+v; want 2 and perfect at 1", cnndm.Records, cnndm.Systems[0])
	}
	for i := 1; i < len(cnndm.Systems); i++ {
		if cnndm.Systems[i].R1.F1 > cnndm.Systems[i-1].R1.F1 {
			t.Errorf("systems not best first: %+v", cnndm.Systems)
		}
	}
	ours, ok1 := cnndm.System(SummarizerName)
	lead, ok2 := cnndm.System(Lead3Name)
	if !ok1 || !ok2 || ours.Docs != 2 || lead.Docs != 2 {
		t.Fatalf("ours %+v, lead-3 %+v", ours, lead)
	}
	// LEAD-3 takes the byline and the time stamp; ours skips them.
	if ours.R1.F1 <= lead.R1.F1 {
		t.Errorf("ours ROUGE-1 %.3f not above LEAD-3's %.3f on an article with a junk lead", ours.R1.F1, lead.R1.F1)
	}
	if p, _ := cnndm.System("perfect"); p.Recorded != 1 {
		t.Errorf("recorded ROUGE-1 of perfect = %v, want 1", p.Recorded)
	}
	if o, _ := cnndm.System("other"); o.Recorded != -1 {
		t.Errorf("recorded ROUGE-1 of a system without one = %v, want -1", o.Recorded)
	}

	var written map[string]string
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &written); err != nil {
		t.Fatal(err)
	}
	if len(written) != 3 || written["a1"] == "" || written["line-3"] == "" || written["x1"] == "" {
		t.Errorf("--out wrote %v, want ids a1, line-3 (no id: the line number) and x1", written)
	}
	if strings.Contains(written["a1"], "PUBLISHED") || !strings.HasPrefix(written["a1"], "The council approved") {
		t.Errorf("our summary = %q", written["a1"])
	}

	var sb strings.Builder
	if err := rep.Print(&sb); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"cnndm (2 articles)", "xsum (1 articles)", "storyline (ours)", "lead-3 (baseline)", "ROUGE-L", "100.00"} {
		if !strings.Contains(sb.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, sb.String())
		}
	}

	only, err := RunSummarize(context.Background(), summarize.NewExtractive(summarize.Options{}), SummarizeOptions{DataFile: path, Dataset: "xsum"})
	if err != nil {
		t.Fatal(err)
	}
	if len(only.Datasets) != 1 || only.Datasets[0].Name != "xsum" {
		t.Errorf("--dataset xsum gave %+v", only.Datasets)
	}
}

func TestRunSummarizeErrors(t *testing.T) {
	s := summarize.NewExtractive(summarize.Options{})
	dir := t.TempDir()
	missing := filepath.Join(dir, "absent.jsonl")
	bad := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(bad, []byte(`{"dataset":"cnndm","article":"A b c.","reference":"A."}`+"\n{not json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	noRef := filepath.Join(dir, "noref.jsonl")
	if err := os.WriteFile(noRef, []byte(`{"dataset":"cnndm","article":"A b c."}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dup := writeSummaryData(t, harbourRecord("a", "cnndm", "x", nil), harbourRecord("a", "cnndm", "y", nil))
	good := writeSummaryData(t, harbourRecord("a", "cnndm", "x", nil))
	tests := []struct {
		name string
		opts SummarizeOptions
		want []string
	}{
		{"missing file", SummarizeOptions{DataFile: missing}, []string{missing}},
		{"bad line", SummarizeOptions{DataFile: bad}, []string{bad, "line 2"}},
		{"no reference", SummarizeOptions{DataFile: noRef}, []string{"line 1", "no reference"}},
		{"duplicate id", SummarizeOptions{DataFile: dup}, []string{`"a"`, "line 1"}},
		{"unknown data set", SummarizeOptions{DataFile: good, Dataset: "nyt"}, []string{`"nyt"`}},
		{"unwritable out", SummarizeOptions{DataFile: good, OutFile: filepath.Join(dir, "no", "such", "dir.json")}, []string{"dir.json"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := RunSummarize(context.Background(), s, tt.opts)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

// TestSummarizeSharedData runs the evaluation on the shared data set, when
// present, and holds ours to LEAD-3 on cnndm.
func TestSummarizeSharedData(t *testing.T) {
	if testing.Short() {
		t.Skip("short mode")
	}
	path := requireSummarizationData(t)
	rep, err := RunSummarize(context.Background(), summarize.NewExtractive(summarize.Options{}), SummarizeOptions{DataFile: path})
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	if err := rep.Print(&sb); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + sb.String())
	d, ok := rep.Dataset("cnndm")
	if !ok {
		t.Fatal("no cnndm records")
	}
	ours, _ := d.System(SummarizerName)
	lead, _ := d.System(Lead3Name)
	if ours.R1.F1 < lead.R1.F1 {
		t.Errorf("cnndm ROUGE-1: ours %.4f below LEAD-3's %.4f", ours.R1.F1, lead.R1.F1)
	}
}
