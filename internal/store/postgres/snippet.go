package postgres

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// headlineOptions are ts_headline's options for snippets: one passage of
// up to 24 words (as the SQLite store's) around the matches, counting
// every word (ShortWord=0), or the first 20 words of a body without
// matches (an article found by its title). The matches are marked with
// control characters that searchPage takes out of the text first, so they
// cannot be confused with the text's own.
const headlineOptions = "MaxFragments=1, MaxWords=24, MinWords=20, ShortWord=0, StartSel=\x01, StopSel=\x02"

// edgeChars is how many characters of each end of the body a snippet
// looks at to tell whether its passage starts at the beginning of the text
// and ends at its end.
const edgeChars = 16

// headline is a ts_headline passage and where it lies in the text.
type headline struct {
	text        string // the passage, matches between \x01 and \x02
	pos         int    // its first character's position in the text, from 1; 0 when not found
	n, total    int    // its length and the text's, in characters
	first, last string // the text's first and last edgeChars characters
}

// newHeadline places passage, ts_headline's passage of text with its
// matches marked, in text: both are compared without the marks, as
// searchPage gives ts_headline the text without them.
func newHeadline(passage, text string) headline {
	body, plain := stripMarks(text), stripMarks(passage)
	h := headline{text: passage, n: utf8.RuneCountInString(plain), total: utf8.RuneCountInString(body)}
	if i := strings.Index(body, plain); i >= 0 {
		h.pos = utf8.RuneCountInString(body[:i]) + 1
	}
	runes := []rune(body)
	h.first = string(runes[:min(edgeChars, len(runes))])
	h.last = string(runes[max(0, len(runes)-edgeChars):])
	return h
}

// stripMarks returns s without the \x01 and \x02 that mark matches.
func stripMarks(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\x01' || r == '\x02' {
			return -1
		}
		return r
	}, s)
}

// snippet splits the passage into a Snippet: matches and the text between
// them, white space collapsed. A passage that starts after the text's
// first word begins with "…", one that ends before its last word ends with
// "…"; otherwise the passage is completed by what precedes or follows it
// in the text (punctuation), as the SQLite store's snippets are.
func (h headline) snippet() storyline.Snippet {
	if strings.TrimSpace(h.text) == "" {
		return nil
	}
	var b storeutil.SnippetBuilder
	add := b.Add
	var head, tail string
	cutBefore, cutAfter := false, false
	if h.pos > 0 {
		head, cutBefore = textEdge(h.first, h.pos-1, true)
		tail, cutAfter = textEdge(h.last, h.total-(h.pos-1)-h.n, false)
	}
	if cutBefore {
		add(storeutil.Ellipsis, false)
	}
	add(storeutil.CollapseSpace(head), false)
	rest := h.text
	for rest != "" {
		i := strings.IndexByte(rest, '\x01')
		if i < 0 {
			add(storeutil.CollapseSpace(rest), false)
			break
		}
		add(storeutil.CollapseSpace(rest[:i]), false)
		rest = rest[i+1:]
		j := strings.IndexByte(rest, '\x02')
		if j < 0 {
			j = len(rest)
		}
		add(rest[:j], true)
		rest = rest[min(j+1, len(rest)):]
	}
	add(storeutil.CollapseSpace(tail), false)
	if cutAfter {
		add(storeutil.Ellipsis, false)
	}
	return b.Snippet()
}

// textEdge looks at the n characters of the text before (start) or after
// a passage, given the text's first or last edgeChars characters. It
// returns them when they hold no word (letters or digits), or cut when
// they do (or are too many to tell).
func textEdge(edge string, n int, start bool) (text string, cut bool) {
	if n <= 0 {
		return "", false
	}
	runes := []rune(edge)
	if n > edgeChars || n > len(runes) {
		return "", true
	}
	if start {
		runes = runes[:n]
	} else {
		runes = runes[len(runes)-n:]
	}
	for _, r := range runes {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return "", true
		}
	}
	return string(runes), false
}
