package text

import (
	"strings"
	"unicode/utf8"
)

// foldArabic returns w with the letters of the Arabic script normalised
// the way search and analysis compare them: hamza forms of alef made
// plain (أ إ آ ٱ → ا), the final forms of yeh (ى ی → ي), kaf (ک → ك) and
// heh (ۀ → ه) made one, and the tatweel, the short-vowel marks
// and the zero-width non-joiner dropped; Arabic-Indic digits become
// ASCII. Arabic and Persian spellings of one word then meet. A word with
// nothing of the script is returned as it is.
func foldArabic(w string) string {
	if !hasArabic(w) {
		return w
	}
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		switch {
		case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
			b.WriteRune('ا')
		case r == 'ى' || r == 'ی':
			b.WriteRune('ي')
		case r == 'ک':
			b.WriteRune('ك')
		case r == 'ۀ':
			b.WriteRune('ه')
		case r == 'ـ' || r == '\u200c' || (r >= '\u064b' && r <= '\u065f') || r == '\u0670':
			// tatweel, zero-width non-joiner, harakat: dropped
		case r >= '٠' && r <= '٩':
			b.WriteByte(byte('0' + r - '٠'))
		case r >= '۰' && r <= '۹':
			b.WriteByte(byte('0' + r - '۰'))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hasArabic reports whether w holds a letter of the Arabic block
// (U+0600–U+06FF), whose UTF-8 encodings start with bytes 0xD8–0xDB.
func hasArabic(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 0xD8 && c <= 0xDB {
			return true
		}
	}
	return false
}

// arabicArticles are the prefixes of the definite article, alone and with
// a conjunction or preposition before it, longest first: وال, بال, فال,
// كال, لل, ال.
var arabicArticles = []string{"وال", "بال", "فال", "كال", "لل", "ال"}

// StripArabicArticle returns a folded Arabic word without its definite
// article (ال, and وال, بال, فال, كال, لل), when what is left has at least
// two letters: "المفاوضات" and "مفاوضات" are then one word for search.
func StripArabicArticle(w string) string {
	for _, p := range arabicArticles {
		if rest, ok := strings.CutPrefix(w, p); ok && utf8.RuneCountInString(rest) >= 2 {
			return rest
		}
	}
	return w
}

// persianStem is the light normalisation Persian words are grouped by
// (Snowball has no Persian stemmer): the plural suffixes ها, های, هایی
// and the written ezafe removed from a folded word long enough to keep a
// stem of three letters.
func persianStem(w string) string {
	for _, suf := range []string{"هايي", "هاي", "ها"} {
		if rest, ok := strings.CutSuffix(w, suf); ok && utf8.RuneCountInString(rest) >= 3 {
			return rest
		}
	}
	// The ezafe a word ending in a long vowel takes: "هوای" (the air
	// of) is "هوا" (air).
	if rest, ok := strings.CutSuffix(w, "ي"); ok && utf8.RuneCountInString(rest) >= 3 &&
		(strings.HasSuffix(rest, "ا") || strings.HasSuffix(rest, "و")) {
		return rest
	}
	return w
}

// koreanParticles are the particles (josa) written onto a Korean word,
// longest first.
var koreanParticles = []string{"에서는", "에게서", "으로는", "에서", "으로", "에게", "까지", "부터", "처럼", "보다", "께서", "에는",
	"은", "는", "이", "가", "을", "를", "의", "에", "로", "와", "과", "도", "만"}

// koreanStem is the light normalisation Korean words are grouped by: the
// particle written onto a word removed when two syllables are left, so
// that "정부는", "정부가" and "정부의" are one word.
func koreanStem(w string) string {
	for _, p := range koreanParticles {
		if rest, ok := strings.CutSuffix(w, p); ok && utf8.RuneCountInString(rest) >= 2 {
			return rest
		}
	}
	return w
}

// lightStemmers are the hand-written normalisations of the languages
// without a Snowball stemmer.
var lightStemmers = map[string]func(string) string{"fa": persianStem, "ko": koreanStem}
