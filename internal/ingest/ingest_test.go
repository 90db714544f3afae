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
