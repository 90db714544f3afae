package ingest

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/extract"
	"github.com/storyline/storyline/internal/importer"
)

func TestLimitFields(t *testing.T) {
	huge := strings.Repeat("Harbour news ", 800_000) // ~10 MB
	a := &storyline.Article{Title: huge, Source: strings.Repeat("Ö", 300), Byline: "By A. Reporter"}
	limitFields(a)
	if n := utf8.RuneCountInString(a.Title); n > maxTitleRunes || n < maxTitleRunes*4/5 ||
		!(strings.HasSuffix(a.Title, "news…") || strings.HasSuffix(a.Title, "Harbour…")) {
		t.Errorf("title cut to %d runes ending %q", n, a.Title[len(a.Title)-12:])
	}
	if n := utf8.RuneCountInString(a.Source); n != maxNameRunes || !utf8.ValidString(a.Source) {
		t.Errorf("outlet cut to %d runes (valid UTF-8: %v)", n, utf8.ValidString(a.Source))
	}
	if a.Byline != "By A. Reporter" {
		t.Errorf("a short byline changed: %q", a.Byline)
	}
	short := &storyline.Article{Title: "Short", Source: "Bay Post"}
	limitFields(short)
	if short.Title != "Short" || short.Source != "Bay Post" {
		t.Errorf("a short article was cut: %+v", short)
	}
}

func FuzzCutRunes(f *testing.F) {
	for _, s := range []string{"", "a b c d e", "ÖÖÖÖÖ", strings.Repeat("word ", 50)} {
		f.Add(s, 10)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		if max < 2 || max > 1000 {
			return
		}
		got, ok := cutRunes(s, max)
		checkCut(t, s, got, ok, func(got string) bool { return utf8.RuneCountInString(got) <= max })
	})
}

// checkCut fails t unless got, what a cut function made of s, is s
// itself when it was not cut, and valid when it was.
func checkCut(t *testing.T, s, got string, cut bool, valid func(got string) bool) {
	t.Helper()
	if !cut && got != s {
		t.Fatalf("%q not cut but changed: %q", s, got)
	}
	if cut && !valid(got) {
		t.Fatalf("%q cut to %q", s, got)
	}
}

// A record whose title and outlet are megabytes long is stored with both
// cut, through the import's builder.
func TestBuilderLimitsFields(t *testing.T) {
	b := Builder{Extractor: extract.New(extract.Options{})}
	a, err := b.Article(&importer.Document{URL: "https://bay.example/a", Title: strings.Repeat("Headline ", 200_000),
		Source: strings.Repeat("Outlet ", 100), Text: "The harbour reopened on Monday after the storm."})
	if err != nil {
		t.Fatal(err)
	}
	if utf8.RuneCountInString(a.Title) > maxTitleRunes || utf8.RuneCountInString(a.Source) > maxNameRunes {
		t.Errorf("title %d runes, outlet %d runes", utf8.RuneCountInString(a.Title), utf8.RuneCountInString(a.Source))
	}
	// A record whose text is longer than the limit: cut, with the hash of
	// what was kept.
	para := strings.TrimSpace(strings.Repeat("The harbour reopened on Monday. ", 200))
	a, err = b.Article(&importer.Document{URL: "https://bay.example/b", Title: "Harbour",
		Text: strings.Repeat(para+"\n\n", maxBodyBytes/len(para)+10)})
	if err != nil {
		t.Fatal(err)
	}
	if !a.Truncated || len(a.Text) > maxBodyBytes || len(a.HTML) > maxBodyBytes || a.ContentHash != storyline.ContentHash(a.Text) ||
		a.WordCount != len(strings.Fields(a.Text)) {
		t.Errorf("long record: truncated %v, text %d bytes, HTML %d bytes, %d words", a.Truncated, len(a.Text), len(a.HTML), a.WordCount)
	}
}

// cutCase is a case of cutText or cutHTML: what in is cut to, and
// whether it is cut.
type cutCase struct {
	name string
	in   string
	want string
	cut  bool
}

