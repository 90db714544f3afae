package ingest

import (
	"testing"

	"github.com/storyline/storyline"
)

func TestSourceOf(t *testing.T) {
	tests := []struct {
		name       string
		site       string
		url        string
		explicit   []string
		want       string
		byline, tx string
	}{
		{"explicit wins as given", "Bay Post", "https://www.baypost.example/a", []string{"  Coast  Weekly "}, "Coast Weekly", "", ""},
		{"the first explicit name", "", "", []string{"", "Coast Weekly"}, "Coast Weekly", "", ""},
		{"declared name", "Bay Post", "https://www.baypost.example/a", nil, "Bay Post", "", ""},
		{"junk gives way to the host", "Copyright 2031", "https://www.baypost.example/a", nil, "baypost.example", "", ""},
		{"a handle gives way to the host", "@baypost", "https://baypost.example/a", nil, "baypost.example", "", ""},
		{"a handle without a host", "@baypost", "", nil, "baypost", "", ""},
		{"nothing", "U.S.", "", nil, "", "", ""},
		{"an agency's report on a host that names nothing", "Hosted", "https://hosted.ap.org/a", nil, "Associated Press",
			"", "LONDON (AP) — Britain's Conservative Party was accused on Wednesday…"},
		{"an agency in the byline", "", "https://portal.example/a", nil, "Reuters", "By Jane Roe, Reuters", "Text."},
		{"a declared name keeps the agency's report", "Bay Post", "https://baypost.example/a", nil, "Bay Post",
			"", "(AP) — The harbour reopened…"},
		{"an explicit name keeps it too", "", "https://hosted.ap.org/a", []string{"Wire Desk"}, "Wire Desk", "", "(AP) — …"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &storyline.Article{SiteName: tt.site, URL: tt.url, Byline: tt.byline, Text: tt.tx}
			if got := sourceOf(a, tt.explicit...); got != tt.want {
				t.Errorf("sourceOf(site %q, url %q, explicit %q) = %q, want %q", tt.site, tt.url, tt.explicit, got, tt.want)
			}
		})
	}
}
