package ask

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/text"
)

// Bounds, in words, of a sentence that can be an answer: fewer is a
// heading or a caption, more is text whose sentences ran together.
const (
	minSentenceWords = 4
	maxSentenceWords = 120
)

// answerable reports whether sentence s, of words words, can be quoted
// as an answer: a whole statement, not a fragment (see wellFormed), of
// a sensible length, and not page furniture ("Read more", a link).
func answerable(s string, words []text.Word) bool {
	return wellFormed(s) && wordsFit(s, words)
}

// wellFormed reports whether s has the shape of a statement, as far as
// its characters tell: it ends as a sentence does (a question is no
// answer), starts as one does (not in lower case, which is the tail of a
// broken sentence), closes every quotation it opens, and is not a
// heading in capitals or a byline.
func wellFormed(s string) bool {
	return endsSentence(s) && !startsLower(s) && balancedQuotes(s) && !isShouting(s) && !isByline(s)
}

// wordsFit reports whether a well-formed sentence s, of words words, has
// a sensible length and is no page furniture.
func wordsFit(s string, words []text.Word) bool {
	n := len(words)
	return n >= minSentenceWords && n <= maxSentenceWords && !isFurniture(s, words)
}

// endsSentence reports whether s ends with a full stop or an exclamation
// mark, in any script, possibly inside closing quotes or brackets.
func endsSentence(s string) bool {
	t := strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(`"'”’»)]」』）`, r)
	})
	r, _ := utf8.DecodeLastRuneInString(t)
	switch r {
	case '.', '!', '…', '。', '！', '．', '।', '۔':
		return true
	}
	return false
}

// startsLower reports whether s starts with a lower-case letter.
func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// balancedQuotes reports whether s closes every quotation it opens:
// straight double quotes come in pairs, curly ones too (German opens with
// „ and closes with “, English opens with “), guillemets and corner
// brackets match.
func balancedQuotes(s string) bool {
	curly := strings.Count(s, "“") + strings.Count(s, "”") + strings.Count(s, "„")
	return curly%2 == 0 && strings.Count(s, `"`)%2 == 0 &&
		strings.Count(s, "«") == strings.Count(s, "»") && strings.Count(s, "「") == strings.Count(s, "」")
}

// furniture are phrases of page furniture, lower-cased and separated by
// "|": promotions, sharing and reading prompts, in the languages news
// comes in.
const furniture = "read more|click here|sign up for|subscribe to|all rights reserved|follow us on|" +
	"share this article|copyright ©|weiterlesen|mehr zum thema|lesen sie auch|lire aussi|lire la suite|" +
	"leer más|lea también|leggi anche|continua a leggere|leia mais|leia também|читайте также"

// cjkFurniture are the phrases of page furniture in Chinese and Japanese,
// separated by "|".
const cjkFurniture = "阅读全文|点击查看|続きを読む"

// furnitureByWord returns the phrases of furniture by their first word,
// made on first use and read only after that.
var furnitureByWord = sync.OnceValue(func() map[string][]string {
	m := make(map[string][]string)
	for p := range strings.SplitSeq(furniture, "|") {
		first, _, _ := strings.Cut(p, " ")
		m[first] = append(m[first], p)
	}
	return m
})

// isFurniture reports whether s, of words words, holds a link or a
// phrase of page furniture.
func isFurniture(s string, words []text.Word) bool {
	if strings.Contains(s, "://") || strings.Contains(s, "www.") {
		return true
	}
	var buf [16]byte
	for _, w := range words {
		if len(w.Text) > len(buf) {
			continue // longer than any phrase's first word
		}
		for _, p := range furnitureByWord()[string(lower(buf[:0], w.Text))] {
			if end := w.Start + len(p); end <= len(s) && strings.EqualFold(s[w.Start:end], p) {
				return true
			}
		}
	}
	for p := range strings.SplitSeq(cjkFurniture, "|") {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// lower appends w in lower case to buf, without allocating for an ASCII
// word.
func lower(buf []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return append(buf[:0], strings.ToLower(w)...)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

// isByline reports whether s names an author and nothing else: "By Jane
// Doe and John Roe, Reuters." — "By" (or its equivalent) and then only
// capitalized words and joining words.
func isByline(s string) bool {
	first, _, _ := strings.Cut(s, " ")
	switch first {
	case "By", "BY", "Von", "VON", "Par", "Por", "Di", "Од", "От":
	default:
		return false
	}
	fields := strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == '|' })
	if len(fields) < 2 || len(fields) > 12 {
		return false
	}
	for _, f := range fields[1:] {
		f = strings.Trim(f, ".:;-–—()")
		switch strings.ToLower(f) {
		case "", "and", "&", "und", "et", "y", "e", "of", "the", "for", "in":
			continue
		}
		if r, _ := utf8.DecodeRuneInString(f); !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// isShouting reports whether s is a heading in capitals: a dozen capital
// letters or more and no lower-case one.
func isShouting(s string) bool {
	upper, lower := letterCases(s)
	return upper >= 12 && !lower
}

// letterCases returns how many capital letters s has, and whether it has
// a lower-case one.
func letterCases(s string) (upper int, lower bool) {
	for _, r := range s {
		switch {
		case unicode.IsLower(r):
			return upper, true
		case unicode.IsUpper(r):
			upper++
		}
	}
	return upper, false
}
