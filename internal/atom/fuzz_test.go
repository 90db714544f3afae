package atom

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzWrite checks that any text makes a well-formed feed whose title
// reads back as written (for text XML can carry).
func FuzzWrite(f *testing.F) {
	f.Add("Dam talks", "Talks resume.", "https://example.com/a?x=1&y=2")
	f.Add("<script>alert(1)</script>", "]]> & <b>", "javascript:alert(1)")
	f.Add("\x00\x0b\ufffe", "\r\n", "")
	f.Fuzz(func(t *testing.T, title, summary, href string) {
		feed := &Feed{ID: "tag:example.com,2026:feed", Title: title, Links: []Link{{Href: href, Rel: "self"}},
			Entries: []Entry{{ID: "tag:example.com,2026:1", Title: title, Summary: summary, Updated: time.Unix(0, 0), Links: []Link{{Href: href}}}}}
		var buf bytes.Buffer
		err := Write(&buf, feed)
		if title == "" {
			if err == nil {
				t.Fatal("a feed without a title was written")
			}
			return
		}
		if err != nil {
			t.Fatalf("Write: %v", err)
		}
		var doc struct {
			Title   string `xml:"title"`
			Entries []struct {
				Summary string `xml:"summary"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
			t.Fatalf("the feed does not parse: %v\n%s", err, buf.Bytes())
		}
		if plainXMLText(title) && doc.Title != title {
			t.Errorf("title %q reads back as %q", title, doc.Title)
		}
		if len(doc.Entries) != 1 {
			t.Errorf("%d entries read back", len(doc.Entries))
		}
	})
}

// plainXMLText reports whether s is valid UTF-8 made only of characters
// XML keeps as they are (no control characters, no carriage returns, which
// parsers turn into newlines).
func plainXMLText(s string) bool {
	if !utf8.ValidString(s) || strings.ContainsRune(s, '\r') {
		return false
	}
	for _, r := range s {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0xFFFE || r == 0xFFFF || r >= 0xD800 && r < 0xE000 {
			return false
		}
	}
	return true
}
