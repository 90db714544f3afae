package opml

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		file string
		want []Outline
	}{
		{"nested.opml", []Outline{
			{URL: "https://orbit.example.org/rss.xml", Title: "Orbit Weekly", SiteURL: "https://orbit.example.org/", Category: "Science"},
			{URL: "https://cells.example.net/atom", Title: "Cell Notes", Category: "Science/Biology"},
			{URL: "https://tidepool.example.com/feed", Title: "Tide Pool Diary", Category: "Science/Biology/Marine"},
			{URL: "https://nameless.example.com/feed", Title: "Nameless folder child", Category: "Own Category"},
			{URL: "https://baker.example.com/index.xml", Title: "Local Baker", Category: "Food/Bread"},
			{URL: "https://plain.example.com/rss", Title: "No category"},
		}},
		{"windows-1252.opml", []Outline{
			{URL: "https://cafe.example.fr/rss", Title: "Le Caf\u00e9 \u201cMatin\u201d", Category: "Actualit\u00e9s"},
		}},
		{"flat.opml", []Outline{
			{URL: "https://first.example.com/feed?a=1&b=2", Title: "First & Best"},
			{URL: "https://second.example.com/feed", Title: "Second", SiteURL: "https://second.example.com/"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, err := Parse(readFixture(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"rss", readFixture(t, "not-opml.xml"), "not an OPML document (no <opml> root element)"},
		{"truncated", readFixture(t, "truncated.opml"), "invalid OPML: XML syntax error on line 5: unexpected EOF"},
		{"no feeds", readFixture(t, "empty.opml"), "no feeds in the OPML (no outline with an xmlUrl)"},
		{"empty", nil, "invalid OPML: EOF"},
		{"mismatched tags", []byte("<opml>\n<body>\n<outline xmlUrl='a'></body></opml>"), "invalid OPML: XML syntax error on line 3: element <outline> closed by </body>"},
		{"unknown charset", []byte(`<?xml version="1.0" encoding="x-klingon"?><opml/>`), "invalid OPML:"},
		{"binary", []byte("\x00\x01\x02"), "invalid OPML: XML syntax error on line 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.data)
			if err == nil {
				t.Fatalf("no error; outlines %+v", got)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error %q, want %q", err, tt.want)
			}
		})
	}
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
