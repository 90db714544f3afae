package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/words"
)

// Word is one word of a text.
type Word struct {
	Text  string // as written
	Start int    // byte offset in the text
}

// Words returns the words of s in order: UAX #29 word segments that hold a
// letter or a digit ("U.S.", "don't", "3.5" and "e-mail" parts stay as the
// standard segments them); punctuation and spaces are dropped.
func Words(s string) []Word {
	// About one word in six bytes of prose: one allocation for most texts.
	out := make([]Word, 0, len(s)/6+1)
	it := words.FromString(s)
	for it.Next() {
		w := it.Value()
		if isWord(w) {
			out = append(out, Word{Text: w, Start: it.Start()})
		}
	}
	return out
}

// isWord reports whether a segment holds a letter or a digit.
func isWord(seg string) bool {
	for _, r := range seg {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// Fold returns w lower-cased, with typographic apostrophes made plain, a
// possessive "'s" removed and Arabic-script letters normalised (see
// foldArabic), the form stop words and stems are looked up in.
func Fold(w string) string {
	w = foldArabic(strings.ToLower(w))
	if strings.ContainsRune(w, '’') {
		w = strings.ReplaceAll(w, "’", "'")
	}
	w = strings.TrimSuffix(w, "'s")
	return strings.Trim(w, "'")
}

// IsCapitalized reports whether w starts with an upper-case letter.
func IsCapitalized(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}
