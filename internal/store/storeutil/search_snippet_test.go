package storeutil

import (
	"testing"

	"github.com/storyline/storyline/internal/text"
)

func TestMakeSnippet(t *testing.T) {
	en := QueryTermSet(text.QueryTerms([]string{"en"}, "running cafe"))
	tests := []struct {
		lang, body string
		terms      map[string]bool
		want       string
	}{
		{"en", "The café runs late.", en, "The [café] [runs] late."},
		{"en", "No match here at all.", en, "No match here at all."},
		{"en", "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo twentythree twentyfour twentyfive twentysix twentyseven twentyeight Running\n\nlast words", en,
			"…eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo twentythree twentyfour twentyfive twentysix twentyseven twentyeight [Running] last words"},
		{"en", "Running one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo twentythree twentyfour", en,
			"[Running] one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo twentythree…"},
		{"de", "Die Verhandlungen gehen weiter.", QueryTermSet(text.QueryTerms([]string{"de"}, "Verhandlung")),
			"Die [Verhandlungen] gehen weiter."},
		{"zh", "伊朗与美国的谈判今天继续。", QueryTermSet(text.QueryTerms([]string{"zh"}, "伊朗谈判")),
			"[伊朗]与美国的[谈判]今天继续。"},
		{"ar", "استؤنفت المفاوضات اليوم.", QueryTermSet(text.QueryTerms([]string{"ar"}, "مفاوضات")),
			"استؤنفت [المفاوضات] اليوم."},
	}
	for _, tt := range tests {
		if got := MakeSnippet(tt.body, tt.lang, tt.terms).String("[", "]"); got != tt.want {
			t.Errorf("MakeSnippet(%q) = %q, want %q", tt.body, got, tt.want)
		}
	}
	if s := MakeSnippet("", "en", en); s != nil {
		t.Errorf("MakeSnippet(\"\") = %v, want nil", s)
	}
}
