package storeutil

import (
	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/text"
)

// Snippet sizes, in words.
const (
	snippetWords  = 24 // the longest snippet
	snippetBefore = 4  // words of context before the first match
)

// QueryTermSet returns every term of every alternative of a query's
// words: a word of a text is a match when one of its terms is in it.
func QueryTermSet(words []text.QueryWord) map[string]bool {
	set := map[string]bool{}
	for _, w := range words {
		for _, alt := range w {
			for _, t := range alt {
				set[t] = true
			}
		}
	}
	return set
}

// MakeSnippet returns the passage of body, an article's text in language
// lang (see text.SearchLanguage), that best shows the query terms: the run
// of 24 words with the most different terms, then the most matches, the
// earliest of equals, with each word whose search terms (text.SearchTerms
// in lang) hold a query term marked. So "Verhandlungen" is marked for a
// search for "Verhandlung" in a German text, as both stores' indexes
// matched it. A body without matches gives its first words, an empty one
// nil.
func MakeSnippet(body, lang string, terms map[string]bool) storyline.Snippet {
	ws := text.WordsIn(lang, body)
	if len(ws) == 0 {
		return nil
	}
	keys := make([]string, len(ws)) // the term each word matches, "" for none
	var matches []int
	seen := map[string]string{} // word as written: the term it matches
	var buf []string
	// Stemming is the costly part. The terms of a word of ASCII letters
	// and digits start with its first letter in lower case, so a word
	// whose first letter starts no query term is skipped unstemmed.
	var first [128]bool
	for t := range terms {
		if t[0] < 0x80 {
			first[t[0]] = true
		}
	}
	for i, w := range ws {
		if c := lowerASCII(w.Text[0]); c < 0x80 && !first[c] && isASCII(w.Text) {
			continue
		}
		key, ok := seen[w.Text]
		if !ok {
			buf = text.AppendWordTerms(buf[:0], lang, w.Text)
			for _, t := range buf {
				if terms[t] {
					key = t
					break
				}
			}
			seen[w.Text] = key
		}
		if keys[i] = key; key != "" {
			matches = append(matches, i)
		}
	}
	from, to := 0, min(len(ws), snippetWords)
	best, bestScore := -1, -1
	for _, m := range matches {
		start := max(0, min(m-snippetBefore, len(ws)-snippetWords))
		distinct, count := map[string]bool{}, 0
		for _, n := range matches {
			if n >= start && n < start+snippetWords {
				distinct[keys[n]] = true
				count++
			}
		}
		if score := len(distinct)*1000 + count; score > bestScore {
			best, bestScore = start, score
		}
	}
	if best >= 0 {
		from, to = best, min(len(ws), best+snippetWords)
	}

	end := func(i int) int { return ws[i].Start + len(ws[i].Text) }
	var b SnippetBuilder
	pos := ws[from].Start
	if from > 0 {
		b.Add(Ellipsis, false)
	} else {
		pos = 0
	}
	for i := from; i < to; i++ {
		if keys[i] != "" {
			b.Add(CollapseSpace(body[pos:ws[i].Start]), false)
			b.Add(ws[i].Text, true)
			pos = end(i)
		}
	}
	last := end(to - 1)
	if to == len(ws) {
		last = len(body)
	}
	b.Add(CollapseSpace(body[pos:last]), false)
	if to < len(ws) {
		b.Add(Ellipsis, false)
	}
	return b.Snippet()
}

// lowerASCII returns c in lower case when it is an ASCII letter.
func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
