package entity

import (
	"reflect"
	"testing"

	"github.com/storyline/storyline/internal/text"
)

// TestExtractDocMatchesExtract: from the shared text pass, English
// entities are exactly those Extract finds in the strings.
func TestExtractDocMatchesExtract(t *testing.T) {
	e := New()
	tests := []struct{ title, body string }{
		{"Iran and US resume talks in Muscat", "Iranian Foreign Minister Abbas Araghchi met Omani officials in Muscat on Saturday.\n\nThe talks, mediated by Oman, lasted five hours, Araghchi told state TV."},
		{"", "The European Union said on Monday that it would fine Apple Inc. over its App Store rules."},
		{"Headline\nwith a line break", "Prime Minister Keir Starmer visited Berlin."},
		{"Windows text", "President Joe Biden spoke in Washington.\r\n\r\nHe left for Paris."},
	}
	for _, tt := range tests {
		want := e.Extract(tt.title, tt.body)
		got := e.ExtractDoc(text.NewDoc(text.NewAnalyzer("en"), tt.title, tt.body))
		if !reflect.DeepEqual(got, want) {
			t.Errorf("ExtractDoc(%q) = %v, want %v", tt.title, got, want)
		}
	}
}
