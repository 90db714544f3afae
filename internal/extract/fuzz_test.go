package extract

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/storyline/storyline/internal/fuzztest"

	"github.com/storyline/storyline/internal/text"
)

// fuzzMaxBytes is the extractor's size cap in FuzzExtract: a few
// paragraphs reach every stage of extraction, and each call costs in
// proportion to the page, a millisecond or so for a few hundred bytes.
const fuzzMaxBytes = 1 << 10

// FuzzExtract feeds arbitrary bytes to Extract: it must never panic, and
// an article it returns must be well formed. The seeds are small pages,
// each for one path through the extractor.
func FuzzExtract(f *testing.F) {
	article := "<title>Grell Head</title><h1>Grell Head light shines again</h1><p>" +
		storyParagraphs[0] + "</p><p>" + storyParagraphs[1] + "</p>"
	for _, s := range []struct{ raw, contentType string }{
		{"", ""},
		{"<", ""},
		{"<html", "text/html"},
		{"<p>a</p>", "text/html; charset=utf-8"},
		{article, "text/html"},
		{"<div>" + storyParagraphs[0] + "<br><br>" + storyParagraphs[1] + "<br><br></div>", ""},
		{"<table><tr><td><p>" + storyParagraphs[0] + "</p></td></tr></table>", ""},
		{`<body onload="x()"><p onclick="x()">` + storyParagraphs[0] + ` <a href="javascript:x()">a</a></p><script>x()</script><iframe src="//ads.example/"></iframe></body>`, ""},
		{"<meta charset=shift_jis><p>\x82\xa0\x82\xa2</p>", ""},
		{"<p>caf\xe9 au lait</p>", "text/html; charset=windows-1252"},
		{"\xff\xfe<\x00p\x00>\x00", ""},
		{`<script type="application/ld+json">{"@graph":[[[[{"datePublished":"2031"}]]]]}</script>`, ""},
		{"<body>javascript:>", ""}, // the words are safe as text
		{`{"title":"not a page"}`, "application/json"},
		{"\x89PNG\r\n\x1a\n", "image/png"},
	} {
		f.Add([]byte(s.raw), s.contentType)
	}
	ex := New(Options{MaxBytes: fuzzMaxBytes})
	fuzztest.LimitMinimizing(f, fuzztest.MinimizeCalls)
	f.Fuzz(func(t *testing.T, raw []byte, contentType string) {
		if len(contentType) > 100 {
			return // a header value that long teaches nothing a shorter one does not
		}
		a, err := ex.Extract(raw, "https://news.example/a", contentType)
		if err != nil {
			for _, want := range []error{ErrEmpty, ErrBinary, ErrTooLarge, ErrNotHTML, ErrNoContent} {
				if errors.Is(err, want) {
					return
				}
			}
			t.Fatalf("unexpected error kind: %v", err)
		}
		if a.Text == "" && a.HTML == "" {
			t.Fatal("empty article without error")
		}
		if !utf8.ValidString(a.Text) || !utf8.ValidString(a.HTML) {
			t.Fatal("article is not valid UTF-8")
		}
		if strings.Contains(a.Text, "\n\n\n") {
			t.Fatalf("text has a paragraph break wider than one blank line: %q", a.Text)
		}
		if a.WordCount != text.CountWords(a.Text) {
			t.Fatalf("WordCount %d does not match the text", a.WordCount)
		}
		if why := unsafeHTML(parseFragment(t, a.HTML)); why != "" {
			t.Fatalf("unsafe HTML (%s): %s", why, a.HTML)
		}
	})
}

// unsafeHTML returns what in the tree at n could run script, or "": an
// element that runs or embeds code, an event handler attribute, or a link
// to a javascript: URL. The words "javascript:" in text are safe.
func unsafeHTML(n *html.Node) string {
	if n.Type == html.ElementNode {
		switch n.Data {
		case "script", "style", "iframe", "object", "embed":
			return "<" + n.Data + ">"
		}
		for _, at := range n.Attr {
			// Browsers ignore spaces and control characters in a scheme.
			v := strings.ToLower(strings.Map(func(r rune) rune {
				if r <= ' ' {
					return -1
				}
				return r
			}, at.Val))
			if strings.HasPrefix(at.Key, "on") || strings.HasPrefix(v, "javascript:") {
				return at.Key + "=" + at.Val
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if why := unsafeHTML(c); why != "" {
			return why
		}
	}
	return ""
}

func TestUnsafeHTML(t *testing.T) {
	for _, tc := range []struct {
		html, want string // want: "" when safe
	}{
		{`<p>javascript: is a word</p>`, ""},
		{`<a href="https://news.example/javascript:">x</a>`, ""},
		{`<p><script>x()</script></p>`, "<script>"},
		{`<p onclick="x()">a</p>`, "onclick=x()"},
		{`<a href=" JavaScript:x()">a</a>`, "href= JavaScript:x()"},
		{"<a href=\"java\tscript:x()\">a</a>", "href=java\tscript:x()"},
		{`<img src="javascript:x()">`, "src=javascript:x()"},
	} {
		if got := unsafeHTML(parseFragment(t, tc.html)); got != tc.want {
			t.Errorf("unsafeHTML(%s) = %q, want %q", tc.html, got, tc.want)
		}
	}
}
