package text

import (
	"strings"
	"testing"
)

func TestChooseLanguage(t *testing.T) {
	english := strings.Repeat("The ministers met again on Tuesday to talk about the water agreement and the new dam. ", 3)
	german := strings.Repeat("Die Minister trafen sich am Dienstag erneut, um über das Wasserabkommen und den neuen Damm zu sprechen. ", 3)
	tests := []struct {
		name, declared, text, want string
	}{
		{"an English page declared German", "de", english, "en"},
		{"a German page declared English", "en-GB", german, "de"},
		{"declared and detected agree", "de-AT", german, "de"},
		{"undeclared", "", german, "de"},
		{"a teaser keeps the declared language", "fr", "Les ministres se sont réunis mardi.", "fr"},
		{"a teaser in English declared German stays German", "DE", "Ministers met on Tuesday.", "de"},
		{"too short and undeclared", "", "Ministers met.", ""},
		{"nothing to tell", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ChooseLanguage(tt.declared, tt.text); got != tt.want {
				t.Errorf("ChooseLanguage(%q, …) = %q, want %q", tt.declared, got, tt.want)
			}
		})
	}
}

func TestHasWords(t *testing.T) {
	for _, tt := range []struct {
		text string
		n    int
		want bool
	}{
		{"", 1, false}, {"one", 1, true}, {"  one  two ", 2, true}, {"one two", 3, false}, {"x", 0, true},
	} {
		if got := hasWords(tt.text, tt.n); got != tt.want {
			t.Errorf("hasWords(%q, %d) = %v, want %v", tt.text, tt.n, got, tt.want)
		}
	}
}
