package extract

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzExtract feeds arbitrary bytes to Extract: it must never panic, and
// an article it returns must be well formed.
func FuzzExtract(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	for _, p := range files {
		if raw, err := os.ReadFile(p); err == nil {
			f.Add(raw, "text/html")
		}
	}
	for _, s := range []string{
		"", "<", "<html", "<p>a</p>", hostilePage,
		storyPage("<title>t</title>", "<p>%s</p>"),
		storyPage("", "<div>%s<br><br></div>"),
		"<table><tr><td><p>" + storyParagraphs[0] + "</p></td></tr></table>",
		"<meta charset=shift_jis><p>\x82\xa0\x82\xa2</p>",
		"\xff\xfe<\x00p\x00>\x00",
		`<script type="application/ld+json">{"@graph":[[[[{"datePublished":"2031"}]]]]}</script>`,
	} {
		f.Add([]byte(s), "")
	}
	ex := New(Options{MaxBytes: 1 << 20})
	f.Fuzz(func(t *testing.T, raw []byte, contentType string) {
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
		if a.WordCount != len(strings.Fields(a.Text)) {
			t.Fatalf("WordCount %d does not match the text", a.WordCount)
		}
		if l := strings.ToLower(a.HTML); strings.Contains(l, "<script") || strings.Contains(l, "javascript:") {
			t.Fatalf("unsafe HTML: %s", a.HTML)
		}
	})
}