// testCuts runs the cases of cut (cutText or cutHTML) with max: each gives
// what it wants, within max bytes of valid UTF-8, and passes check.
func testCuts(t *testing.T, cut func(s string, max int) (string, bool), max int, tests []cutCase, check func(s string) error) {
	t.Helper()
	for _, tt := range tests {
		got, ok := cut(tt.in, max)
		if got != tt.want || ok != tt.cut {
			t.Errorf("%s: got\n%q, %v; want\n%q, %v", tt.name, got, ok, tt.want, tt.cut)
		}
		if len(got) > max || !utf8.ValidString(got) {
			t.Errorf("%s: %d bytes (valid UTF-8: %v)", tt.name, len(got), utf8.ValidString(got))
		}
		if err := check(got); err != nil {
			t.Errorf("%s: %q: %v", tt.name, got, err)
		}
	}
}

func TestCutText(t *testing.T) {
	const max = 64
	para := strings.Repeat("p", 38) // with "\n\n", a paragraph in the second half
	testCuts(t, cutText, max, []cutCase{
		{"under the limit", "Short text.\n\nTwo paragraphs.", "Short text.\n\nTwo paragraphs.", false},
		{"exactly at the limit", strings.Repeat("x", max), strings.Repeat("x", max), false},
		{"at the last paragraph", para + "\n\n" + "More text that runs past the limit of the article.",
			para, true},
		{"at a line break", para + "\nMore text that runs past the limit of the article.", para, true},
		{"a paragraph break too early: at a sentence", "Intro.\n\nThe harbour reopened. Ferries ran again. The council met on the pier",
			"Intro.\n\nThe harbour reopened. Ferries ran again.", true},
		{"a sentence in quotes", `The harbour reopened. "Ferries run again." Then the council met on the pier`,
			`The harbour reopened. "Ferries run again."`, true},
		{"ideographic sentences", strings.Repeat("港が再開した。", 6), strings.Repeat("港が再開した。", 3), true},
		{"no sentence: at a space", strings.Repeat("harbour ", 12), strings.TrimSpace(strings.Repeat("harbour ", 7)) + "…", true},
		{"no space: between runes", strings.Repeat("x", 100), strings.Repeat("x", max-len("…")) + "…", true},
		{"multi-byte runes at the cut", strings.Repeat("é", 50), strings.Repeat("é", (max-len("…"))/2) + "…", true},
	}, func(string) error { return nil })
}

func TestCutHTML(t *testing.T) {
	const max = 80
	testCuts(t, cutHTML, max, []cutCase{
		{"under the limit", "<p>One.</p><p>Two.</p>", "<p>One.</p><p>Two.</p>", false},
		{"exactly at the limit", "<p>" + strings.Repeat("x", max-7) + "</p>", "<p>" + strings.Repeat("x", max-7) + "</p>", false},
		{"after the last paragraph that fits",
			"<p>The harbour reopened on Monday.</p><p>Ferries ran again.</p><p>The council met on the pier.</p>",
			"<p>The harbour reopened on Monday.</p><p>Ferries ran again.</p>", true},
		{"nested blocks are closed",
			"<blockquote><p>The harbour reopened on Monday.</p><p>Ferries ran again on the whole coast.</p></blockquote>",
			"<blockquote><p>The harbour reopened on Monday.</p></blockquote>", true},
		{"after a list item",
			"<ul><li>The harbour reopened on Monday.</li><li>Ferries ran again.</li><li>The council met.</li></ul>",
			"<ul><li>The harbour reopened on Monday.</li><li>Ferries ran again.</li></ul>", true},
		{"no block ends: at a sentence",
			"<p>The harbour reopened. Ferries ran again. The council met on the pier all day long.</p>",
			"<p>The harbour reopened. Ferries ran again.</p>", true},
		{"no sentence: at a space, inside an inline element",
			"<p>Some <em>harbour harbour harbour harbour harbour harbour harbour harbour</em></p>",
			"<p>Some <em>harbour harbour harbour harbour harbour harbour harbour…</em></p>", true},
		{"never inside an entity",
			"<p>" + strings.Repeat("x", 69) + "&amp;" + strings.Repeat("y", 30) + "</p>",
			"<p>" + strings.Repeat("x", 69) + "…</p>", true},
		{"never inside a UTF-8 sequence",
			"<p>" + strings.Repeat("é", 60) + "</p>",
			"<p>" + strings.Repeat("é", 35) + "…</p>", true},
		{"never inside a tag",
			`<p>` + strings.Repeat("x", 60) + `<a href="https://harbour.example/a/very/long/link">x</a></p>`,
			"<p>" + strings.Repeat("x", 60) + "</p>", true},
		{"nothing fits", `<p><a href="https://harbour.example/` + strings.Repeat("x", 100) + `">x</a></p>`, "", true},
	}, balanced)
}

