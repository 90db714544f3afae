package eval

import (
	"math"
	"reflect"
	"testing"
)

// TestTokens checks tokenization matches Python's \w+.
func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Hello, world_x 42!", []string{"Hello", "world_x", "42"}},
		{"Café naïve—über", []string{"Café", "naïve", "über"}},
		{"日本語のテキスト。次", []string{"日本語のテキスト", "次"}},
		{"e\u0301t\u00e9", []string{"e", "t\u00e9"}},
		{"x²+½", []string{"x²", "½"}},
		{"  ", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := Tokens(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestShingles checks 4-token shingles are counted as a multiset.
func TestShingles(t *testing.T) {
	tests := []struct {
		in   string
		want map[string]int
	}{
		{"a b c d e", map[string]int{"a b c d": 1, "b c d e": 1}},
		{"a b c d a b c d", map[string]int{"a b c d": 2, "b c d a": 1, "c d a b": 1, "d a b c": 1}},
		{"a b c d", map[string]int{"a b c d": 1}},
		{"a b c", map[string]int{}},
		{"", map[string]int{}},
	}
	for _, tt := range tests {
		if got := Shingles(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Shingles(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestCompareTexts checks true/false positive and negative counts.
func TestCompareTexts(t *testing.T) {
	tests := []struct {
		gold, pred string
		want       Counts
	}{
		{"a b c d e", "a b c d e", Counts{TP: 2}},
		{"a b c d e", "", Counts{FN: 2}},
		{"", "a b c d e", Counts{FP: 2}},
		{"a b c d e f", "b c d e f g", Counts{TP: 2, FP: 1, FN: 1}},
		{"a b c d", "a b c d a b c d", Counts{TP: 1, FP: 4}},
		{"A, b. c! d?", "a b c d", Counts{FP: 1, FN: 1}}, // case matters
	}
	for _, tt := range tests {
		if got := CompareTexts(tt.gold, tt.pred); got != tt.want {
			t.Errorf("CompareTexts(%q, %q) = %+v, want %+v", tt.gold, tt.pred, got, tt.want)
		}
	}
}

// TestScoreExtraction checks the averaging over documents.
func TestScoreExtraction(t *testing.T) {
	tests := []struct {
		name       string
		gold, pred map[string]string
		want       Scores
	}{
		{
			name: "perfect",
			gold: map[string]string{"1": "a b c d e", "2": "f g h i"},
			pred: map[string]string{"1": "a b c d e", "2": "f g h i"},
			want: Scores{Precision: 1, Recall: 1, F1: 1, Docs: 2},
		},
		{
			name: "half and missing",
			// doc 1: tp 2, fp 2 → P 0.5, R 1; doc 2 missing: R 0, no P.
			gold: map[string]string{"1": "a b c d e", "2": "f g h i"},
			pred: map[string]string{"1": "y z a b c d e"},
			want: Scores{Precision: 0.5, Recall: 0.5, F1: 0.5, Docs: 2},
		},
		{
			name: "short documents skipped",
			gold: map[string]string{"1": "a b c d e", "2": "too short"},
			pred: map[string]string{"1": "a b c d e", "2": "also short"},
			want: Scores{Precision: 1, Recall: 1, F1: 1, Docs: 2},
		},
		{
			name: "extra predictions ignored",
			gold: map[string]string{"1": "a b c d e"},
			pred: map[string]string{"1": "a b c d", "9": "p q r s t"},
			// doc 1: tp 1, fn 1 → P 1, R 0.5.
			want: Scores{Precision: 1, Recall: 0.5, F1: 2.0 / 3, Docs: 1},
		},
		{
			name: "nothing right",
			gold: map[string]string{"1": "a b c d e"},
			pred: map[string]string{"1": "v w x y z"},
			want: Scores{Docs: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ScoreExtraction(tt.gold, tt.pred)
			if got.Docs != tt.want.Docs || !near(got.Precision, tt.want.Precision) ||
				!near(got.Recall, tt.want.Recall) || !near(got.F1, tt.want.F1) {
				t.Errorf("ScoreExtraction = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// near reports whether a and b are equal up to rounding.
func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
