// Package feed turns feed documents — RSS 0.9x, 1.0 and 2.0, Atom 0.3 and
// 1.0, JSON Feed 1.0 and 1.1 — into Storyline's own types, and finds the
// feeds an HTML page advertises. It is pure: fetching is another
// package's job, and everything here works on bytes already in memory.
//
// Parsing is done by github.com/mmcdole/gofeed; this package adds what a
// reader needs on top: charset repair, absolute links, stable entry ids,
// plain-text titles, sane dates and errors that say what is wrong.
package feed

import (
	"errors"
	"time"
)

// Feed is a parsed feed.
type Feed struct {
	Title    string        // plain text
	SiteURL  string        // the site's homepage (the feed's <link>), absolute http(s), or ""
	Language string        // as declared, e.g. "en-us", or ""
	TTL      time.Duration // RSS <ttl> (minutes) when present, else 0
	Entries  []Entry       // in document order
}

// Entry is one item of a feed.
type Entry struct {
	// GUID is the entry's id or guid; it falls back to the entry's URL
	// (or its link as written, when that is relative and there is nothing
	// to resolve it against), and for an entry with none of these to a
	// hash of its title and content ("sha256:…"). It is never empty.
	GUID string
	// URL is the entry's link, absolute http(s). Relative links are
	// resolved against the feed URL in Atom feeds (as Atom specifies,
	// after any xml:base), and against the site URL, else the feed URL,
	// in RSS and JSON feeds. Links that are not http(s) do not count.
	// When the entry has no usable link its GUID is used if that is an
	// absolute http(s) URL; otherwise URL is "".
	URL string
	// Title is plain text: tags stripped, entities decoded, white space
	// collapsed. An entry without a title gets the first ~80 characters
	// of its content's text.
	Title  string
	Author string // plain text, or ""
	// Published is when the entry was published, else when it was last
	// updated; zero when the feed says neither. A time more than an hour
	// after Parse's now is clamped to now. Always UTC.
	Published time.Time
	// Updated is when the entry was last updated, or zero; UTC, clamped
	// like Published.
	Updated time.Time
	// Content is HTML: content:encoded, Atom content, JSON Feed
	// content_html (or content_text escaped into <p> paragraphs), else the
	// description or summary.
	Content string
	// Summary is the HTML description or summary when it differs from
	// Content, else "".
	Summary    string
	Categories []string // trimmed, without duplicates
	ImageURL   string   // absolute http(s) URL of the entry's image, or ""
}

// ErrNotFeed is wrapped by the errors Parse returns for data that is not a
// feed at all, such as an HTML page; a caller can then look for feeds in
// the page with Discover.
var ErrNotFeed = errors.New("not a feed")

// ErrEmpty is returned by Parse for data that is empty or only white
// space.
var ErrEmpty = errors.New("empty feed")
