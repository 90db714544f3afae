package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// maxBodyBytes is the most an article's text, and its HTML, may each
// bring in: a page or feed entry with more is stored cut.
const maxBodyBytes = 2 << 20

// ellipsis ends a body cut inside a sentence.
const ellipsis = "…"

// cutText returns the plain text s cut to at most max bytes, or s and
// false when it is within the limit. The cut falls at the last paragraph
// break (a blank line, else a line break) in the second half of the
// limit; failing that, at the end of a sentence there; failing that, at
// a space, or anywhere between two runes, with an ellipsis.
func cutText(s string, max int) (string, bool) {
	if len(s) <= max {
		return s, false
	}
	floor := max / 2
	head := s[:runeFloor(s, max)]
	for _, br := range []string{"\n\n", "\n"} {
		if i := strings.LastIndex(head, br); i >= floor {
			return strings.TrimRightFunc(head[:i], unicode.IsSpace), true
		}
	}
	if i := sentenceEnd(head, floor); i >= 0 {
		return head[:i], true
	}
	head = s[:runeFloor(s, max-len(ellipsis))]
	if i := lastSpace(head, floor); i >= 0 {
		head = head[:i]
	}
	return strings.TrimRightFunc(head, unicode.IsSpace) + ellipsis, true
}

// cutKind is where a cut of HTML falls, best first.
type cutKind int

const (
	cutBlock    cutKind = iota // after a block element: a paragraph, list item, quote, heading…
	cutSentence                // after a sentence's full stop, inside a block
	cutWord                    // at a space, with an ellipsis
	cutAny                     // after any token, or between two runes of a text, with an ellipsis
	cutKinds
)

// htmlCut is a place HTML can be cut: s[:end], the ellipsis if any, then
// the end tags of the elements still open there.
type htmlCut struct {
	end      int
	ellipsis bool
	open     *openElement
	ok       bool
}

// openElement is an element open at some point of the HTML, in a stack
// that later tags do not change, so that a cut can keep its place in it.
type openElement struct {
	tag    string
	parent *openElement // the element it is in, or nil
	// closeLen is the length of the end tags of this element and those
	// it is in.
	closeLen int
}

// closing returns the end tags of e and the elements it is in.
func (e *openElement) closing() string {
	var b strings.Builder
	for ; e != nil; e = e.parent {
		b.WriteString("</" + e.tag + ">")
	}
	return b.String()
}