// balanced returns an error unless every element of s that has an end
// tag is closed, in order.
func balanced(s string) error {
	var open []string
	z := xhtml.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			if len(open) > 0 {
				return fmt.Errorf("left open: %v", open)
			}
			return nil
		case xhtml.StartTagToken:
			if name, _ := z.TagName(); !voidElements[string(name)] {
				open = append(open, string(name))
			}
		case xhtml.EndTagToken:
			name, _ := z.TagName()
			if len(open) == 0 || open[len(open)-1] != string(name) {
				return fmt.Errorf("</%s> closes %v", name, open)
			}
			open = open[:len(open)-1]
		}
	}
}

func FuzzCutHTML(f *testing.F) {
	for _, s := range []string{"<p>a b. c</p>", "<ul><li>é&amp;</li></ul>", "<p>x<br>y</p><hr><p>z</p>"} {
		f.Add(s, 8)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		if max < 1 || max > 1000 || balanced(s) != nil || !utf8.ValidString(s) {
			return
		}
		got, cut := cutHTML(s, max)
		checkCut(t, s, got, cut, func(got string) bool {
			return len(got) <= max && utf8.ValidString(got) && balanced(got) == nil
		})
	})
}

func FuzzCutText(f *testing.F) {
	for _, s := range []string{"One. Two\n\nThree", "港が再開した。港", "a b c d e f"} {
		f.Add(s, 8)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		if max < len("…") || max > 1000 || !utf8.ValidString(s) {
			return
		}
		got, cut := cutText(s, max)
		checkCut(t, s, got, cut, func(got string) bool { return len(got) <= max && utf8.ValidString(got) })
	})
}

// An article longer than the limits keeps its paragraphs up to them,
// marked truncated, with the words of what it kept counted.
func TestLimitFieldsBodies(t *testing.T) {
	para := strings.TrimSpace(strings.Repeat("The harbour reopened to ferries on Monday. ", 20)) // ~860 bytes
	n := maxBodyBytes/len(para) + 200
	long := &storyline.Article{
		Title:     "Harbour",
		Text:      strings.TrimSpace(strings.Repeat(para+"\n\n", n)),
		HTML:      strings.Repeat("<p>"+para+"</p>\n", n),
		WordCount: 7 * 20 * n,
	}
	whole := &storyline.Article{Title: "Harbour", Text: para, HTML: "<p>" + para + "</p>", WordCount: 140}
	tests := []struct {
		name      string
		a         *storyline.Article
		truncated bool
	}{
		{"longer than the limits", long, true},
		{"within them", whole, false},
	}
	for _, tt := range tests {
		before := *tt.a
		limitFields(tt.a)
		a := tt.a
		if a.Truncated != tt.truncated || len(a.Text) > maxBodyBytes || len(a.HTML) > maxBodyBytes {
			t.Errorf("%s: truncated %v, text %d bytes, HTML %d bytes", tt.name, a.Truncated, len(a.Text), len(a.HTML))
		}
		if !tt.truncated {
			if a.Text != before.Text || a.HTML != before.HTML || a.WordCount != before.WordCount {
				t.Errorf("%s: changed", tt.name)
			}
			continue
		}
		if !strings.HasPrefix(before.Text, a.Text+"\n\n") || len(a.Text) < maxBodyBytes-len(para)-2 {
			t.Errorf("%s: text not cut at the last paragraph that fits: %d bytes", tt.name, len(a.Text))
		}
		if !strings.HasPrefix(before.HTML, a.HTML) || !strings.HasSuffix(a.HTML, "</p>") || len(a.HTML) < maxBodyBytes-len(para)-8 {
			t.Errorf("%s: HTML not cut at the last paragraph that fits: %d bytes ending %q", tt.name, len(a.HTML), a.HTML[len(a.HTML)-10:])
		}
		if a.WordCount != len(strings.Fields(a.Text)) {
			t.Errorf("%s: word count %d, the text kept has %d", tt.name, a.WordCount, len(strings.Fields(a.Text)))
		}
	}
}

