package opml

import (
	"bytes"
	"cmp"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzParse(f *testing.F) {
	for _, name := range []string{"nested.opml", "windows-1252.opml", "flat.opml", "not-opml.xml", "truncated.opml", "empty.opml", "write.golden.opml"} {
		f.Add(readFixture(f, name))
	}
	f.Add([]byte(`<opml><body><outline><outline><outline xmlUrl="u"/></outline></outline></body></opml>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		feeds, err := Parse(data)
		if err == nil && len(feeds) == 0 {
			t.Fatal("no error and no feeds")
		}
		for _, fd := range feeds {
			if fd.URL == "" {
				t.Fatal("feed without URL")
			}
		}
	})
}

// FuzzWriteParse checks that Parse reads back what Write writes, for two
// outlines built from the fuzzed strings.
func FuzzWriteParse(f *testing.F) {
	f.Add("https://a.example/feed", "A <b> & \"c\" 'd'", "https://a.example/", "x/y", "https://b.example/", "B", "x")
	f.Add("u", "", "", "", "v", "\t", " / a //b ")
	f.Fuzz(func(t *testing.T, url1, title1, site1, cat1, url2, title2, cat2 string) {
		in := []Outline{
			{URL: url1, Title: title1, SiteURL: site1, Category: cat1},
			{URL: url2, Title: title2, Category: cat2},
		}
		for _, s := range []string{url1, title1, site1, cat1, url2, title2, cat2} {
			if !xmlSafe(s) {
				return // Write replaces such characters; no round trip
			}
		}
		var b bytes.Buffer
		if err := Write(&b, title1, in); err != nil {
			if strings.TrimSpace(url1) == "" || strings.TrimSpace(url2) == "" {
				return
			}
			t.Fatal(err)
		}
		got, err := Parse(b.Bytes())
		if err != nil {
			t.Fatalf("Parse(Write): %v\n%s", err, b.String())
		}
		want := make([]Outline, len(in))
		for i, o := range in {
			want[i] = Outline{
				URL:      strings.TrimSpace(o.URL),
				Title:    strings.TrimSpace(o.Title),
				SiteURL:  strings.TrimSpace(o.SiteURL),
				Category: strings.Join(categoryPath(o.Category), "/"),
			}
		}
		order := func(a, b Outline) int {
			return cmp.Or(cmp.Compare(a.Category, b.Category), cmp.Compare(a.Title, b.Title), cmp.Compare(a.URL, b.URL), cmp.Compare(a.SiteURL, b.SiteURL))
		}
		slices.SortFunc(got, order)
		slices.SortFunc(want, order)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("Parse(Write)\n got %q\nwant %q\n%s", got, want, b.String())
		}
	})
}

// xmlSafe reports whether s is valid UTF-8 made only of characters XML
// 1.0 allows.
func xmlSafe(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		ok := r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
		if !ok {
			return false
		}
	}
	return true
}
