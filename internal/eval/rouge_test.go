package eval

import (
	"math"
	"strings"
	"testing"
)

func TestRougeTokens(t *testing.T) {
	sc := NewRougeScorer()
	tests := map[string]string{
		// Lower-cased, non-[a-z0-9] runs are boundaries, tokens longer
		// than three characters Porter-stemmed, shorter ones kept.
		"Police were running, quickly!":  "polic were run quickli",
		"Café über-2024 €5":              "caf ber 2024 5",
		"The generalizations":            "the gener",
		"Locke 's first six games":       "lock s first six game",
		"Locke’s first six games":        "lock s first six game",
		"  \t\n ":                        "",
		"U.S. forces, £2,100 a year ...": "u s forc 2 100 a year",
	}
	for in, want := range tests {
		if got := strings.Join(sc.Tokens(in), " "); got != want {
			t.Errorf("Tokens(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRougeHandComputed checks scores worked out by hand.
func TestRougeHandComputed(t *testing.T) {
	sc := NewRougeScorer()
	tests := []struct {
		name       string
		ref, cand  string
		r1, r2, rl RougeScore
	}{
		{
			// ref: the cat sat on the mat; cand: the cat lay on the mat.
			// Unigrams: the×2, cat, on, mat match (5 of 6 each way).
			// Bigrams: "the cat", "on the", "the mat" (3 of 5).
			// LCS: the cat on the mat (5).
			name: "one word changed",
			ref:  "The cat sat on the mat.", cand: "The cat lay on the mat.",
			r1: RougeScore{5.0 / 6, 5.0 / 6, 5.0 / 6},
			r2: RougeScore{0.6, 0.6, 0.6},
			rl: RougeScore{5.0 / 6, 5.0 / 6, 5.0 / 6},
		},
		{
			// ref: polic were run quickli; cand: polic run quick.
			// Unigrams: polic, run (P 2/3, R 2/4, F 4/7). Bigrams: none.
			// LCS: polic run (2).
			name: "stemming",
			ref:  "Police were running, quickly!", cand: "police run quick",
			r1: RougeScore{2.0 / 3, 0.5, 4.0 / 7},
			r2: RougeScore{0, 0, 0},
			rl: RougeScore{2.0 / 3, 0.5, 4.0 / 7},
		},
		{
			// Counts are clipped: "a" twice in the reference, three times
			// in the candidate matches twice.
			name: "clipped counts",
			ref:  "a a b", cand: "a a a",
			r1: RougeScore{2.0 / 3, 2.0 / 3, 2.0 / 3},
			r2: RougeScore{0.5, 0.5, 0.5},
			rl: RougeScore{2.0 / 3, 2.0 / 3, 2.0 / 3},
		},
		{
			// LCS need not be contiguous: a c e.
			name: "gapped subsequence",
			ref:  "a b c d e", cand: "a x c y e",
			r1: RougeScore{0.6, 0.6, 0.6},
			r2: RougeScore{0, 0, 0},
			rl: RougeScore{0.6, 0.6, 0.6},
		},
		{
			// Order matters for LCS only: e d c b a against a b c d e.
			name: "reversed",
			ref:  "a b c d e", cand: "e d c b a",
			r1: RougeScore{1, 1, 1},
			r2: RougeScore{0, 0, 0},
			rl: RougeScore{0.2, 0.2, 0.2},
		},
		{name: "empty candidate", ref: "a b", cand: ""},
		{name: "empty reference", ref: "", cand: "a b"},
		{name: "punctuation only", ref: "...", cand: "!!"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sc.Score(tt.ref, tt.cand)
			for _, c := range []struct {
				measure   string
				got, want RougeScore
			}{{"ROUGE-1", got.R1, tt.r1}, {"ROUGE-2", got.R2, tt.r2}, {"ROUGE-L", got.RL, tt.rl}} {
				if !closeScore(c.got, c.want) {
					t.Errorf("%s = %+v, want %+v", c.measure, c.got, c.want)
				}
			}
		})
	}
}

func closeScore(a, b RougeScore) bool {
	const eps = 1e-9
	return math.Abs(a.Precision-b.Precision) < eps && math.Abs(a.Recall-b.Recall) < eps && math.Abs(a.F1-b.F1) < eps
}

// TestRougeReproducesRecordedScores checks the scorer against the ROUGE
// the summarization data file records for other systems' summaries
// (computed with Google's rouge_score): all but a few differ by less than
// 0.001, the rest by NLTK's Porter extensions.
func TestRougeReproducesRecordedScores(t *testing.T) {
	path := requireSummarizationData(t)
	recs, err := LoadSummaryRecords(path)
	if err != nil {
		t.Fatal(err)
	}
	sc := NewRougeScorer()
	var pairs, off1, off2, offL int
	for _, r := range recs {
		for sys, out := range r.SystemOutputs {
			rec, ok := r.SystemRouge[sys]
			if !ok {
				continue
			}
			s := sc.Score(r.Reference, out)
			pairs++
			if math.Abs(s.R1.F1-rec["rouge_1_f_score"]) > 0.001 {
				off1++
			}
			if math.Abs(s.R2.F1-rec["rouge_2_f_score"]) > 0.001 {
				off2++
			}
			if math.Abs(s.RL.F1-rec["rouge_l_f_score"]) > 0.001 {
				offL++
			}
		}
	}
	t.Logf("%d summaries: ROUGE-1 off in %d, ROUGE-2 in %d, ROUGE-L in %d", pairs, off1, off2, offL)
	if pairs == 0 {
		t.Fatal("no recorded scores")
	}
	for _, off := range []int{off1, off2, offL} {
		if float64(off) > 0.01*float64(pairs) {
			t.Errorf("more than 1%% of %d summaries score differently from the recorded ROUGE: %d, %d, %d", pairs, off1, off2, offL)
			break
		}
	}
}

// sharedSummarizationData is the summarization data kept outside the
// repository; tests that need it skip when it is absent.
const sharedSummarizationData = "../../../shared/data/summarization/articles.jsonl"

func requireSummarizationData(t testing.TB) string {
	t.Helper()
	if _, err := LoadSummaryRecords(sharedSummarizationData); err != nil {
		t.Skipf("summarization data not usable at %s: %v", sharedSummarizationData, err)
	}
	return sharedSummarizationData
}

func BenchmarkRouge(b *testing.B) {
	sc := NewRougeScorer()
	ref := strings.Repeat("The council approved the harbour budget on Tuesday after a long debate. ", 5)
	cand := strings.Repeat("The harbour budget was approved by the council on Tuesday evening. ", 5)
	for b.Loop() {
		sc.Score(ref, cand)
	}
}
