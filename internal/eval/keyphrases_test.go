package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/analysis/keyphrase"
	"github.com/storyline/storyline/internal/text"
)

// keyphraseData is the small keyphrase data set written for the tests.
const keyphraseData = "testdata/keyphrases"

// sharedKeyphraseData is the development set kept outside the repository.
const sharedKeyphraseData = "../../../shared/data/keyphrases"

func TestKeyphraseNormalizer(t *testing.T) {
	n := NewKeyphraseNormalizer()
	for in, want := range map[string]string{
		"Nuclear Talks":         "nuclear talk",
		"  nuclear   talks  ":   "nuclear talk",
		"Generalizations":       "gener",
		"Grammy-winning singer": "grammi win singer",
		"":                      "",
		"!!!":                   "",
	} {
		if got := n.Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestScoreKeyphrases(t *testing.T) {
	n := NewKeyphraseNormalizer()
	// Gold: "Nuclear talks" and "nuclear talk" are one key after stemming.
	gold := []string{"Nuclear talks", "nuclear talk", "Iran", "Geneva", "!!!"}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	tests := []struct {
		name    string
		pred    []string
		k       int
		p, r, f float64
	}{
		// 4 returned (< k): 2 distinct gold keys matched ("Iran" twice counts once).
		{"fewer than k", []string{"Iran", "talks", "nuclear talks", "IRAN"}, 10, 2.0 / 4, 2.0 / 3, 2 * (0.5 * 2.0 / 3) / (0.5 + 2.0/3)},
		{"cut at k", []string{"Iran", "talks", "nuclear talks"}, 2, 1.0 / 2, 1.0 / 3, 2 * (0.5 / 3) / (0.5 + 1.0/3)},
		{"nothing returned", nil, 10, 0, 0, 0},
		{"no match", []string{"Vienna"}, 10, 0, 0, 0},
		{"all", []string{"geneva", "Iran", "nuclear talks"}, 10, 1, 1, 1},
	}
	for _, tt := range tests {
		p, r, f := ScoreKeyphrases(n, tt.pred, gold, tt.k)
		if !near(p, tt.p) || !near(r, tt.r) || !near(f, tt.f) {
			t.Errorf("%s: P %v R %v F %v, want %v %v %v", tt.name, p, r, f, tt.p, tt.r, tt.f)
		}
	}
	if p, r, f := ScoreKeyphrases(n, []string{"Iran"}, nil, 10); p != 0 || r != 0 || f != 0 {
		t.Errorf("no gold: %v %v %v", p, r, f)
	}
}

func TestLoadKeyphraseData(t *testing.T) {
	docs, err := LoadKeyphraseData(keyphraseData)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 3 || docs[0].ID != "ferry" || docs[1].ID != "grell" || docs[2].ID != "note" {
		t.Fatalf("docs %+v", docs)
	}
	g := docs[1]
	if g.Title != "Lighthouse on Grell Head shines again after three dark years" || strings.ContainsAny(g.Title+g.Text, "\r") || !strings.HasPrefix(g.Text, "The lighthouse") {
		t.Errorf("title %q text %q", g.Title, g.Text)
	}
	if len(g.Gold) != 8 || g.Gold[1] != "Grell Head" {
		t.Errorf("gold %q", g.Gold)
	}
	if docs[2].Title != "Short note" || docs[2].Text != "" {
		t.Errorf("title-only document: %+v", docs[2])
	}
}

func TestRunKeyphrases(t *testing.T) {
	out := filepath.Join(t.TempDir(), "phrases.json")
	rep, err := RunKeyphrases(context.Background(), keyphrase.New(keyphrase.Options{}), KeyphraseOptions{DataDir: keyphraseData, OutFile: out})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Docs != 3 || rep.Ours.Docs != 3 || rep.Ours.Name != OursName {
		t.Errorf("report %+v", rep)
	}
	if rep.Ours.F1 < 0.2 {
		t.Errorf("our F1@10 %.3f on easy documents", rep.Ours.F1)
	}
	names := []string{}
	for _, s := range append([]KeyphraseScores{rep.Ours}, rep.Baselines...) {
		names = append(names, s.Name)
		for _, v := range []float64{s.Precision, s.Recall, s.F1} {
			if v < 0 || v > 1 || math.IsNaN(v) {
				t.Errorf("%s: score %v", s.Name, v)
			}
		}
	}
	if strings.Join(names, ",") != OursName+","+BaselineFirstPhrases+","+BaselineTfIdf {
		t.Errorf("systems %v", names)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string][]string
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("--out: %v", err)
	}
	if len(got) != 3 || len(got["grell"]) == 0 || len(got["grell"]) > KeyphraseK || got["note"] == nil {
		t.Errorf("--out: %v", got)
	}
	var buf bytes.Buffer
	if err := rep.Print(&buf); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"F1@10", "P@10", "R@10", "storyline (ours)", "FirstPhrases", "TfIdf", "first pass over all documents"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, buf.String())
		}
	}
}

