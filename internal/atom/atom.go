// Package atom writes Atom 1.0 feeds (RFC 4287). It is pure: the caller
// builds a Feed and Write encodes it. All text is written as escaped XML
// text, so titles and summaries can hold any characters without becoming
// markup.
package atom

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"time"
)

// ContentType is the media type of an Atom feed.
const ContentType = "application/atom+xml; charset=utf-8"

// MediaType is the type of a link to an Atom feed.
const MediaType = "application/atom+xml"

// Namespace is Atom's XML namespace.
const Namespace = "http://www.w3.org/2005/Atom"

// Feed is an Atom feed.
type Feed struct {
	ID       string // a permanent, unique IRI (a tag: URI or the feed's URL)
	Title    string
	Subtitle string
	// Updated is the last time the feed changed; zero means the newest
	// entry's Updated (or, with no entries, the Unix epoch).
	Updated time.Time
	Links   []Link // include a rel="self" link to the feed itself
	Authors []Person
	// Generator names the program that wrote the feed, or "".
	Generator string
	Entries   []Entry
}

// Entry is one item of a feed.
type Entry struct {
	ID        string // a permanent, unique IRI
	Title     string
	Updated   time.Time
	Published time.Time // zero: left out
	Links     []Link
	Summary   string // plain text; "" leaves it out
	Authors   []Person
	// Categories are terms the entry is filed under (e.g. hashtags).
	Categories []string
}

// Link is a reference from a feed or an entry to a web resource.
type Link struct {
	Href  string
	Rel   string // "" is "alternate"
	Type  string
	Title string
}

// Person is an author.
type Person struct {
	Name string
	URI  string
}

// Write encodes f as an Atom document to w. A feed or entry without an ID
// or title is an error, as Atom requires them.
func Write(w io.Writer, f *Feed) error {
	if err := f.check(); err != nil {
		return err
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("atom: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(f.doc()); err != nil {
		return fmt.Errorf("atom: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("atom: %w", err)
	}
	return nil
}

// check reports what Atom requires that f lacks.
func (f *Feed) check() error {
	if f.ID == "" || f.Title == "" {
		return errors.New("atom: a feed needs an id and a title")
	}
	for i, e := range f.Entries {
		if e.ID == "" || e.Title == "" {
			return fmt.Errorf("atom: entry %d needs an id and a title", i)
		}
	}
	return nil
}

// NewestUpdate is the latest Updated time of entries, or the zero time.
func NewestUpdate(entries []Entry) time.Time {
	var t time.Time
	for _, e := range entries {
		if e.Updated.After(t) {
			t = e.Updated
		}
	}
	return t
}
