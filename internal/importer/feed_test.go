package importer

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/feed"
)

func TestKindOfFeeds(t *testing.T) {
	tests := []struct {
		path string
		want Kind
	}{
		{"a.rss", KindFeed},
		{"dir/B.ATOM", KindFeed},
		{"c.xml", KindFeed},
		{"c.xml.gz", KindFeed},
		{"d.rss.gz", KindFeed},
		{"feed.json", KindJSON},
		{"list.opml", KindOPML},
		{"x.rdf", KindUnknown},
	}
	for _, tt := range tests {
		if got := KindOf(tt.path); got != tt.want {
			t.Errorf("KindOf(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

func TestDecodeFeed(t *testing.T) {
	type doc struct {
		url, title, source, author, content string // content: a substring
		published                           time.Time
	}
	tests := []struct {
		file string
		want []doc
	}{
		{"testdata/feeds/news.rss", []doc{
			{"https://news.example.com/2026/03/ferry-resumes", "Ferry service resumes after storm", "Harbour & Coast News", "Ana Ruiz",
				`islands <a href="/ferries">resumed</a>`, time.Date(2026, 3, 4, 9, 30, 0, 0, time.UTC)},
			{"https://news.example.com/2026/03/bridge", "Harbour bridge reopens", "Harbour & Coast News", "",
				"<p>The harbour bridge reopened on Tuesday morning.</p>", time.Time{}},
			// Only a title; the entry with only a link is skipped.
			{"https://news.example.com/2026/03/council", "Council meets on Friday", "Harbour & Coast News", "", "", time.Time{}},
		}},
		{"testdata/feeds/desk.atom", []doc{
			// The relative link resolves against the feed's own link.
			{"https://desk.example.org/world/rail-strike-ends", "Rail strike ends", "The Desk", "Mira Holm",
				"<p>Unions and the rail operator agreed a deal late on Thursday.</p>", time.Date(2026, 3, 5, 8, 0, 0, 0, time.UTC)},
			{"", "Notes from the night desk", "The Desk", "Desk Staff",
				"<p>Second paragraph &lt;not a tag&gt;.</p>", time.Date(2026, 3, 5, 7, 0, 0, 0, time.UTC)},
		}},
		{"testdata/feeds/wire.json", []doc{
			{"https://wire.example.net/dam-talks", "Upstream states agree to resume dam talks", "Example Wire", "Mira Holm",
				"<p>Negotiators from three upstream states", time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)},
			// Untitled: the feed package titles it from its text.
			{"https://wire.example.net/weather", "Rain is expected across the coast on Tuesday, forecasters said.", "Example Wire", "",
				"<p>Rain is expected", time.Time{}},
		}},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			items, err := decodeAll(t, Decoder{}, tt.file)
			if err != nil {
				t.Fatal(err)
			}
			if len(items) != len(tt.want) {
				t.Fatalf("%d items, want %d: %+v", len(items), len(tt.want), items)
			}
			for i, w := range tt.want {
				d := items[i].Doc
				if d == nil {
					t.Fatalf("item %d: %v", i, items[i].Err)
				}
				if d.URL != w.url || d.Title != w.title || d.Source != w.source || d.Author != w.author || !d.Published.Equal(w.published) {
					t.Errorf("item %d: %+v\nwant %+v", i, d, w)
				}
				if (w.content == "") != (d.Content == "") || !strings.Contains(d.Content, w.content) {
					t.Errorf("item %d: content %q, want it to contain %q", i, d.Content, w.content)
				}
				if d.HTML != nil || d.Text != "" {
					t.Errorf("item %d: a feed entry should have Content only: %+v", i, d)
				}
				if !strings.HasPrefix(d.Origin, tt.file+": entry ") {
					t.Errorf("item %d: origin %q", i, d.Origin)
				}
			}
		})
	}
}

func TestDecodeFeedVariants(t *testing.T) {
	dir := t.TempDir()
	rss, err := os.ReadFile("testdata/feeds/news.rss")
	if err != nil {
		t.Fatal(err)
	}
	// A JSON Feed whose version comes after 8 KB of other members.
	late := `{"title":"Late","description":"` + strings.Repeat("x", 9000) + `","items":[{"id":"1","title":"Late entry","content_text":"t"}],"version":"https://jsonfeed.org/version/1"}`
	tests := []struct {
		name    string
		file    string
		content []byte
		titles  []string // of the documents, in order
	}{
		{"gzipped rss", "news.xml.gz", gz(t, rss), []string{"Ferry service resumes after storm", "Harbour bridge reopens", "Council meets on Friday"}},
		{"rss named .atom", "news.atom", rss, []string{"Ferry service resumes after storm", "Harbour bridge reopens", "Council meets on Friday"}},
		{"late JSON Feed version", "late.json", []byte(late), []string{"Late entry"}},
		{"http JSON Feed version", "http.json", []byte(`{"version":"http://jsonfeed.org/version/1","items":[{"id":"1","title":"Old style","url":"https://e.example/1"}]}`), []string{"Old style"}},
		{"UTF-16 JSON Feed", "u16.json", utf16LE(`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","title":"Sixteen","content_text":"x"}]}`), []string{"Sixteen"}},
		// Not JSON Feeds: article dumps, as before.
		{"other version", "dump.json", []byte(`{"version":"1.0","items":[{"title":"Dump","text":"Body."}]}`), []string{"Dump"}},
		{"nested version", "nested.json", []byte(`{"items":[{"title":"Nested","text":"Body.","version":"https://jsonfeed.org/version/1"}]}`), []string{"Nested"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			if err := os.WriteFile(path, tt.content, 0o600); err != nil {
				t.Fatal(err)
			}
			items, err := decodeAll(t, Decoder{}, path)
			if err != nil {
				t.Fatal(err)
			}
			var titles []string
			for _, it := range items {
				if it.Doc == nil {
					t.Fatalf("item error %v", it.Err)
				}
				titles = append(titles, it.Doc.Title)
			}
			if strings.Join(titles, "|") != strings.Join(tt.titles, "|") {
				t.Errorf("titles %q, want %q", titles, tt.titles)
			}
		})
	}
}

// utf16LE encodes s as UTF-16 little endian with a byte-order mark (s is
// ASCII).
func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, r := range s {
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}

func TestDecodeFeedErrors(t *testing.T) {
	dir := t.TempDir()
	rss, err := os.ReadFile("testdata/feeds/news.rss")
	if err != nil {
		t.Fatal(err)
	}
	fixture := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join("testdata/feeds", name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	tests := []struct {
		name    string
		file    string
		content []byte
		max     int64
		want    error
		wantMsg string
	}{
		{"not a feed", "sitemap.xml", fixture("sitemap.xml"), 0, feed.ErrNotFeed, "not a feed (an .xml file must be RSS, Atom or RDF)"},
		{"gzipped non-feed", "sitemap.xml.gz", gz(t, fixture("sitemap.xml")), 0, feed.ErrNotFeed, "an .xml file must be RSS, Atom or RDF"},
		{"html named .rss", "page.rss", []byte("<!DOCTYPE html><html><body><p>hi</p></body></html>"), 0, feed.ErrNotFeed, "HTML page"},
		{"malformed", "broken.xml", fixture("broken.xml"), 0, nil, "malformed feed: XML syntax error on line 11"},
		{"malformed JSON Feed", "bad.json", []byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":1,}]}`), 0, nil, "malformed feed: JSON syntax error on line 1"},
		{"empty", "empty.rss", nil, 0, ErrEmpty, ""},
		{"blank", "blank.atom", []byte(" \n\t"), 0, ErrEmpty, ""},
		{"binary", "bin.xml", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0, ErrBinary, ""},
		{"too large", "big.rss", rss, 200, ErrTooLarge, "over 200 bytes"},
		{"gzip bomb", "bomb.xml.gz", gz(t, append(append([]byte("<rss><channel>"), bytes.Repeat([]byte("<item><title>x</title></item>"), 50_000)...), "</channel></rss>"...)), 100_000, ErrTooLarge, ""},
		{"truncated gzip", "cut.rss.gz", gz(t, rss)[:200], 0, nil, "truncated gzip"},
		{"no entries", "none.rss", []byte(`<rss version="2.0"><channel><title>Quiet</title></channel></rss>`), 0, nil, "the feed has no entries"},
		{"no titled entries", "links.atom", []byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>https://e.example/1</id></entry></feed>`), 0, nil, "no entry in the feed has a title or text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			if err := os.WriteFile(path, tt.content, 0o600); err != nil {
				t.Fatal(err)
			}
			items, err := decodeAll(t, Decoder{MaxBytes: tt.max}, path)
			if err == nil {
				t.Fatalf("no error; items %+v", items)
			}
			if len(items) != 0 {
				t.Errorf("items emitted before the error: %+v", items)
			}
			if !strings.HasPrefix(err.Error(), path+": ") {
				t.Errorf("error %q does not start with the file name", err)
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("error %v is not %v", err, tt.want)
			}
			if tt.wantMsg != "" && !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("error %q lacks %q", err, tt.wantMsg)
			}
		})
	}
}
