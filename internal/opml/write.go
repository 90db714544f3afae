package opml

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"
)

// folder is one level of the category tree Write builds.
type folder struct {
	name    string
	folders map[string]*folder
	feeds   []Outline
}

// child returns the sub-folder called name, creating it.
func (f *folder) child(name string) *folder {
	if f.folders == nil {
		f.folders = make(map[string]*folder)
	}
	c, ok := f.folders[name]
	if !ok {
		c = &folder{name: name}
		f.folders[name] = c
	}
	return c
}

// Write writes an OPML 2.0 document titled title that lists outlines,
// grouped into folders by Category: a category "a/b" is folder b inside
// folder a, and feeds without a category sit at the top level. At every
// level the folders come first, ordered by name, then the feeds, ordered
// by title and then URL, so equal input gives byte-equal output.
//
// Values are written with surrounding white space trimmed, and empty
// segments of a category ("a//b", "/a") are dropped, which is how Parse
// reads them back; Parse(Write(x)) returns x's outlines in Write's order.
// Invalid UTF-8 and characters XML cannot hold are written as U+FFFD, so
// those alone do not come back. An outline without a URL is an error, as
// is a failing w; nothing is written then.
func Write(w io.Writer, title string, outlines []Outline) error {
	var root folder
	for i, o := range outlines {
		o = Outline{
			URL:     strings.TrimSpace(o.URL),
			Title:   strings.TrimSpace(o.Title),
			SiteURL: strings.TrimSpace(o.SiteURL),
		}
		if o.URL == "" {
			return fmt.Errorf("opml: outline %d (title %q) has no feed URL", i+1, o.Title)
		}
		f := &root
		for _, seg := range categoryPath(outlines[i].Category) {
			f = f.child(seg)
			if o.Category == "" {
				o.Category = seg
			} else {
				o.Category += "/" + seg
			}
		}
		f.feeds = append(f.feeds, o)
	}

	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString("<opml version=\"2.0\">\n  <head>\n    <title>")
	escape(&b, strings.TrimSpace(title))
	b.WriteString("</title>\n  </head>\n  <body>\n")
	writeFolder(&b, &root, 2)
	b.WriteString("  </body>\n</opml>\n")
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("opml: writing the document: %w", err)
	}
	return nil
}

// categoryPath splits a category into its folder names, trimmed, without
// empty ones.
func categoryPath(category string) []string {
	var path []string
	for seg := range strings.SplitSeq(category, "/") {
		if seg = strings.TrimSpace(seg); seg != "" {
			path = append(path, seg)
		}
	}
	return path
}

// writeFolder writes the contents of f (its sub-folders, then its feeds)
// indented by depth levels.
func writeFolder(b *bytes.Buffer, f *folder, depth int) {
	indent := strings.Repeat("  ", depth)
	subs := make([]*folder, 0, len(f.folders))
	for _, sub := range f.folders {
		subs = append(subs, sub)
	}
	slices.SortFunc(subs, func(x, y *folder) int { return compareNames(x.name, y.name) })
	for _, sub := range subs {
		b.WriteString(indent + `<outline text="`)
		escape(b, sub.name)
		b.WriteString(`" title="`)
		escape(b, sub.name)
		b.WriteString("\">\n")
		writeFolder(b, sub, depth+1)
		b.WriteString(indent + "</outline>\n")
	}
	slices.SortFunc(f.feeds, func(x, y Outline) int {
		return cmp.Or(compareNames(x.Title, y.Title), cmp.Compare(x.URL, y.URL), cmp.Compare(x.SiteURL, y.SiteURL))
	})
	for _, o := range f.feeds {
		b.WriteString(indent + `<outline type="rss" text="`)
		escape(b, o.Title)
		b.WriteString(`" title="`)
		escape(b, o.Title)
		b.WriteString(`" xmlUrl="`)
		escape(b, o.URL)
		if o.SiteURL != "" {
			b.WriteString(`" htmlUrl="`)
			escape(b, o.SiteURL)
		}
		b.WriteString("\"/>\n")
	}
}

// compareNames orders names case-insensitively, ties broken by the exact
// bytes so that the order is total.
func compareNames(a, b string) int {
	return cmp.Or(cmp.Compare(strings.ToLower(a), strings.ToLower(b)), cmp.Compare(a, b))
}

// escape writes s XML-escaped, fit for text and for attribute values.
// Characters XML cannot hold become U+FFFD.
func escape(b *bytes.Buffer, s string) {
	_ = xml.EscapeText(b, []byte(s)) // a bytes.Buffer does not fail
}
