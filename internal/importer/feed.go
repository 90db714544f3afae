package importer

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/storyline/storyline/internal/feed"
)

// decodeFeed emits the entries of an RSS, Atom or RDF file (.rss, .atom,
// .xml).
func (d Decoder) decodeFeed(path string, emit func(Item)) error {
	data, err := readFile(path, d.maxBytes())
	if err != nil {
		return err
	}
	if feedLooksBinary(data) {
		return ErrBinary
	}
	err = emitFeed(path, data, emit)
	if errors.Is(err, feed.ErrNotFeed) && hasExt(path, ".xml") {
		return fmt.Errorf("%w (an .xml file must be RSS, Atom or RDF)", feed.ErrNotFeed)
	}
	return err
}

// emitFeed parses data as a feed and emits one document per entry. An
// entry with neither a title nor any text (feed.Parse titles untitled
// entries from their content) is skipped; a feed that yields no document
// is an error.
func emitFeed(path string, data []byte, emit func(Item)) error {
	f, err := parseFeed(data)
	if err != nil {
		return err
	}
	n := 0
	for i, e := range f.Entries {
		if e.Title == "" {
			continue
		}
		n++
		emit(Item{Doc: &Document{
			Origin:    fmt.Sprintf("%s: entry %d", path, i+1),
			URL:       e.URL,
			Title:     e.Title,
			Content:   cmp.Or(e.Content, e.Summary),
			Published: e.Published,
			Source:    f.Title,
			Author:    e.Author,
		}})
	}
	switch {
	case n > 0:
		return nil
	case len(f.Entries) == 0:
		return errors.New("the feed has no entries")
	default:
		return errors.New("no entry in the feed has a title or text")
	}
}

// parseFeed parses a feed read from a file. A file has no address to
// resolve relative links against, so the feed's own link (its site) is
// used instead: RSS and JSON Feed entries resolve against it already;
// relative Atom entry links need a second parse with it as the base.
func parseFeed(data []byte) (*feed.Feed, error) {
	now := time.Now()
	f, err := feed.Parse(data, "", now)
	if errors.Is(err, feed.ErrEmpty) {
		return nil, ErrEmpty
	}
	if err != nil {
		return nil, err
	}
	if f.SiteURL == "" {
		return f, nil
	}
	for _, e := range f.Entries {
		if e.URL == "" {
			if again, err := feed.Parse(data, f.SiteURL, now); err == nil {
				return again, nil
			}
			break
		}
	}
	return f, nil
}

// isJSONFeedVersion reports whether v, the top-level "version" of a JSON
// object, makes it a JSON Feed: a jsonfeed.org version URL (https, or
// http as some early feeds wrote it).
func isJSONFeedVersion(v string) bool {
	return strings.HasPrefix(v, "https://jsonfeed.org/version/") || strings.HasPrefix(v, "http://jsonfeed.org/version/")
}

// looksLikeJSONFeed reports whether data is a JSON object whose top-level
// "version" is a jsonfeed.org URL. It first sniffs the opening bytes, so
// that article dumps cost next to nothing, then reads the top-level
// members only up to "version".
func looksLikeJSONFeed(data []byte) bool {
	if !feed.LooksLikeFeed(data) {
		return false
	}
	if hasUTF16BOM(data) {
		text, err := utf8Text(data)
		if err != nil {
			return false
		}
		data = []byte(text)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return false
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		if key, _ := tok.(string); key == "version" {
			var v string
			return dec.Decode(&v) == nil && isJSONFeedVersion(v)
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return false
		}
	}
	return false
}

// hasExt reports whether path, without a ".gz" suffix, ends in ext.
func hasExt(path, ext string) bool {
	name := strings.TrimSuffix(strings.ToLower(path), ".gz")
	return strings.HasSuffix(name, ext)
}
