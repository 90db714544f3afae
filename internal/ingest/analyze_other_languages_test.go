package ingest

import "testing"

func TestStoryLanguage(t *testing.T) {
	for _, tt := range []struct {
		langs []string
		want  string
	}{
		{nil, ""},
		{[]string{"", ""}, ""},
		{[]string{"", "de"}, "de"},
		{[]string{"de", "es", "es"}, "es"},
		{[]string{"es", "de", "de", "es"}, "es"}, // a tie: the older article's
		{[]string{"", "", "fr", "en"}, "fr"},
	} {
		if got := storyLanguage(tt.langs); got != tt.want {
			t.Errorf("storyLanguage(%q) = %q, want %q", tt.langs, got, tt.want)
		}
	}
}
