package text

import (
	"strings"
	"testing"
)

func TestAnalyzerTerms(t *testing.T) {
	tests := []struct {
		lang, in, want string
	}{
		{"en", "The ministers were meeting in Geneva's old town", "minist|meet|geneva|old|town"},
		{"en-GB", "Talks, talks and more TALKS!", "talk|talk|talk"},
		{"", "It’s the president's decision", "presid|decis"},
		{"fr", "Les ministres se sont réunis à Genève", "ministr|réun|genev"},
		{"de", "Die Minister trafen sich in Genf", "minist|traf|genf"},
		{"xx", "Unknown language keeps words", "unknown|language|keeps|words"},
	}
	for _, tt := range tests {
		got := strings.Join(NewAnalyzer(tt.lang).Terms(tt.in), "|")
		if got != tt.want {
			t.Errorf("Terms(%q, %q) = %q, want %q", tt.lang, tt.in, got, tt.want)
		}
	}
}

func TestPorterAnalyzer(t *testing.T) {
	a := NewPorterAnalyzer()
	for w, want := range map[string]string{"generalizations": "gener", "running": "run", "flies": "fli"} {
		if got := a.Stem(w); got != want {
			t.Errorf("Porter stem of %q = %q, want %q", w, got, want)
		}
	}
}

// TestScopedAnalyzerStemsOnce: a scoped analyzer gives its parent's
// terms, remembers each stem, and leaves the parent without a memo.
func TestScopedAnalyzerStemsOnce(t *testing.T) {
	a := NewAnalyzer("en")
	s := a.Scoped()
	for _, w := range []string{"Negotiations", "negotiations", "talks", "the", "Governments", "x"} {
		gt, gok := s.Term(w)
		wt, wok := a.Term(w)
		if gt != wt || gok != wok {
			t.Errorf("Term(%q): scoped %q %v, parent %q %v", w, gt, gok, wt, wok)
		}
	}
	if got, ok := s.memo["negotiations"]; !ok || got != "negoti" {
		t.Errorf("memo of %q: %q %v", "negotiations", got, ok)
	}
	if a.memo != nil {
		t.Error("the parent analyzer got a memo")
	}
	if s.Language() != a.Language() {
		t.Errorf("scoped language %q, parent %q", s.Language(), a.Language())
	}
}
