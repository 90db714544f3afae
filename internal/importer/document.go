// Package importer decodes the files a person imports — HTML pages (also
// gzipped), plain text and Markdown, JSON and JSON Lines article dumps,
// feeds (RSS, Atom, RDF and JSON Feed), and OPML subscription lists — into
// documents and feed references. It reads
// files but stores nothing: internal/ingest extracts and stores what it
// decodes.
package importer

import (
	"errors"
	"fmt"
	"time"
)

// Document is one article as found in an input file, before extraction.
// At most one of HTML, Content and Text is set; a feed entry that has
// only a title has none of them.
type Document struct {
	// Origin is the file the document came from, with ":LINE" for JSON
	// Lines and ": item N" or ": entry N" for the articles of a JSON file
	// or the entries of a feed.
	Origin string

	URL         string
	Title       string
	HTML        []byte // a raw page to extract; any charset
	ContentType string // charset hint for HTML, e.g. from a JSON "content_type", or ""
	Content     string // an HTML fragment that is already the article, e.g. a feed entry's content; cleaned, not extracted
	Text        string // plain text, paragraphs separated by blank lines
	Published   time.Time
	Source      string // outlet
	Author      string
	Language    string // the BCP 47 tag the record declares, or ""
	ImageURL    string // the lead image the record names, or ""
}

// FeedRef is a feed subscription read from an OPML file.
type FeedRef struct {
	Origin   string
	URL      string
	Title    string
	SiteURL  string
	Category string
}

// Item is one thing decoded from a file: a document, a feed reference, or
// the error that kept one item (a line of a JSON Lines file, say) from
// being decoded. Decoding goes on after an item error.
type Item struct {
	Doc  *Document
	Feed *FeedRef
	Err  error
}

// Errors for inputs that cannot be imported. They are wrapped in an
// *InputError naming the file (and line).
var (
	ErrEmpty       = errors.New("empty file")
	ErrBinary      = errors.New("binary data, not text")
	ErrTooLarge    = errors.New("file too large")
	ErrEncoding    = errors.New("text is not valid UTF-8")
	ErrUnsupported = errors.New("unsupported file type")
)

// InputError is a problem with one input: the file (and line) and why.
type InputError struct {
	Origin string // file path, with ":LINE" where it applies
	Err    error
}

// Error implements the error interface.
func (e *InputError) Error() string { return fmt.Sprintf("%s: %v", e.Origin, e.Err) }

// Unwrap returns the reason.
func (e *InputError) Unwrap() error { return e.Err }

// inputErr returns an *InputError for origin with a formatted reason.
func inputErr(origin string, err error) error {
	return &InputError{Origin: origin, Err: err}
}
