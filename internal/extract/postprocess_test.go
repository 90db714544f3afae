package extract

import (
	"strings"
	"testing"
)

// TestPostProcess checks the rules that drop chrome from extracted blocks.
func TestPostProcess(t *testing.T) {
	long := storyParagraphs[0]
	tests := []struct {
		name string
		html string
		want []string
	}{
		{"title and dateline dropped", "<h1>Grell Head light shines again</h1><p>Published 5 March 2031, 14:30</p><p>" + long + "</p>", []string{long}},
		{"leading headings dropped", "<h2>Light returns</h2><p>" + long + "</p><h2>Museum</h2><p>" + storyParagraphs[2] + "</p>", []string{long, "Museum", storyParagraphs[2]}},
		{"reading time dropped", "<p>4 min read</p><p>" + long + "</p>", []string{long}},
		{"relative time dropped", "<p>Bay Post · 35 minutes ago</p><p>" + long + "</p>", []string{long}},
		{"teasers dropped", "<p>" + long + "</p><p>Read more: Ferry resumes service</p><p>[Related: Orchard frost]</p><p>" + storyParagraphs[1] + "</p>", []string{long, storyParagraphs[1]}},
		{"end section dropped", "<p>" + long + "</p><p>" + storyParagraphs[1] + "</p><h3>Related articles</h3><p>Orchard growers count frost losses after two cold nights</p><p>Library lends tools</p>", []string{long, storyParagraphs[1]}},
		{"trailing lines dropped", "<p>" + long + "</p><p>Follow us on Twitter @baypost</p><p>Sign up for our newsletter</p><p>© 2031 Bay Post. All rights reserved.</p><p>Share</p>", []string{long}},
		{"inline box title alone", "<p>" + long + "</p><p><strong>See also</strong></p><p>" + storyParagraphs[1] + "</p><p>" + storyParagraphs[2] + "</p>", []string{long, "See also", storyParagraphs[1], storyParagraphs[2]}},
		{"text kept", "<p>" + long + "</p><p>" + storyParagraphs[1] + "</p>", []string{long, storyParagraphs[1]}},
	}
	hints := newPageHints("Grell Head light shines again | Bay Post", "Grell Head light shines again")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, b := range postProcess(collectBlocks(parseFragment(t, tt.html)), hints) {
				got = append(got, b.text())
			}
			if strings.Join(got, "¶") != strings.Join(tt.want, "¶") {
				t.Errorf("blocks =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}
