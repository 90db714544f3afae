package feed

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// now is the time the tests parse at.
var now = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

// feedURL is where the tests pretend the fixtures were fetched from.
const feedURL = "https://feeds.example.com/path/feed.xml"

// at parses an RFC 3339 time for expectations.
func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestParseFormats(t *testing.T) {
	tests := []struct {
		file string
		want *Feed
	}{
		{"rss091.xml", &Feed{
			Title: "Valley Gazette", SiteURL: "https://gazette.example.com/", Language: "en-gb",
			Entries: []Entry{
				{GUID: "https://gazette.example.com/2026/01/mill-pond", URL: "https://gazette.example.com/2026/01/mill-pond",
					Title: "Mill pond frozen for the first time in a decade", Content: "Skaters gathered on the <b>mill pond</b> on Saturday."},
				{GUID: "https://gazette.example.com/2026/01/library-hours", URL: "https://gazette.example.com/2026/01/library-hours",
					Title: "Library extends winter hours", Content: "The library will stay open until 8 pm on weekdays."},
			},
		}},
		{"rss10.rdf", &Feed{
			Title: "Orchard Notes", SiteURL: "https://orchard.example.org/", Language: "en",
			Entries: []Entry{
				{GUID: "https://orchard.example.org/pruning", URL: "https://orchard.example.org/pruning", Title: "Pruning the old trees",
					Author: "Ines Okafor", Published: at("2026-02-14T07:15:00Z"), Updated: at("2026-02-14T07:15:00Z"),
					Content: "We started with the Bramleys.", Categories: []string{"pruning"}},
				{GUID: "https://orchard.example.org/blossom", URL: "https://orchard.example.org/blossom", Title: "First blossom",
					Published: at("2026-03-01T00:00:00Z"), Updated: at("2026-03-01T00:00:00Z"), Content: "Early this year."},
			},
		}},
		{"rss20.xml", &Feed{
			Title: "Harbour & Town", SiteURL: "https://harbour.example.net/news/", Language: "en-us", TTL: 45 * time.Minute,
			Entries: []Entry{
				{GUID: "harbour-1001", URL: "https://harbour.example.net/news/ferry-timetable", Title: "Ferry timetable changes & delays",
					Author: "Sam Lee", Published: at("2026-03-03T09:30:00Z"),
					Content:    "<p>The ferry will run <strong>hourly</strong> from Monday.</p>",
					Summary:    "Short summary of the ferry changes.",
					Categories: []string{"Transport", "Ferries"}, ImageURL: "https://harbour.example.net/img/ferry.jpg"},
				{GUID: "https://harbour.example.net/news/harbour-wall", URL: "https://harbour.example.net/news/harbour-wall",
					Title: "Harbour wall repaired", Author: "News Desk", Published: at("2026-03-02T16:00:00Z"),
					Content: "<p>Work finished a week early.</p>", ImageURL: "https://cdn.example.net/wall.jpg"},
				{GUID: "sha256:1348b5a4b12932bd77ff526200485083",
					Title:  "A note with neither a title nor a link: the town hall clock has been wound back…",
					Author: "News Desk",
					Content: "<p>A note with neither a title nor a link: the town hall clock has been wound back an hour " +
						"for the spring fair, and it will stay that way until Sunday evening.</p>"},
				{GUID: "https://harbour.example.net/news/regatta", URL: "https://harbour.example.net/news/regatta",
					Title: "Regatta announced", Author: "News Desk", Published: now, Content: "Dated in the future."},
				{GUID: "https://harbour.example.net/news/notice", URL: "https://harbour.example.net/news/notice",
					Title: "Undated notice", Author: "News Desk", Content: "No date at all."},
				{GUID: "https://harbour.example.net/news/unix", URL: "https://harbour.example.net/news/unix",
					Title: "Unix time", Author: "News Desk", Published: at("2026-03-04T09:50:00Z")},
				{GUID: "sha256:14175bb75c3596662a7f83e781fd5eea", Title: "Script link", Author: "News Desk",
					Content: "A link that is not a web page."},
			},
		}},
		{"atom03.xml", &Feed{
			Title: "Bergblog", SiteURL: "https://berg.example.de/", Language: "de",
			Entries: []Entry{
				{GUID: "tag:berg.example.de,2026:neuschnee", URL: "https://berg.example.de/neuschnee", Title: "Neuschnee am Gipfel",
					Author: "Karl Brenner", Published: at("2026-02-19T06:00:00Z"), Updated: at("2026-02-19T08:00:00Z"),
					Content: "<p>Dreißig Zentimeter über Nacht.</p>"},
				{GUID: "tag:berg.example.de,2026:huette", URL: "https://berg.example.de/huette", Title: "Hüttenruhe",
					Author: "Karl Brenner", Published: at("2026-02-18T18:30:00Z"), Updated: at("2026-02-18T18:30:00Z"),
					Content: "Die Hütte bleibt bis März geschlossen."},
			},
		}},
		{"atom10.xml", &Feed{
			Title: "Field Station Log", SiteURL: "https://feeds.example.com/log/",
			Entries: []Entry{
				{GUID: "urn:uuid:2f1c7a8e-0000-4000-8000-000000000002", URL: "https://feeds.example.com/path/entries/balloon.html",
					Title: "Weather balloon launched", Author: "Dr. Priya Nair",
					Published: at("2026-03-04T11:00:00Z"), Updated: at("2026-03-04T13:00:00Z"),
					Content:    "<p>The balloon went up at dawn and reached <b>30 km</b>.</p>",
					Summary:    "<p>The balloon went up at dawn.</p>",
					Categories: []string{"Weather", "instruments"}, ImageURL: "https://feeds.example.com/media/balloon.png"},
				{GUID: "urn:uuid:2f1c7a8e-0000-4000-8000-000000000003", URL: "https://feeds.example.com/log/entries/plain",
					Title: "Plain text content", Author: "Field Team", Published: at("2026-03-03T10:00:00Z"), Updated: at("2026-03-03T10:00:00Z"),
					Content: "<p>Temperatures &lt; 0 °C all week.</p><p>Snow expected &amp; roads closed.</p>"},
				{GUID: "urn:uuid:2f1c7a8e-0000-4000-8000-000000000004", URL: "https://elsewhere.example.com/post",
					Title: "XHTML content", Author: "Field Team", Published: at("2026-03-02T10:00:00Z"), Updated: at("2026-03-02T10:00:00Z"),
					Content: "<p>Inline <em>markup</em>.</p>", ImageURL: "https://feeds.example.com/thumbs/xhtml.jpg"},
				{GUID: "urn:uuid:2f1c7a8e-0000-4000-8000-000000000005",
					Title: "Only a summary, no title and no link.", Author: "Field Team",
					Published: at("2026-03-01T10:00:00Z"), Updated: at("2026-03-01T10:00:00Z"),
					Content: "Only a summary, no title and no link."},
			},
		}},
		{"jsonfeed10.json", &Feed{
			Title: "Kitchen Table", SiteURL: "https://kitchen.example.com/",
			Entries: []Entry{
				{GUID: "https://kitchen.example.com/bread", URL: "https://kitchen.example.com/bread", Title: "Sourdough, again",
					Author: "Ada Brook", Published: at("2026-03-01T03:00:00Z"),
					Content: "<p>The starter is <em>alive</em>.</p>", Summary: "<p>Bread notes.</p>",
					Categories: []string{"baking", "bread"}, ImageURL: "https://kitchen.example.com/img/loaf.jpg"},
				{GUID: "2", URL: "https://kitchen.example.com/soup", Title: "Winter soup", Author: "Ada Brook",
					Published: at("2026-02-27T12:00:00Z"), Updated: at("2026-02-27T13:00:00Z"),
					Content: "<p>Leeks &amp; potatoes.</p>"},
			},
		}},
		{"jsonfeed11.json", &Feed{
			Title: "Short Posts", SiteURL: "https://micro.example.net/", Language: "fr",
			Entries: []Entry{
				{GUID: "post-31", URL: "https://micro.example.net/31",
					Title:     "Premier paragraphe avec <balises> & esperluette. Deuxième ligne. Second…",
					Author:    "Léa Martin",
					Published: at("2026-03-02T07:00:00Z"),
					Content:   "<p>Premier paragraphe avec &lt;balises&gt; &amp; esperluette.<br>Deuxième ligne.</p><p>Second paragraphe.</p>"},
				{GUID: "post-30", Title: "Linkless", Author: "Guest Writer",
					Published: at("2026-03-01T07:00:00Z"), Updated: at("2026-03-01T07:00:00Z"),
					Content: `<p>No link: <a href="https://example.org/">external</a>.</p>`},
				{GUID: "post-29", URL: "https://micro.example.net/29", Title: "Tomorrow", Author: "Léa Martin",
					Published: now, Content: "<p>Scheduled.</p>"},
			},
		}},
		{"ttl.xml", &Feed{
			Title: "TTL only", SiteURL: "https://ttl.example.com/", TTL: 24 * time.Hour,
			Entries: []Entry{{GUID: "https://ttl.example.com/1", URL: "https://ttl.example.com/1", Title: "One"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, err := Parse(readFixture(t, tt.file), feedURL, now)
			if err != nil {
				t.Fatal(err)
			}
			compareFeeds(t, got, tt.want)
		})
	}
}

// compareFeeds reports the differences between got and want field by
// field, entry by entry.
func compareFeeds(t *testing.T, got, want *Feed) {
	t.Helper()
	if got.Title != want.Title || got.SiteURL != want.SiteURL || got.Language != want.Language || got.TTL != want.TTL {
		t.Errorf("feed %q %q %q %v, want %q %q %q %v", got.Title, got.SiteURL, got.Language, got.TTL,
			want.Title, want.SiteURL, want.Language, want.TTL)
	}
	if len(got.Entries) != len(want.Entries) {
		t.Errorf("%d entries, want %d", len(got.Entries), len(want.Entries))
	}
	for i := range min(len(got.Entries), len(want.Entries)) {
		if g, w := got.Entries[i], want.Entries[i]; !reflect.DeepEqual(g, w) {
			t.Errorf("entry %d:\n got %#v\nwant %#v", i, g, w)
		}
	}
}

func TestParseEntryRules(t *testing.T) {
	tests := []struct {
		name  string
		items string // RSS 2.0 <item> elements
		want  []Entry
	}{
		{"duplicate GUIDs keep the first",
			`<item><guid>g1</guid><title>First</title></item><item><guid>g1</guid><title>Second</title></item><item><guid>g2</guid><title>Third</title></item>`,
			[]Entry{{GUID: "g1", Title: "First"}, {GUID: "g2", Title: "Third"}}},
		{"a link doubles as the GUID, so the same link twice is a duplicate",
			`<item><link>/a</link><title>A</title></item><item><link>https://site.example.com/a</link><title>A again</title></item>`,
			[]Entry{{GUID: "https://site.example.com/a", URL: "https://site.example.com/a", Title: "A"}}},
		{"empty items are dropped",
			`<item></item><item><author>x@example.com (X)</author><category>c</category></item><item><title>  </title><description> </description></item>`,
			nil},
		{"an http GUID is the URL of an entry without a link",
			`<item><guid isPermaLink="false">https://site.example.com/p/1</guid><title>T</title></item><item><guid>urn:x:1</guid><title>U</title></item>`,
			[]Entry{{GUID: "https://site.example.com/p/1", URL: "https://site.example.com/p/1", Title: "T"}, {GUID: "urn:x:1", Title: "U"}}},
		{"future dates are clamped, near-future ones kept",
			`<item><guid>a</guid><title>A</title><pubDate>Tue, 10 Mar 2026 12:59:00 GMT</pubDate></item>` +
				`<item><guid>b</guid><title>B</title><pubDate>Tue, 10 Mar 2026 13:01:00 GMT</pubDate></item>`,
			[]Entry{{GUID: "a", Title: "A", Published: at("2026-03-10T12:59:00Z")}, {GUID: "b", Title: "B", Published: now}}},
		{"dates are UTC, unparsable ones zero",
			`<item><guid>a</guid><title>A</title><pubDate>Tue, 03 Mar 2026 10:00:00 +0900</pubDate></item>` +
				`<item><guid>b</guid><title>B</title><pubDate>sometime soon</pubDate></item>`,
			[]Entry{{GUID: "a", Title: "A", Published: at("2026-03-03T01:00:00Z")}, {GUID: "b", Title: "B"}}},
		{"titles are plain text",
			`<item><guid>a</guid><title>  Caf&amp;eacute; &lt;b&gt;news&lt;/b&gt;
			today  </title></item><item><guid>b</guid><title><![CDATA[<script>x()</script>Tom &amp; Jerry]]></title></item>`,
			[]Entry{{GUID: "a", Title: "Café news today"}, {GUID: "b", Title: "Tom & Jerry"}}},
		{"protocol-relative and site-relative links",
			`<item><link>//cdn.example.org/x</link></item><item><link>y?a=1&amp;b=2</link></item>`,
			[]Entry{{GUID: "https://cdn.example.org/x", URL: "https://cdn.example.org/x"}, {GUID: "https://site.example.com/y?a=1&b=2", URL: "https://site.example.com/y?a=1&b=2"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := `<rss version="2.0"><channel><title>T</title><link>https://site.example.com/</link>` + tt.items + `</channel></rss>`
			got, err := Parse([]byte(doc), feedURL, now)
			if err != nil {
				t.Fatal(err)
			}
			compareFeeds(t, got, &Feed{Title: "T", SiteURL: "https://site.example.com/", Entries: tt.want})
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name    string
		data    []byte
		notFeed bool
		want    string
	}{
		{"HTML page", readFixture(t, "html-page.html"), true, "not a feed: the document is an HTML page"},
		{"HTML without doctype", []byte("\n<HTML><head><title>x</title></head></HTML>"), true, "not a feed: the document is an HTML page (<HTML>)"},
		{"XHTML page", []byte(`<?xml version="1.0"?><!-- c --><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x"><html xmlns="http://www.w3.org/1999/xhtml"/>`), true, "HTML page"},
		{"other XML", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>`), true, "not a feed: the XML root element is <svg>, not <rss>, <rdf:RDF> or <feed>"},
		{"OPML", []byte(`<opml version="2.0"><body/></opml>`), true, "root element is <opml>"},
		{"JSON array", []byte(`[{"title":"x"}]`), true, "a JSON array"},
		{"other JSON", []byte(`{"error":"rate limited"}`), true, "a JSON object without a jsonfeed.org version or items"},
		{"broken other JSON", []byte(`{"error":`), true, "JSON without a jsonfeed.org version"},
		{"plain text", []byte("Service Unavailable"), true, `neither XML nor JSON (it starts "Service Unavailable")`},
		{"truncated XML", readFixture(t, "truncated.xml"), false, "malformed feed: XML syntax error on line 11: unexpected EOF"},
		{"unescaped <", []byte("<rss version=\"2.0\">\n<channel>\n<item><title>a < b</title></item>\n</channel></rss>"), false, "malformed feed: XML syntax error on line 3: expected element name after <"},
		{"NUL reference", []byte("<rss version=\"2.0\"><channel><item><title>&#0;</title></item></channel></rss>"), false, "malformed feed: XML syntax error on line 1: illegal character code U+0000"},
		{"truncated JSON Feed", []byte("{\"version\": \"https://jsonfeed.org/version/1.1\",\n\"items\": [{\"id\": \"1\""), false, "malformed feed: JSON syntax error on line 2"},
		{"deep nesting", []byte("<rss><channel><item>" + strings.Repeat("<x:a xmlns:x='u'>", 2000)), false, "malformed feed: elements nested more than 1000 deep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.data, feedURL, now)
			if err == nil {
				t.Fatalf("no error; feed %+v", got)
			}
			if errors.Is(err, ErrNotFeed) != tt.notFeed {
				t.Errorf("errors.Is(%v, ErrNotFeed) = %v", err, !tt.notFeed)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q lacks %q", err, tt.want)
			}
		})
	}
	for _, empty := range []string{"", " \n\t ", "\xef\xbb\xbf\n"} {
		if _, err := Parse([]byte(empty), feedURL, now); !errors.Is(err, ErrEmpty) || err.Error() != "empty feed" {
			t.Errorf("Parse(%q) error %v, want %v", empty, err, ErrEmpty)
		}
	}
}

func TestParseCharsets(t *testing.T) {
	tests := []struct {
		file       string
		title      string // the feed's
		entryTitle string
	}{
		{"windows-1252.xml", "Café “Le Monde”", "Prix: 5 € – crème brûlée"},
		{"iso-8859-1.xml", "Señora Müller", "¿Qué tal? © 2026"},
		{"utf8-bom.xml", "日本のニュース", "Naïve café — 📰"},
		{"utf8-declared-latin1.xml", "Grüße aus Köln", "Straße à la française"},
		{"latin1-declared-utf8.xml", "Déjà vu", "Été – ça va"},
		{"no-declaration.xml", "Здравствуйте", "Ångström → ok"},
		{"utf16le.xml", "Doppelt überall", "Zwölf"},
		{"unknown-charset.xml", "Unknown label", "Café"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, err := Parse(readFixture(t, tt.file), feedURL, now)
			if err != nil {
				t.Fatal(err)
			}
			if got.Title != tt.title || len(got.Entries) != 1 || got.Entries[0].Title != tt.entryTitle || got.Entries[0].Content != tt.entryTitle {
				t.Errorf("got %q %+v, want %q / %q", got.Title, got.Entries, tt.title, tt.entryTitle)
			}
		})
	}
}

func TestParseNoFeedURL(t *testing.T) {
	// Without a feed URL, relative links resolve against the site URL, and
	// stay unresolved (so "") when there is none.
	doc := `<rss version="2.0"><channel><title>T</title><link>/</link>` +
		`<item><title>A</title><link>/a</link></item><item><title>B</title><link>https://b.example/b</link></item></channel></rss>`
	got, err := Parse([]byte(doc), "", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	compareFeeds(t, got, &Feed{Title: "T", Entries: []Entry{
		{GUID: "/a", Title: "A"},
		{GUID: "https://b.example/b", URL: "https://b.example/b", Title: "B"},
	}})
}

// readFixture returns the contents of testdata/name.
func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}