// cutHTML returns the HTML s cut to at most max bytes, or s and false
// when it is within the limit. It cuts after the last block element that
// ends in the second half of the limit; failing that, at the end of a
// sentence there; failing that, at a space, and as a last resort after
// any whole tag or between two runes of a text (never inside a tag, an
// entity or a UTF-8 sequence). The elements still open at the cut are
// closed, so the result is as well-formed as s was. HTML so malformed
// that nothing of it fits gives "".
func cutHTML(s string, max int) (string, bool) {
	if len(s) <= max {
		return s, false
	}
	var (
		cuts [cutKinds]htmlCut
		open *openElement // the innermost element open
	)
	closeLen := func() int {
		if open == nil {
			return 0
		}
		return open.closeLen
	}
	offer := func(k cutKind, end int, withEllipsis bool) {
		need := end + closeLen()
		if withEllipsis {
			need += len(ellipsis)
		}
		if need <= max {
			cuts[k] = htmlCut{end: end, ellipsis: withEllipsis, open: open, ok: true}
		}
	}
	z := html.NewTokenizer(strings.NewReader(s))
	for off := 0; off < max; {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		start := off
		off += len(z.Raw())
		switch tt {
		case html.TextToken:
			offerTextCuts(s[start:off], start, max-closeLen(), offer)
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			if !voidElements[string(name)] && tt == html.StartTagToken {
				tag := string(name)
				open = &openElement{tag: tag, parent: open, closeLen: closeLen() + len(tag) + len("</>")}
				continue // a cut right after a start tag leaves an empty element
			}
			if string(name) == "hr" {
				offer(cutBlock, off, false)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			for e := open; e != nil; e = e.parent {
				if e.tag == string(name) {
					open = e.parent
					break
				}
			}
			if blockElements[string(name)] {
				offer(cutBlock, off, false)
			}
		}
		offer(cutAny, off, false)
	}
	c := bestCut(cuts, max/2)
	if !c.ok {
		return "", true
	}
	head := s[:c.end]
	if c.ellipsis {
		head = strings.TrimRight(head, " \t\r\n") + ellipsis
	}
	return head + c.open.closing(), true
}

// offerTextCuts offers the cuts inside raw, the raw text of a text token
// starting at start in the HTML, that end by limit (the limit less the
// end tags a cut there needs): after its last sentence, at its last space
// and, when the text runs past the limit, at the last rune that fits.
func offerTextCuts(raw string, start, limit int, offer func(k cutKind, end int, withEllipsis bool)) {
	room := limit - start
	if room <= 0 {
		return
	}
	if i := sentenceEnd(raw[:min(len(raw), room)], 0); i > 0 {
		offer(cutSentence, start+i, false)
	}
	room -= len(ellipsis)
	if room <= 0 {
		return
	}
	if i := lastSpace(raw[:min(len(raw), room)], 1); i > 0 {
		offer(cutWord, start+i, true)
	}
	if len(raw) > room {
		if i := entityFloor(raw, runeFloor(raw, room)); i > 0 {
			offer(cutAny, start+i, true)
		}
	}
}

// bestCut returns the cut of the best kind that keeps at least floor
// bytes, else the latest of any kind; ok is false when there is none.
func bestCut(cuts [cutKinds]htmlCut, floor int) htmlCut {
	for _, c := range cuts[:cutAny] {
		if c.ok && c.end >= floor {
			return c
		}
	}
	var best htmlCut
	for _, c := range cuts {
		if c.ok && (!best.ok || c.end > best.end) {
			best = c
		}
	}
	return best
}

// blockElements are the elements whose end is a paragraph boundary.
var blockElements = setOf("p", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
	"pre", "figure", "dl", "dt", "dd", "ul", "ol", "table", "tr", "caption",
	"div", "section", "article", "aside", "header", "footer", "address", "details")

// voidElements are the elements that have no end tag.
var voidElements = setOf("area", "base", "br", "col", "embed", "hr", "img", "input",
	"link", "meta", "param", "source", "track", "wbr")

// setOf returns a set of the names.
func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// sentenceEnd returns the end of the last sentence in s that ends at or
// after floor: just after a full stop, question or exclamation mark (and
// any closing quote or bracket) that a space follows, or after an
// ideographic one; -1 when there is none.
func sentenceEnd(s string, floor int) int {
	for i := len(s) - 1; i >= floor && i > 0; i-- {
		switch {
		case strings.HasPrefix(s[i:], "。"), strings.HasPrefix(s[i:], "！"), strings.HasPrefix(s[i:], "？"):
			_, size := utf8.DecodeRuneInString(s[i:])
			return i + size
		case s[i] == ' ' || s[i] == '\n' || s[i] == '\t':
			j := i
			r, size := utf8.DecodeLastRuneInString(s[:j])
			if strings.ContainsRune(`"'”’»)]`, r) {
				j -= size
				r, _ = utf8.DecodeLastRuneInString(s[:j])
			}
			if strings.ContainsRune(".!?…", r) {
				return i
			}
		}
	}
	return -1
}

// lastSpace returns the index of the last white space in s at or after
// floor, or -1.
func lastSpace(s string, floor int) int {
	if i := strings.LastIndexFunc(s, unicode.IsSpace); i >= floor {
		return i
	}
	return -1
}

// runeFloor returns n, or less so as not to split a UTF-8 sequence of s.
func runeFloor(s string, n int) int {
	if n >= len(s) {
		return len(s)
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return n
}

// entityFloor returns n, or less so as not to cut the raw HTML text s
// inside a character reference such as "&amp;" or "&#8230;".
func entityFloor(s string, n int) int {
	const longest = 33 // "&CounterClockwiseContourIntegral;"
	amp := strings.LastIndexByte(s[:n], '&')
	if amp >= 0 && n-amp < longest && !strings.ContainsAny(s[amp:n], "; <") {
		return amp
	}
	return n
}
