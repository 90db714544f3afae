package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/extract"
	"github.com/storyline/storyline/internal/importer"
	"github.com/storyline/storyline/internal/store/sqlite"
)

func TestBuilderArticle(t *testing.T) {
	page, err := os.ReadFile("testdata/page.html")
	if err != nil {
		t.Fatal(err)
	}
	b := Builder{Extractor: extract.New(extract.Options{})}
	published := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name       string
		doc        importer.Document
		defaultSrc string
		check      func(t *testing.T, a *storyline.Article)
		wantErr    string
	}{
		{
			name: "page with canonical link",
			doc:  importer.Document{Origin: "page.html", HTML: page},
			check: func(t *testing.T, a *storyline.Article) {
				if a.URL != "https://gazette.example.com/coast/lighthouse-keepers" {
					t.Errorf("URL %q", a.URL)
				}
				if a.Source != "Northern Gazette" {
					t.Errorf("source %q", a.Source)
				}
				if !strings.Contains(a.Text, "resident keepers again") || strings.Contains(a.Text, "All rights reserved") {
					t.Errorf("text %q", a.Text)
				}
				if a.WordCount < 80 || a.ContentHash != storyline.ContentHash(a.Text) {
					t.Errorf("word count %d, hash %q", a.WordCount, a.ContentHash)
				}
			},
		},
		{
			name: "the outlet's name is cut from the title",
			doc: importer.Document{Origin: "x.json: item 2", Title: "Keepers return to Grell Head | Wire Weekly",
				Text: "Keepers are back at the Grell Head light after forty years.", URL: "https://wireweekly.example/k"},
			check: func(t *testing.T, a *storyline.Article) {
				if a.Title != "Keepers return to Grell Head" || a.Source != "wireweekly.example" {
					t.Errorf("title %q, source %q", a.Title, a.Source)
				}
			},
		},
		{
			name:       "input fields win over the page",
			doc:        importer.Document{Origin: "x.json: item 1", HTML: page, Title: "Keepers back", Source: "Wire", Author: "A. Writer", Published: published, URL: "https://wire.example.net/k"},
			defaultSrc: "Default",
			check: func(t *testing.T, a *storyline.Article) {
				if a.Title != "Keepers back" || a.Source != "Wire" || a.Byline != "A. Writer" || !a.Published.Equal(published) {
					t.Errorf("overrides not applied: %+v", a)
				}
				if a.URL != "https://gazette.example.com/coast/lighthouse-keepers" {
					t.Errorf("the page's canonical link should win: %q", a.URL)
				}
			},
		},
		{
			name:       "plain text",
			doc:        importer.Document{Origin: "a.txt", Title: "  Ferry   resumes ", Text: "The ferry <resumed>.\n\nMore soon."},
			defaultSrc: "Desk",
			check: func(t *testing.T, a *storyline.Article) {
				if a.Title != "Ferry resumes" || a.Source != "Desk" || a.URL != "" || a.WordCount != 5 {
					t.Errorf("%+v", a)
				}
				if a.HTML != "<p>The ferry &lt;resumed&gt;.</p>\n<p>More soon.</p>\n" {
					t.Errorf("html %q", a.HTML)
				}
			},
		},
		{
			name: "source from the URL host",
			doc:  importer.Document{Title: "T", Text: "body", URL: "https://www.example.org/a?utm_source=x"},
			check: func(t *testing.T, a *storyline.Article) {
				if a.Source != "example.org" || a.URL != "https://www.example.org/a" {
					t.Errorf("%q %q", a.Source, a.URL)
				}
			},
		},
		{
			name: "feed content is cleaned, not extracted",
			doc: importer.Document{Origin: "f.rss: entry 1", URL: "https://feed.example.com/a?utm_source=rss", Title: "Short  item", Source: "Feed Desk",
				Content: `<p>One <a href="/more">line</a>.</p><script>x()</script><p>Two.</p>`},
			defaultSrc: "Default",
			check: func(t *testing.T, a *storyline.Article) {
				if a.Title != "Short item" || a.Source != "Feed Desk" || a.URL != "https://feed.example.com/a" {
					t.Errorf("%+v", a)
				}
				if a.Text != "One line.\n\nTwo." || a.WordCount != 3 || a.ContentHash != storyline.ContentHash(a.Text) {
					t.Errorf("text %q, words %d", a.Text, a.WordCount)
				}
				if !strings.Contains(a.HTML, `href="https://feed.example.com/more"`) || strings.Contains(a.HTML, "script") {
					t.Errorf("html %q", a.HTML)
				}
			},
		},
		{
			name: "feed content without text falls back to the title",
			doc:  importer.Document{Title: "Photo <of> the day", Content: `<p><img src="https://e.example/p.jpg"></p>`},
			check: func(t *testing.T, a *storyline.Article) {
				if a.Text != "Photo <of> the day" || a.HTML != "<p>Photo &lt;of&gt; the day</p>" || a.URL != "" {
					t.Errorf("%+v", a)
				}
			},
		},
		{
			name: "title-only feed entry",
			doc:  importer.Document{Title: " Council  meets ", URL: "https://e.example/c", Source: "S"},
			check: func(t *testing.T, a *storyline.Article) {
				if a.Title != "Council meets" || a.Text != "Council meets" || a.HTML != "<p>Council meets</p>" || a.WordCount != 2 {
					t.Errorf("%+v", a)
				}
			},
		},
		{name: "nothing at all", doc: importer.Document{Content: "<p> </p>"}, wantErr: "no title"},
		{name: "bad URL", doc: importer.Document{Title: "T", Text: "body", URL: "not a url"}, wantErr: "url: "},
		{name: "no title", doc: importer.Document{Text: "body only"}, wantErr: "no title"},
		{name: "no article in page", doc: importer.Document{HTML: []byte("<html><body><nav>Home</nav></body></html>")}, wantErr: "no article content found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b.DefaultSource = tt.defaultSrc
			doc := tt.doc
			a, err := b.Article(&doc)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, a)
		})
	}
}