func TestFirstPhrasesAndTfIdf(t *testing.T) {
	ex := keyphrase.New(keyphrase.Options{})
	cands := ex.Candidates("Ferry strike", "The ferry strike is over. The crews and the islanders are happy. The islanders had no bread.", "en")
	if got := FirstPhrases(cands, 2); strings.Join(got, "|") != "ferry strike|crews" {
		t.Errorf("FirstPhrases = %q", got)
	}
	key := func(text string) string {
		for _, c := range cands {
			if c.Text == text {
				return strings.Join(c.Stems, " ")
			}
		}
		t.Fatalf("no candidate %q in %+v", text, cands)
		return ""
	}
	df := text.NewDocFreq()
	df.Add([]string{key("ferry strike"), key("crews"), key("islanders")})
	df.Add([]string{key("ferry strike")})
	df.Add([]string{key("ferry strike")})
	// Count × IDF: "ferry strike" 2 × 1, "islanders" 2 × 1.69, "crews"
	// 1 × 1.69, "happy" and "bread" 1 × 2.39.
	if got := TfIdfPhrases(cands, df, 3); strings.Join(got, "|") != "islanders|happy|bread" {
		t.Errorf("TfIdfPhrases = %q", got)
	}
}

func TestRunKeyphrasesErrors(t *testing.T) {
	ex := keyphrase.New(keyphrase.Options{})
	noKey := t.TempDir()
	for _, d := range []string{"docs", "keys"} {
		if err := os.Mkdir(filepath.Join(noKey, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	empty := t.TempDir()
	if err := os.WriteFile(filepath.Join(noKey, "docs", "lonely.txt"), []byte("Title\r\nText\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for dir, want := range map[string]string{
		"no/such/dir": "no/such/dir",
		noKey:         "lonely",
		empty:         "no docs/*.txt",
	} {
		_, err := RunKeyphrases(context.Background(), ex, KeyphraseOptions{DataDir: dir})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want one naming %q", dir, err, want)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := RunKeyphrases(ctx, ex, KeyphraseOptions{DataDir: keyphraseData}); err == nil {
		t.Error("canceled run succeeded")
	}
}

// TestRunKeyphrasesShared holds our extraction to the acceptance bar on
// the development set, when it is present.
func TestRunKeyphrasesShared(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	if _, err := os.Stat(filepath.Join(sharedKeyphraseData, "docs")); err != nil {
		t.Skipf("keyphrase data not present at %s", sharedKeyphraseData)
	}
	rep, err := RunKeyphrases(context.Background(), keyphrase.New(keyphrase.Options{}), KeyphraseOptions{DataDir: sharedKeyphraseData})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := rep.Print(&buf); err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", buf.String())
	if rep.Ours.F1 < 0.18 {
		t.Errorf("F1@10 %.1f below 18.0", 100*rep.Ours.F1)
	}
	for _, b := range rep.Baselines {
		if b.F1 >= rep.Ours.F1 {
			t.Errorf("baseline %s F1@10 %.1f is not below ours %.1f", b.Name, 100*b.F1, 100*rep.Ours.F1)
		}
	}
}
