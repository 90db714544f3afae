package keyphrase

import (
	"strings"
	"unicode"
)

// maxHashtagRunes bounds a hashtag's length (Twitter's limit for a tag is
// far above any keyphrase; this only guards against junk).
const maxHashtagRunes = 100

// Hashtag returns the hashtag of a phrase: "#" and its words, each word's
// first letter upper-cased and the rest kept as written, joined — "Iran
// talks" → "#IranTalks", "G20 summit" → "#G20Summit", "McDonald's" →
// "#McDonalds". Only letters, digits and combining marks are kept;
// apostrophes vanish inside a word and every other character separates
// words. It returns "" when the phrase holds no letter (a hashtag of
// digits alone is not one) or the result would be over 100 characters.
func Hashtag(phrase string) string {
	var b strings.Builder
	b.WriteByte('#')
	startWord, letters, n := true, 0, 0
	for _, r := range phrase {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if startWord {
				r = unicode.ToTitle(r)
			}
			if unicode.IsLetter(r) {
				letters++
			}
			startWord = false
		case unicode.IsMark(r) && !startWord:
			// Combining accents belong to the letter before them.
		case r == '\'' || r == '’':
			continue
		default:
			startWord = true
			continue
		}
		n++
		if n > maxHashtagRunes {
			return ""
		}
		b.WriteRune(r)
	}
	if letters == 0 {
		return ""
	}
	return b.String()
}
