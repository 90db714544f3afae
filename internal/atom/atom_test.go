package atom

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sample is a feed with every field set, and hostile text.
func sample() *Feed {
	at := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	return &Feed{
		ID: "tag:example.com,2026:stories/1", Title: "Dam talks & <more>", Subtitle: "Coverage of one event",
		Links:     []Link{{Href: "https://example.com/stories/1/feed", Rel: "self", Type: MediaType}, {Href: "https://example.com/stories/1"}},
		Generator: "Storyline",
		Entries: []Entry{
			{
				ID: "https://wire.example.com/dam", Title: `<script>alert(1)</script> Dam "talks"`, Updated: at.Add(time.Hour),
				Published: at, Links: []Link{{Href: "https://wire.example.com/dam?a=1&b=2"}},
				Summary: `<img src=x onerror=alert(1)>`, Authors: []Person{{Name: "Example <Wire>", URI: "https://example.com/outlets/Example%20Wire"}},
				Categories: []string{"#DamTalks"},
			},
			{ID: "tag:example.com,2026:articles/2", Title: "Bell\a and NUL\x00 in a title", Updated: at, Authors: []Person{{}}},
		},
	}
}

func TestWriteGolden(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, sample()); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "feed.xml")
	if os.Getenv("ATOM_UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("feed differs from %s:\n%s", golden, b.String())
	}
}

func TestWriteParsesAndEscapes(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, sample()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, live := range []string{"<script", "<img", "<more>", "<Wire>"} {
		if strings.Contains(out, live) {
			t.Errorf("markup %q came out live:\n%s", live, out)
		}
	}
	var parsed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Title   string   `xml:"title"`
		Updated string   `xml:"updated"`
		Entries []struct {
			Title   string `xml:"title"`
			Summary string `xml:"summary"`
			Author  []struct {
				Name string `xml:"name"`
			} `xml:"author"`
			Link struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(b.Bytes(), &parsed); err != nil {
		t.Fatalf("feed does not parse: %v\n%s", err, out)
	}
	if parsed.Title != "Dam talks & <more>" || parsed.Updated != "2026-03-02T09:00:00Z" {
		t.Errorf("feed title %q updated %q", parsed.Title, parsed.Updated)
	}
	if len(parsed.Entries) != 2 {
		t.Fatalf("%d entries", len(parsed.Entries))
	}
	e := parsed.Entries[0]
	if e.Title != `<script>alert(1)</script> Dam "talks"` || e.Summary != `<img src=x onerror=alert(1)>` ||
		e.Link.Href != "https://wire.example.com/dam?a=1&b=2" || len(e.Author) != 1 || e.Author[0].Name != "Example <Wire>" {
		t.Errorf("entry did not round-trip: %+v", e)
	}
	if got := parsed.Entries[1].Title; got != "Bell\uFFFD and NUL\uFFFD in a title" {
		t.Errorf("invalid characters: title %q", got)
	}
	if len(parsed.Entries[1].Author) != 0 {
		t.Errorf("an author without a name was written: %+v", parsed.Entries[1].Author)
	}
}

func TestWriteRequiresIDAndTitle(t *testing.T) {
	tests := []struct {
		name string
		feed Feed
	}{
		{"no feed id", Feed{Title: "t"}},
		{"no feed title", Feed{ID: "x"}},
		{"no entry id", Feed{ID: "x", Title: "t", Entries: []Entry{{Title: "e"}}}},
		{"no entry title", Feed{ID: "x", Title: "t", Entries: []Entry{{ID: "e"}}}},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := Write(&b, &tt.feed); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
		if b.Len() != 0 {
			t.Errorf("%s: wrote %q", tt.name, b.String())
		}
	}
}

func TestEmptyFeed(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, &Feed{ID: "urn:x", Title: "Nothing yet"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "<updated>1970-01-01T00:00:00Z</updated>") {
		t.Errorf("an empty feed needs an updated date:\n%s", b.String())
	}
}

func TestNewestUpdate(t *testing.T) {
	a, c := time.Unix(100, 0), time.Unix(300, 0)
	if got := NewestUpdate([]Entry{{Updated: a}, {Updated: c}, {}}); !got.Equal(c) {
		t.Errorf("NewestUpdate = %v", got)
	}
	if got := NewestUpdate(nil); !got.IsZero() {
		t.Errorf("NewestUpdate(nil) = %v", got)
	}
}
