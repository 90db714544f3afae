package ingest

import (
	"strings"
	"unicode/utf8"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/text"
)

// Field limits: what one article may bring in, so that a hostile page or
// feed (a 9 MB title inside the body limit) cannot make every listing
// that shows the article megabytes long.
const (
	maxTitleRunes = 1000 // an article's title
	maxNameRunes  = 200  // its outlet and its byline
)

// limitFields cuts a's title, outlet and byline to the limits, at a word
// boundary when there is one near the end, with an ellipsis that shows
// the cut wherever the field is shown; and its text and HTML to
// maxBodyBytes each, at a paragraph (cutText, cutHTML), marking a
// Truncated and counting the words of the text that is kept. It runs
// before the content hash is taken, so that the hash, and the analysis,
// are of what is stored.
func limitFields(a *storyline.Article) {
	for _, f := range []struct {
		s   *string
		max int
	}{{&a.Title, maxTitleRunes}, {&a.Source, maxNameRunes}, {&a.Byline, maxNameRunes}} {
		if short, ok := cutRunes(*f.s, f.max); ok {
			*f.s = short
		}
	}
	if short, ok := cutText(a.Text, maxBodyBytes); ok {
		a.Text, a.Truncated = short, true
		a.WordCount = text.CountWords(short)
	}
	if short, ok := cutHTML(a.HTML, maxBodyBytes); ok {
		a.HTML, a.Truncated = short, true
	}
}

// cutRunes returns s cut to at most max runes, the ellipsis included,
// at the last space in its final fifth when there is one; ok is false
// when s is within the limit.
func cutRunes(s string, max int) (string, bool) {
	if utf8.RuneCountInString(s) <= max {
		return s, false
	}
	n, end := 0, len(s)
	for i := range s {
		if n == max-1 {
			end = i
			break
		}
		n++
	}
	head := s[:end]
	if sp := strings.LastIndexByte(head, ' '); sp > len(head)*4/5 {
		head = head[:sp]
	}
	return strings.TrimRight(head, " ") + "…", true
}