func TestImport(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	dir := t.TempDir()
	files := map[string]string{
		"a.jsonl": `{"url":"https://x.example/1","title":"One","text":"First text."}
{"url":"https://y.example/1","title":"One again","text":"First   text!"}
{"title":"Two","text":"Second text."}
{broken`,
		"b.txt":   "Third\n\nThird text.",
		"c.html":  "",
		"f.opml":  `<opml><body><outline text="F" xmlUrl="https://feeds.example/rss"/></body></opml>`,
		"skip.md": "Fourth\n\nFourth text.",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	paths, err := importer.Files([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	var calls int
	im := &Importer{Store: db, Builder: Builder{Extractor: extract.New(extract.Options{})}, OnProgress: func(Progress) { calls++ }}
	rep, err := im.Import(ctx, paths)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 4 || rep.Copies != 1 || rep.Errors != 2 || rep.Feeds != 1 || rep.Files != 5 {
		t.Errorf("first import %+v", rep)
	}
	if calls == 0 {
		t.Error("no progress reported")
	}
	rep, err = im.Import(ctx, paths)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 0 || rep.Updated != 0 || rep.Unchanged != 5 || rep.KnownFeed != 1 || rep.Errors != 2 {
		t.Errorf("second import %+v", rep)
	}
	if n, _ := db.CountArticles(ctx); n != 5 {
		t.Errorf("%d articles stored, want 5", n)
	}
}

func TestImportFeedFiles(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	dir := t.TempDir()
	files := map[string]string{
		"coast.rss": `<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Coast Daily</title><link>https://coast.example.com/</link>
<item><title>Ferry resumes</title><link>/ferry</link><pubDate>Wed, 04 Mar 2026 09:30:00 +0000</pubDate>
<description>Short.</description>
<content:encoded><![CDATA[<p>The ferry <b>resumed</b> on Wednesday.</p><p>Crews worked all night.</p>]]></content:encoded></item>
<item><title>Council meets on Friday</title><link>https://coast.example.com/council</link></item>
<item><title>A note without a link</title><description>A note with no link at all.</description></item>
</channel></rss>`,
		"wire.json": `{"version":"https://jsonfeed.org/version/1.1","title":"Wire","items":[
{"id":"1","url":"https://wire.example.net/dam","title":"Dam talks resume","content_html":"<p>Talks resume on Monday.</p>","authors":[{"name":"Mira Holm"}]}]}`,
		"sitemap.xml": `<urlset><url><loc>https://coast.example.com/</loc></url></urlset>`,
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	paths, err := importer.Files([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	im := &Importer{Store: db, Builder: Builder{Extractor: extract.New(extract.Options{}), DefaultSource: "Fallback"}}
	rep, err := im.Import(ctx, paths)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 4 || rep.Errors != 1 || rep.Files != 3 {
		t.Errorf("first import %+v", rep)
	}
	if len(rep.FirstErrors) != 1 || !strings.Contains(rep.FirstErrors[0].Error(), "sitemap.xml: not a feed") {
		t.Errorf("errors %v", rep.FirstErrors)
	}

	tests := []struct {
		url, title, source, text, byline string
	}{
		{"https://coast.example.com/ferry", "Ferry resumes", "Coast Daily", "The ferry resumed on Wednesday.\n\nCrews worked all night.", ""},
		{"https://coast.example.com/council", "Council meets on Friday", "Coast Daily", "Council meets on Friday", ""},
		{"https://wire.example.net/dam", "Dam talks resume", "Wire", "Talks resume on Monday.", "Mira Holm"},
	}
	for _, tt := range tests {
		a, err := db.ArticleByURL(ctx, tt.url)
		if err != nil {
			t.Errorf("%s: %v", tt.url, err)
			continue
		}
		if a.Title != tt.title || a.Source != tt.source || a.Text != tt.text || a.Byline != tt.byline {
			t.Errorf("%s: title %q source %q byline %q text %q", tt.url, a.Title, a.Source, a.Byline, a.Text)
		}
	}
	list, err := db.Articles(ctx, storyline.ArticleFilter{Source: "Coast Daily"})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, a := range list {
		if a.URL == "" && a.Title == "A note without a link" && a.Text == "A note with no link at all." {
			found = true
		}
	}
	if !found {
		t.Errorf("the entry without a link was not stored: %d articles", len(list))
	}

	rep, err = im.Import(ctx, paths)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 0 || rep.Updated != 0 || rep.Copies != 0 || rep.Unchanged != 4 || rep.Errors != 1 {
		t.Errorf("second import %+v", rep)
	}
	if n, _ := db.CountArticles(ctx); n != 4 {
		t.Errorf("%d articles stored, want 4", n)
	}
}

func TestImportCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	path := filepath.Join(t.TempDir(), "a.txt")
	if err := os.WriteFile(path, []byte("T\n\nbody"), 0o600); err != nil {
		t.Fatal(err)
	}
	cancel()
	im := &Importer{Store: db, Builder: Builder{Extractor: extract.New(extract.Options{})}}
	if _, err := im.Import(ctx, []string{path}); err == nil {
		t.Error("a cancelled import reported success")
	}
}
