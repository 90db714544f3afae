package extract

import (
	"bytes"
	nurl "net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestRestoreRefs checks links and images are put back into extracted
// blocks where they stood on the page.
func TestRestoreRefs(t *testing.T) {
	base, _ := nurl.Parse("https://news.example/a/story")
	page := parseFragment(t, `<p>The <a href="/lens">new lens</a> was fitted on Friday by the <a href="https://club.example">rowing club</a>.</p>
<img src="/img/lens.jpg" alt="The lens" width="640">
<img src="/img/icon.png" width="16" height="16">
<p>A second paragraph about the new lens and the museum.</p>
<a href="javascript:void(0)">museum</a>`)
	refs := collectRefs(page, base)
	extracted := parseFragment(t, `<p>The new lens was fitted on Friday by the rowing club.</p><p>A second paragraph about the new lens and the museum.</p>`)
	blocks := refs.restore(collectBlocks(extracted))
	var buf bytes.Buffer
	for _, b := range blocks {
		if err := html.Render(&buf, b.node); err != nil {
			t.Fatal(err)
		}
	}
	want := `<p>The <a href="https://news.example/lens">new lens</a> was fitted on Friday by the <a href="https://club.example">rowing club</a>.</p>` +
		`<figure><img src="https://news.example/img/lens.jpg" alt="The lens"/></figure>` +
		`<p>A second paragraph about the new lens and the museum.</p>`
	if got := buf.String(); got != want {
		t.Errorf("restored HTML =\n%s\nwant\n%s", got, want)
	}
	if strings.Contains(buf.String(), "icon.png") {
		t.Error("icon restored")
	}
}

// TestMergeSplitBodies checks an article body split in two containers of
// one class is joined, and unrelated containers are not.
func TestMergeSplitBodies(t *testing.T) {
	body := parseFragment(t, `<div class="grid"><div class="article-body"><p>one</p><p>two</p></div><div class="ad">ad</div></div>
<div class="grid"><div class="article-body"><p>three</p><p>four</p></div></div>
<div class="teaser"><p>other</p></div><div class="teaser"><p>more</p></div>`)
	mergeSplitBodies(body)
	got := strings.Join(paragraphs(body), " ")
	if got != "one two three four ad other more" {
		t.Errorf("paragraphs after merge = %q", got)
	}
}
