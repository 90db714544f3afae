package atom

import (
	"encoding/xml"
	"time"
)

// The types below are the XML form of the exported ones.

// xmlFeed is a <feed> element.
type xmlFeed struct {
	XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID        string      `xml:"id"`
	Title     xmlText     `xml:"title"`
	Subtitle  *xmlText    `xml:"subtitle,omitempty"`
	Updated   string      `xml:"updated"`
	Links     []xmlLink   `xml:"link"`
	Authors   []xmlPerson `xml:"author"`
	Generator string      `xml:"generator,omitempty"`
	Entries   []xmlEntry  `xml:"entry"`
}

// xmlEntry is an <entry> element.
type xmlEntry struct {
	ID         string        `xml:"id"`
	Title      xmlText       `xml:"title"`
	Updated    string        `xml:"updated"`
	Published  string        `xml:"published,omitempty"`
	Links      []xmlLink     `xml:"link"`
	Summary    *xmlText      `xml:"summary,omitempty"`
	Authors    []xmlPerson   `xml:"author"`
	Categories []xmlCategory `xml:"category"`
}

// xmlText is a text construct of type "text": plain, escaped text.
type xmlText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

// xmlLink is a <link> element.
type xmlLink struct {
	Href  string `xml:"href,attr"`
	Rel   string `xml:"rel,attr,omitempty"`
	Type  string `xml:"type,attr,omitempty"`
	Title string `xml:"title,attr,omitempty"`
}

// xmlPerson is an <author> element.
type xmlPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

// xmlCategory is a <category> element.
type xmlCategory struct {
	Term string `xml:"term,attr"`
}

// doc converts f to its XML form.
func (f *Feed) doc() xmlFeed {
	updated := f.Updated
	if updated.IsZero() {
		updated = NewestUpdate(f.Entries)
	}
	d := xmlFeed{
		ID: f.ID, Title: text(f.Title), Updated: stamp(updated), Links: links(f.Links),
		Authors: people(f.Authors), Generator: f.Generator, Entries: make([]xmlEntry, len(f.Entries)),
	}
	if f.Subtitle != "" {
		st := text(f.Subtitle)
		d.Subtitle = &st
	}
	for i, e := range f.Entries {
		x := xmlEntry{ID: e.ID, Title: text(e.Title), Updated: stamp(e.Updated), Links: links(e.Links), Authors: people(e.Authors)}
		if !e.Published.IsZero() {
			x.Published = stamp(e.Published)
		}
		if e.Summary != "" {
			sm := text(e.Summary)
			x.Summary = &sm
		}
		for _, c := range e.Categories {
			x.Categories = append(x.Categories, xmlCategory{Term: c})
		}
		d.Entries[i] = x
	}
	return d
}

// text is a plain-text construct.
func text(s string) xmlText { return xmlText{Type: "text", Text: s} }

// stamp formats t as an RFC 3339 time in UTC; the zero time is the Unix
// epoch, since Atom requires a date.
func stamp(t time.Time) string {
	if t.IsZero() {
		t = time.Unix(0, 0)
	}
	return t.UTC().Format(time.RFC3339)
}

// links converts links.
func links(ls []Link) []xmlLink {
	out := make([]xmlLink, len(ls))
	for i, l := range ls {
		out[i] = xmlLink(l)
	}
	return out
}

// people converts persons, leaving out those without a name (which Atom
// requires).
func people(ps []Person) []xmlPerson {
	out := make([]xmlPerson, 0, len(ps))
	for _, p := range ps {
		if p.Name != "" {
			out = append(out, xmlPerson(p))
		}
	}
	return out
}
