package feed

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	jsonfeed "github.com/mmcdole/gofeed/json"
	"github.com/mmcdole/gofeed/rss"
)

// maxDepth bounds element nesting in XML feeds. Real feeds nest a dozen
// levels; the bound keeps the parser's recursion far from the stack
// limit on hostile input.
const maxDepth = 1000

// source is a parsed feed: gofeed's universal form and the format's own,
// which holds what the universal form drops (RSS <ttl>, the type of Atom
// content, JSON Feed content_text).
type source struct {
	feed *gofeed.Feed
	rss  *rss.Feed
	atom *atom.Feed
	json *jsonfeed.Feed
}

// Parse parses a feed document fetched from feedURL, which is used to
// resolve relative links; now is the time dates in the future are
// clamped to (zero: no clamping). The format (RSS, Atom or JSON Feed) is
// detected from the data.
//
// XML feeds may be in any charset their declaration names; a feed
// starting with a UTF-16 byte-order mark is read as UTF-16. Feeds read as
// UTF-8 (declared so, or undeclared) have the bytes that are not valid
// UTF-8 read as Windows-1252, so that a Latin-1 feed declaring UTF-8
// comes out right instead of failing. A feed declaring ISO-8859-1 whose
// bytes are valid non-ASCII UTF-8, and one declaring a charset nobody
// knows, are read as UTF-8.
//
// Errors: ErrEmpty for empty data; an error wrapping ErrNotFeed when data
// is not a feed at all — notably an HTML page, so that the caller can try
// Discover; otherwise a "malformed feed: …" error naming the problem,
// with the line for XML and JSON syntax errors. A truncated document is
// an error even when some entries came before the cut. Parse never
// panics.
//
// Entries keep document order. An entry whose GUID repeats an earlier
// one's is dropped, as is one with no usable URL, no content and no
// title; an entry without a link is kept with URL "".
func Parse(data []byte, feedURL string, now time.Time) (*Feed, error) {
	data = utf16ToUTF8(data)
	f, err := classify(data)
	if err != nil {
		return nil, err
	}
	src, err := decode(f, data)
	if err != nil {
		return nil, err
	}
	return convert(src, feedURL, now), nil
}

// classify returns the format of data (already UTF-8 if it was UTF-16),
// or the error Parse gives for data that is empty or not a feed.
func classify(data []byte) (format, error) {
	f, root := sniff(data)
	switch f {
	case formatEmpty:
		return f, ErrEmpty
	case formatHTML:
		return f, fmt.Errorf("%w: the document is an HTML page (<%s>)", ErrNotFeed, root)
	case formatOtherXML:
		return f, fmt.Errorf("%w: the XML root element is <%s>, not <rss>, <rdf:RDF> or <feed>", ErrNotFeed, root)
	case formatOtherJSON:
		return f, fmt.Errorf("%w: the document is a JSON array, not a JSON Feed object", ErrNotFeed)
	case formatUnknown:
		return f, fmt.Errorf("%w: the document is neither XML nor JSON (it starts %q)", ErrNotFeed, opening(data))
	}
	return f, nil
}

// decode parses data of format f with gofeed. A panic in gofeed becomes
// an error.
func decode(f format, data []byte) (src *source, err error) {
	defer func() {
		if r := recover(); r != nil {
			src, err = nil, fmt.Errorf("malformed feed: the feed parser failed: %v", r)
		}
	}()
	if f == formatJSON {
		if !utf8.Valid(data) {
			data = repairUTF8(data)
		}
		return decodeJSON(data, jsonFeedVersion.Match(data))
	}
	data = prepareXML(data)
	if nestedDeeperThan(data, maxDepth) {
		return nil, fmt.Errorf("malformed feed: elements nested more than %d deep", maxDepth)
	}
	src = &source{}
	if f == formatAtom {
		src.atom, err = (&atom.Parser{}).Parse(bytes.NewReader(data))
		if err == nil {
			src.feed, err = (&gofeed.DefaultAtomTranslator{}).Translate(src.atom)
		}
	} else {
		src.rss, err = (&rss.Parser{}).Parse(bytes.NewReader(data))
		if err == nil {
			src.feed, err = (&gofeed.DefaultRSSTranslator{}).Translate(src.rss)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("malformed feed: %w", err)
	}
	return src, nil
}

// decodeJSON parses a JSON Feed, valid UTF-8; declared says whether the
// document declares a jsonfeed.org version. A JSON object that neither
// declares one nor has items is not a feed.
func decodeJSON(data []byte, declared bool) (*source, error) {
	jf, err := (&jsonfeed.Parser{}).Parse(bytes.NewReader(data))
	if err != nil {
		if !declared {
			return nil, fmt.Errorf("%w: JSON without a jsonfeed.org version, and %v", ErrNotFeed, jsonError(data, err))
		}
		return nil, fmt.Errorf("malformed feed: %w", jsonError(data, err))
	}
	if !declared && len(jf.Items) == 0 {
		return nil, fmt.Errorf("%w: a JSON object without a jsonfeed.org version or items", ErrNotFeed)
	}
	gf, err := (&gofeed.DefaultJSONTranslator{}).Translate(jf)
	if err != nil {
		return nil, fmt.Errorf("malformed feed: %w", err)
	}
	return &source{feed: gf, json: jf}, nil
}

// jsonError describes a JSON decoding error, with the line for syntax
// errors.
func jsonError(data []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line := 1 + bytes.Count(data[:min(max(se.Offset, 0), int64(len(data)))], []byte("\n"))
		return fmt.Errorf("JSON syntax error on line %d: %w", line, err)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Errorf("JSON member %q has the wrong type: %w", te.Field, err)
	}
	return fmt.Errorf("invalid JSON: %w", err)
}

// opening returns the first few characters of data, for error messages.
func opening(data []byte) string {
	const n = 24
	if len(data) <= n {
		return string(data)
	}
	cut := n
	for cut > n-utf8.UTFMax && !utf8.RuneStart(data[cut]) {
		cut--
	}
	return string(data[:cut]) + "…"
}