// longPage returns an article page whose text and HTML are both longer
// than maxBodyBytes, in paragraphs.
func longPage() string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>The longest report | Long Reads</title>
<meta property="og:site_name" content="Long Reads"></head><body><main><article><h1>The longest report</h1>`)
	// Few, long paragraphs: go-trafilatura's time grows with their number.
	sentences := strings.Repeat("The harbour reopened to ferries on Monday, and the council met on the pier. ", 100)
	for i := 0; b.Len() < maxBodyBytes*5/4; i++ {
		fmt.Fprintf(&b, "<p>Paragraph %d of the longest report. %sThe divers had found the channel clear overnight.</p>\n", i, sentences)
	}
	b.WriteString(`</article></main></body></html>`)
	return b.String()
}

// A page, or a feed entry, longer than the limits is stored cut, marked
// truncated, with the hash and word count of what was kept; what was
// stored before is untouched.
func TestOversizedArticlesStoredCut(t *testing.T) {
	page := longPage()
	small, err := os.ReadFile("testdata/site/harbour.html")
	if err != nil {
		t.Fatal(err)
	}
	feedText := `<?xml version="1.0"?><rss version="2.0"><channel><title>Long Reads</title><link>/</link>
<item><title>The longest entry</title><link>/entry</link><guid>long-1</guid><description>` +
		html.EscapeString(strings.ReplaceAll(page[strings.Index(page, "<p>"):strings.Index(page, "</article>")], "Paragraph", "Entry")) + `</description></item>
</channel></rss>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := map[string]string{"/small.html": string(small), "/long.html": page, "/feed.rss": feedText}[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if strings.HasSuffix(r.URL.Path, ".rss") {
			w.Header().Set("Content-Type", "application/rss+xml")
		}
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	p, db := newTestPoller(t, false)
	ctx := context.Background()

	stored, _, err := p.AddPage(ctx, srv.URL+"/small.html")
	if err != nil {
		t.Fatal(err)
	}
	before, err := db.Article(ctx, stored.ID)
	if err != nil || before.Truncated {
		t.Fatalf("the small page: %+v, %v", before, err)
	}

	long, _, err := p.AddPage(ctx, srv.URL+"/long.html")
	if err != nil {
		t.Fatalf("AddPage(long): %v", err)
	}
	f := subscribe(t, db, &storyline.Feed{URL: srv.URL + "/feed.rss", FeedOnly: true})
	if rep := p.Poll(ctx, f); rep.Err != nil || rep.Added != 1 {
		t.Fatalf("poll = %+v", rep)
	}
	entry, err := db.ArticleByURL(ctx, srv.URL+"/entry")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		id   int64
	}{{"page", long.ID}, {"feed entry", entry.ID}} {
		a, err := db.Article(ctx, tt.id)
		if err != nil {
			t.Fatal(err)
		}
		if !a.Truncated || len(a.Text) > maxBodyBytes || len(a.HTML) > maxBodyBytes || len(a.Text) < maxBodyBytes/2 {
			t.Errorf("%s: truncated %v, text %d bytes, HTML %d bytes", tt.name, a.Truncated, len(a.Text), len(a.HTML))
		}
		if !strings.HasSuffix(a.Text, "overnight.") || !strings.HasSuffix(a.HTML, "</p>") {
			t.Errorf("%s: not cut at a paragraph: text ends %q, HTML ends %q", tt.name, a.Text[len(a.Text)-20:], a.HTML[len(a.HTML)-20:])
		}
		if a.WordCount != len(strings.Fields(a.Text)) || a.ContentHash != storyline.ContentHash(a.Text) {
			t.Errorf("%s: word count %d and hash %q are not of the text kept", tt.name, a.WordCount, a.ContentHash)
		}
	}

	after, err := db.Article(ctx, stored.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Text != before.Text || after.HTML != before.HTML || after.Truncated || !after.UpdatedAt.Equal(before.UpdatedAt) {
		t.Errorf("the article stored before changed: %+v", after)
	}
}
