package opml

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// sample is a subscription list with nested categories, messy white space
// and characters that need escaping.
var sample = []Outline{
	{URL: "https://zeta.example.com/feed", Title: "zeta", Category: "News"},
	{URL: "https://alpha.example.com/rss?x=1&y=2", Title: "Alpha <Daily> & \"Friends\" 'n' more", SiteURL: "https://alpha.example.com/?a=1&b=2", Category: "News"},
	{URL: "https://cells.example.net/atom", Title: "Cell Notes", Category: "Science/Biology"},
	{URL: "https://orbit.example.org/rss.xml", Title: "Orbit Weekly", Category: " Science / "},
	{URL: "https://loose.example.com/feed", Title: "  Loose  "},
	{URL: "https://b.example.com/feed", Title: "Same title", Category: "//"},
	{URL: "https://a.example.com/feed", Title: "Same title"},
	{URL: "https://tabs.example.com/feed", Title: "Tab\there\nnewline", Category: "Arts & <Crafts>/Knitting"},
}

func TestWriteGolden(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, "Marta's <feeds> & more", sample); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "write.golden.opml")
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if want := readFixture(t, "write.golden.opml"); !bytes.Equal(b.Bytes(), want) {
		t.Errorf("Write output differs from %s:\n%s", golden, b.String())
	}
	// Input order does not matter.
	reversed := make([]Outline, len(sample))
	for i, o := range sample {
		reversed[len(sample)-1-i] = o
	}
	var b2 bytes.Buffer
	if err := Write(&b2, "Marta's <feeds> & more", reversed); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), b2.Bytes()) {
		t.Error("output depends on the input order")
	}
}

func TestWriteParseRoundTrip(t *testing.T) {
	tests := []struct {
		name     string
		outlines []Outline
		want     []Outline // in Write's order
	}{
		{"sample", sample, []Outline{
			{URL: "https://tabs.example.com/feed", Title: "Tab\there\nnewline", Category: "Arts & <Crafts>/Knitting"},
			{URL: "https://alpha.example.com/rss?x=1&y=2", Title: "Alpha <Daily> & \"Friends\" 'n' more", SiteURL: "https://alpha.example.com/?a=1&b=2", Category: "News"},
			{URL: "https://zeta.example.com/feed", Title: "zeta", Category: "News"},
			{URL: "https://cells.example.net/atom", Title: "Cell Notes", Category: "Science/Biology"},
			{URL: "https://orbit.example.org/rss.xml", Title: "Orbit Weekly", Category: "Science"},
			{URL: "https://loose.example.com/feed", Title: "Loose"},
			{URL: "https://a.example.com/feed", Title: "Same title"},
			{URL: "https://b.example.com/feed", Title: "Same title"},
		}},
		{"deep nesting", []Outline{
			{URL: "u1", Title: "one", Category: "a/b/c/d"},
			{URL: "u2", Title: "two", Category: "a"},
			{URL: "u3", Title: "three", Category: "a/b"},
		}, []Outline{
			{URL: "u1", Title: "one", Category: "a/b/c/d"},
			{URL: "u3", Title: "three", Category: "a/b"},
			{URL: "u2", Title: "two", Category: "a"},
		}},
		{"untitled and unicode", []Outline{
			{URL: "https://x.example/\u00e9t\u00e9", Category: "Caf\u00e9 \u2615"},
			{URL: "https://y.example/", Title: "\u65e5\u672c\u8a9e"},
		}, []Outline{
			{URL: "https://x.example/\u00e9t\u00e9", Category: "Caf\u00e9 \u2615"},
			{URL: "https://y.example/", Title: "\u65e5\u672c\u8a9e"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Write(&b, "t", tt.outlines); err != nil {
				t.Fatal(err)
			}
			got, err := Parse(b.Bytes())
			if err != nil {
				t.Fatalf("Parse(Write): %v\n%s", err, b.String())
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse(Write)\n got %+v\nwant %+v\n%s", got, tt.want, b.String())
			}
		})
	}
}

// failingWriter fails every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteErrors(t *testing.T) {
	tests := []struct {
		name     string
		w        *bytes.Buffer
		outlines []Outline
		want     string
	}{
		{"no URL", &bytes.Buffer{}, []Outline{{URL: "u"}, {URL: "  ", Title: "Blank"}}, `opml: outline 2 (title "Blank") has no feed URL`},
		{"failing writer", nil, []Outline{{URL: "u"}}, "opml: writing the document: disk full"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.w == nil {
				err = Write(failingWriter{}, "t", tt.outlines)
			} else {
				err = Write(tt.w, "t", tt.outlines)
				if tt.w.Len() != 0 {
					t.Errorf("wrote %q before failing", tt.w.String())
				}
			}
			if err == nil || err.Error() != tt.want {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

func TestWriteEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, "", nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "<body>\n  </body>") {
		t.Errorf("empty list:\n%s", b.String())
	}
	if _, err := Parse(b.Bytes()); err == nil || !strings.Contains(err.Error(), "no feeds") {
		t.Errorf("Parse of an empty list: %v", err)
	}
}
