package feed

import (
	"strings"
	"testing"
)

func TestLooksLikeFeed(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want bool
	}{
		{"RSS 0.91", readFixture(t, "rss091.xml"), true},
		{"RSS 1.0", readFixture(t, "rss10.rdf"), true},
		{"RSS 2.0", readFixture(t, "rss20.xml"), true},
		{"Atom 0.3", readFixture(t, "atom03.xml"), true},
		{"Atom 1.0", readFixture(t, "atom10.xml"), true},
		{"JSON Feed 1.0", readFixture(t, "jsonfeed10.json"), true},
		{"JSON Feed 1.1", readFixture(t, "jsonfeed11.json"), true},
		{"UTF-16", readFixture(t, "utf16le.xml"), true},
		{"UTF-8 BOM", readFixture(t, "utf8-bom.xml"), true},
		{"comment and stylesheet first", []byte("<?xml version='1.0'?>\n<!-- generated -->\n<?xml-stylesheet href='s.xsl'?>\n<rss/>"), true},
		{"DOCTYPE with internal subset", []byte(`<!DOCTYPE rss [<!ENTITY nbsp "&#160;">]><rss version="2.0"/>`), true},
		{"root far down", []byte("<!--" + strings.Repeat("x", 10000) + "--><rss/>"), false},
		{"HTML page", readFixture(t, "html-page.html"), false},
		{"HTML without doctype", []byte("<html><body>hi</body></html>"), false},
		{"other XML", []byte("<?xml version='1.0'?><sitemap/>"), false},
		{"JSON without version", []byte(`{"items":[]}`), false},
		{"JSON array", []byte(`[]`), false},
		{"text", []byte("hello"), false},
		{"empty", nil, false},
		{"unterminated comment", []byte("<!-- <rss>"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LooksLikeFeed(tt.data); got != tt.want {
				t.Errorf("LooksLikeFeed = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestNestedDeeperThan(t *testing.T) {
	tests := []struct {
		name  string
		data  string
		limit int
		want  bool
	}{
		{"flat", "<a><b/><c></c></a>", 2, false},
		{"two deep", "<a><b><c/></b></a>", 1, true},
		{"CDATA and comments do not count", "<a><![CDATA[<p><p><p>]]><!-- <x><y> --><?pi <z>?></a>", 1, false},
		{"open tags in escaped HTML do not count", "<a>&lt;p&gt;&lt;p&gt;</a>", 1, false},
		{"siblings", strings.Repeat("<a></a>", 100), 1, false},
		{"nested", strings.Repeat("<a>", 5), 4, true},
		{"unterminated tag", "<a><b", 1, false},
	}
	for _, tt := range tests {
		if got := nestedDeeperThan([]byte(tt.data), tt.limit); got != tt.want {
			t.Errorf("%s: nestedDeeperThan = %v, want %v", tt.name, got, tt.want)
		}
	}
}
