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
