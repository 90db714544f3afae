package extract

import (
	"strings"
	"testing"
)

// TestRemoveChrome checks the DOM rules that remove boilerplate sections
// before extraction, and that the article survives them.
func TestRemoveChrome(t *testing.T) {
	article := "<div>" + paragraphsHTML() + "</div>"
	tests := []struct {
		name    string
		html    string
		gone    []string
		kept    []string
		keepAll bool
	}{
		{
			name: "chrome by class",
			html: article + `<div class="share-tools">Share on Facebook</div><div id="comments"><p>Join the talk</p></div><ul class="post-tags"><li>sea</li></ul><div class="newsletter-box">Get our letter</div>`,
			gone: []string{"Share on Facebook", "Join the talk", "Get our letter"},
		},
		{
			name: "section under a title",
			html: article + `<section><h2>Related Articles</h2><div><h3>Orchard frost</h3><p>Growers count losses after two cold nights in the valley.</p></div></section>`,
			gone: []string{"Related Articles", "Orchard frost", "Growers count"},
		},
		{
			name: "flat end section",
			html: "<div>" + paragraphsHTML() + `<h2>Comments</h2><p>No comments yet. Be the first.</p><p>Another reader note that is not part of the story.</p></div>`,
			gone: []string{"Comments", "No comments yet", "reader note"},
		},
		{
			name: "section title before any text keeps what follows",
			html: `<div><h3>Tags</h3>` + paragraphsHTML() + `</div>`,
			gone: []string{"Tags"},
		},
		{
			name: "inline box takes only its links",
			html: "<div>" + `<p>` + storyParagraphs[0] + `</p><p><strong>Read more</strong></p><p><a href="/a">Ferry is back</a> | <a href="/b">Orchards freeze</a></p>` + `<p>` + storyParagraphs[1] + `</p></div>`,
			gone: []string{"Read more", "Ferry is back"},
		},
		{
			name: "link list",
			html: article + `<ul><li><a href="/1">One story</a></li><li><a href="/2">Another story</a></li><li><a href="/3">Third story</a></li></ul>`,
			gone: []string{"One story", "Third story"},
		},
		{
			name:    "article container with a chrome-like class is kept",
			html:    `<div class="article-body share-enabled">` + paragraphsHTML() + `</div>`,
			keepAll: true,
		},
		{
			name:    "text beside long link lists is kept",
			html:    `<div><div>` + strings.Repeat(`<a href="/x">archive month link</a> `, 200) + `</div><div>` + paragraphsHTML() + `</div></div>`,
			keepAll: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := parseFragment(t, tt.html)
			removeChrome(body)
			text := strings.Join(paragraphs(body), "\n")
			for _, g := range tt.gone {
				if strings.Contains(text, g) {
					t.Errorf("%q was not removed", g)
				}
			}
			for _, p := range storyParagraphs {
				if tt.keepAll || strings.Contains(tt.html, p) {
					if !strings.Contains(text, p) {
						t.Errorf("article paragraph removed: %q", p[:40])
					}
				}
			}
		})
	}
}

// TestWrapLooseText checks that text separated by <br><br> becomes
// paragraphs.
func TestWrapLooseText(t *testing.T) {
	body := parseFragment(t, `<div>First part of the story, long enough to count.<br><br>Second part<br>with a line break.<br> <br>Third part.</div>`)
	wrapLooseText(body)
	got := paragraphs(body)
	want := []string{"First part of the story, long enough to count.", "Second part\nwith a line break.", "Third part."}
	if strings.Join(got, "¶") != strings.Join(want, "¶") {
		t.Errorf("paragraphs = %q, want %q", got, want)
	}
}

// TestFallbackBlocks checks the fallback extractor picks the text-rich
// container over navigation.
func TestFallbackBlocks(t *testing.T) {
	body := parseFragment(t, `<div class="menu">`+strings.Repeat(`<a href="/x">Section</a> `, 30)+`</div>
<div class="col">`+storyParagraphs[0]+`<br><br>`+storyParagraphs[1]+`</div><div>Footer, with, commas</div>`)
	var got []string
	for _, b := range fallbackBlocks(body) {
		got = append(got, b.text())
	}
	want := []string{storyParagraphs[0], storyParagraphs[1]}
	if strings.Join(got, "¶") != strings.Join(want, "¶") {
		t.Errorf("blocks = %q, want %q", got, want)
	}
}
