package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"
)

// Language detection thresholds: whatlanggo's confidence is the relative
// margin between the best and the second language, small even when right.
const (
	minLanguageConfidence = 0.03
	minLanguageRunes      = 30
	// languageSample is how much of a text is examined: its first
	// paragraphs tell its language as well as the whole.
	languageSample = 1024
)

// DetectLanguage returns the ISO 639-1 code of the language text is
// written in, or "" when it cannot tell (too short, too close a call).
func DetectLanguage(text string) string {
	if utf8.RuneCountInString(text) < minLanguageRunes {
		return ""
	}
	info := whatlanggo.Detect(sampleOf(text))
	if info.Confidence < minLanguageConfidence {
		return ""
	}
	return info.Lang.Iso6391()
}

// minDetectWords is the fewest words a text needs for its detected
// language to overrule the declared one: a teaser's few words mislead
// detection more often than a page's lang attribute misleads.
const minDetectWords = 30

// ChooseLanguage returns the language of an article: the one detected
// from its text when the text has at least 30 words and detection is
// confident, since a page's declared language is often the site's, not
// the article's; otherwise the declared one (a tag such as "de-AT" is cut
// to "de"), which also breaks the ties detection cannot call. A shorter
// text with no declared language is detected only when it is not in the
// Latin script. It returns "" when neither tells.
func ChooseLanguage(declared, text string) string {
	if i := strings.IndexAny(declared, "-_"); i >= 0 {
		declared = declared[:i]
	}
	declared = strings.ToLower(strings.TrimSpace(declared))
	latin := whatlanggo.DetectScript(sampleOf(text)) == unicode.Latin
	if !hasWords(text, minDetectWords) {
		// Too short to tell Latin-script languages apart: a headline and
		// a teaser in English come out as Italian or Dutch as often as
		// not. Another script tells more (Cyrillic, Arabic, Han).
		if declared != "" || latin {
			return declared
		}
	}
	if !latin {
		if detected := DetectLanguage(text); detected != "" {
			return detected
		}
		return declared
	}
	sample := foldedSample(text)
	// Prose in the declared language, or in English, says so by its
	// function words: no need for trigram detection, the costliest part
	// of analysing an article.
	if lang, ok := clearlyIn(sample, declared, "en"); ok {
		return lang
	}
	return byStopWords(sample, DetectLanguage(text), declared)
}

// minStopShare is the share of a text's words that must be stop words of
// a Latin-script language for the text to be taken as written in it:
// function words make up some 40 % of running prose in the languages of
// Europe, and a text with under half that is a list, a table or a
// keyword dump, not prose.
const minStopShare = 0.2

// clearStopShare is the share of stop words that tells a text's language
// without detection, when no other candidate comes within clearMargin.
const (
	clearStopShare = 0.3
	clearMargin    = 0.15
)

// sampleOf returns the first languageSample bytes of text, cut at a
// character's start: what its language and script are told from.
func sampleOf(text string) string {
	if len(text) <= languageSample {
		return text
	}
	n := languageSample
	for n > 0 && !utf8.RuneStart(text[n]) {
		n--
	}
	return text[:n]
}

// foldedSample returns the words of the first languageSample bytes of
// text, folded.
func foldedSample(text string) []string {
	ws := Words(sampleOf(text))
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = Fold(w.Text)
	}
	return out
}

// stopShare returns the share of words that are stop words of lang, and
// false when the language has no stop words to tell by.
func stopShare(words []string, lang string) (float64, bool) {
	stop := stopSet(lang)
	if lang == "" || len(stop) == 0 {
		return 0, false
	}
	n := 0
	for _, w := range words {
		if stop[w] {
			n++
		}
	}
	return float64(n) / float64(max(len(words), 1)), true
}

// clearlyIn returns the one of languages whose stop words make up
// clearStopShare of words or more, clearMargin ahead of the others, and
// whether there is one.
func clearlyIn(words []string, languages ...string) (string, bool) {
	best, first, second := "", 0.0, 0.0
	for _, lang := range languages {
		share, ok := stopShare(words, lang)
		switch {
		case !ok || lang == best:
		case share > first:
			best, first, second = lang, share, first
		case share > second:
			second = share
		}
	}
	return best, best != "" && first >= clearStopShare && first-second >= clearMargin
}

// byStopWords decides between the languages a Latin-script text (its
// folded words) may be in — the detected one, the declared one, and
// English — by the share of its words that are their stop words: prose in
// any language is about a third function words, while detection by
// letter trigrams misfires on text full of names, or stripped of its
// function words (keyword lists, headlines run together), which it calls
// Swedish or Malagasy. When no candidate reaches minStopShare, the
// declared language stands ("" when none).
func byStopWords(words []string, detected, declared string) string {
	best, bestShare := declared, 0.0
	for _, lang := range []string{detected, declared, "en"} {
		if share, ok := stopShare(words, lang); ok && share > bestShare {
			best, bestShare = lang, share
		}
	}
	if bestShare < minStopShare {
		return declared
	}
	return best
}

// hasWords reports whether text has at least n words (see CountWords),
// counting no further than n.
func hasWords(text string, n int) bool { return countWords(text, n) >= n }

// CountWords returns the number of words of text as a reader counts
// them: runs of non-space, except that in Chinese and Japanese, written
// without spaces, each character counts as one word and their
// punctuation as none.
func CountWords(text string) int { return countWords(text, -1) }

// countWords counts the words of text, stopping at limit when it is not
// negative.
func countWords(text string, limit int) int {
	n := 0
	inWord := false
	for _, r := range text {
		if n == limit {
			break
		}
		if unicode.IsSpace(r) || r >= 0x2e80 && unicode.IsPunct(r) { // 。、「」 separate like spaces
			inWord = false
			continue
		}
		if r >= 0x3040 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)) {
			inWord = false
			n++
			continue
		}
		if !inWord {
			inWord = true
			n++
		}
	}
	return n
}
