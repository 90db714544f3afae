package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/text"
)

// join tells how a word is attached to the word before it.
type join uint8

const (
	joinNone   join = iota // punctuation between: a name never spans it
	joinSpace              // white space only
	joinHyphen             // "Al-Sisi", "Guinea-Bissau"
	joinDot                // an abbreviation's period: "Mr. Smith", "U.S. President"
	joinAmp                // "Johnson & Johnson", "AT&T"
)

// token is one word of an article.
type token struct {
	text       string // as written, possessive removed
	fold       string // foldWord(text)
	start, end int    // byte range of text in the document
	rawEnd     int    // end including the possessive
	sent       int    // index of the sentence
	join       join   // attachment to the previous word of the same sentence
	cap        bool   // starts with an upper-case letter
	upper      bool   // written in capitals (isUpperWord)
	dotted     bool   // has an inner period ("U.S")
	poss       bool   // had a possessive "'s"
	initial    bool   // first word of a sentence, quote or heading: capitalised anyway
	unreliable bool   // in a headline, heading or text in capitals
	allCaps    bool   // in text written in capitals
	lower      bool   // starts with a lower-case letter
}

// newToken returns the token of a word, without position.
func newToken(w string) token {
	t := token{text: w}
	switch {
	case strings.HasSuffix(w, "'s") && len(w) > 2:
		t.text, t.poss = w[:len(w)-2], true
	case strings.HasSuffix(w, "’s") && len(w) > 4:
		t.text, t.poss = w[:len(w)-4], true
	}
	t.fold = foldWord(t.text)
	r, _ := utf8.DecodeRuneInString(t.text)
	t.cap = unicode.IsUpper(r) || unicode.IsTitle(r)
	t.lower = unicode.IsLower(r)
	t.upper = isUpperWord(t.text)
	t.dotted = strings.IndexByte(t.text, '.') >= 0
	return t
}

// document is an article cut into words and sentences.
type document struct {
	src  string
	toks []token
}

// tokenize cuts the title and text into tokens. The title is the first
// paragraph of the document; titleEnd is its length.
func tokenize(title, body string, e *Extractor) (*document, int) {
	if strings.IndexByte(body, '\r') >= 0 {
		body = strings.ReplaceAll(body, "\r\n", "\n") // paragraphs are "\n\n" apart
	}
	src := body
	titleEnd := 0
	if strings.TrimSpace(title) != "" {
		if strings.ContainsAny(title, "\r\n") {
			title = strings.Map(func(r rune) rune {
				if r == '\r' || r == '\n' {
					return ' '
				}
				return r
			}, title)
		}
		src = title + "\n\n" + body
		titleEnd = len(title)
	}
	return tokenizeWords(src, text.Sentences(src), text.Words(src), e), titleEnd
}

// tokenizeDoc is tokenize from an article's shared text pass, whose words
// and sentences are those of tokenize's document shifted past the title.
// It reports false when they are not (a body with carriage returns,
// which tokenize rewrites).
func tokenizeDoc(t *text.Doc, e *Extractor) (*document, int, bool) {
	if strings.IndexByte(t.Body, '\r') >= 0 || strings.ContainsAny(t.Title, "\r\n") {
		return nil, 0, false
	}
	if strings.TrimSpace(t.Title) == "" {
		return tokenizeWords(t.Body, t.Sentences, t.Words, e), 0, true
	}
	src := t.Title + "\n\n" + t.Body
	off := len(t.Title) + 2
	sents := text.Sentences(t.Title)
	for _, s := range t.Sentences {
		s.Start += off
		s.End += off
		sents = append(sents, s)
	}
	ws := make([]text.Word, 0, len(t.TitleWords)+len(t.Words))
	ws = append(ws, t.TitleWords...)
	for _, w := range t.Words {
		w.Start += off
		ws = append(ws, w)
	}
	return tokenizeWords(src, sents, ws, e), len(t.Title), true
}

// tokenizeWords makes the tokens of src from its sentences and words.
func tokenizeWords(src string, sents []text.Sentence, ws []text.Word, e *Extractor) *document {
	d := &document{src: src}
	d.toks = make([]token, 0, len(ws))
	si := -1
	for _, w := range ws {
		for si+1 < len(sents) && sents[si+1].Start <= w.Start {
			si++
		}
		t := newToken(w.Text)
		t.start = w.Start
		t.end = w.Start + len(t.text)
		t.rawEnd = w.Start + len(w.Text)
		t.sent = max(si, 0)
		if n := len(d.toks); n > 0 && d.toks[n-1].sent == t.sent {
			prev := &d.toks[n-1]
			t.join = joinOf(prev, src[prev.rawEnd:t.start], e)
			t.initial = opensClause(src, prev.rawEnd, t.start)
		} else {
			t.initial = true
		}
		d.toks = append(d.toks, t)
	}
	return d
}

// joinOf tells how a word is attached to prev across the gap between them.
func joinOf(prev *token, gap string, e *Extractor) join {
	if gap == "" {
		return joinNone
	}
	if prev.poss {
		if gap == " " && e.possNames[prev.fold] {
			return joinSpace // "People's Liberation Army"
		}
		return joinNone
	}
	switch gap {
	case " ":
		return joinSpace
	case "-", "‐", "‑":
		return joinHyphen
	case "&", " & ":
		return joinAmp
	}
	if strings.TrimSpace(gap) == "" {
		if strings.Contains(gap, "\n\n") {
			return joinNone
		}
		return joinSpace
	}
	if gap[0] == '.' && len(gap) > 1 && strings.TrimSpace(gap[1:]) == "" && !strings.Contains(gap, "\n") {
		if prev.dotted || e.abbrev[prev.fold] || isInitial(prev.text) {
			return joinDot
		}
	}
	return joinNone
}

// isInitial reports whether w is a single capital letter ("J" of "J. R.").
func isInitial(w string) bool {
	r, size := utf8.DecodeRuneInString(w)
	return size == len(w) && unicode.IsUpper(r)
}

// opensClause reports whether the gap src[from:to] before a word opens a
// quotation or a clause whose first word is capitalised anyway: an opening
// quote, a colon, a dash between spaces, a bullet.
func opensClause(src string, from, to int) bool {
	gap := src[from:to]
	if strings.TrimSpace(gap) == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(gap)
	switch last {
	case '“', '‘', '«', '(', '[':
		return last != '('
	case '"', '\'':
		// Opening when white space (or nothing) comes before it.
		before := strings.TrimRight(gap[:len(gap)-1], "\"'")
		if before == "" {
			return from == 0 || isSpaceBefore(src, from)
		}
		r, _ := utf8.DecodeLastRuneInString(before)
		return unicode.IsSpace(r) || r == '(' || r == '—' || r == '–' || r == ':'
	}
	t := strings.TrimSpace(gap)
	switch t {
	case ":", "-", "—", "–", "•", "*", "·", "--", ";":
		return t != ";"
	}
	return strings.HasSuffix(t, ":")
}

// isSpaceBefore reports whether src has white space just before i.
func isSpaceBefore(src string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(src[:i])
	return unicode.IsSpace(r)
}
