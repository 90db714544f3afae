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
	if len(text) > languageSample {
		n := languageSample
		for n > 0 && !utf8.RuneStart(text[n]) {
			n--
		}
		text = text[:n]
	}
	info := whatlanggo.Detect(text)
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
	latin := whatlanggo.DetectScript(text) == unicode.Latin
	if !hasWords(text, minDetectWords) {
		// Too short to tell Latin-script languages apart: a headline and
		// a teaser in English come out as Italian or Dutch as often as
		// not. Another script tells more (Cyrillic, Arabic, Han).
		if declared != "" || latin {
			return declared
		}
	}
	detected := DetectLanguage(text)
	if latin {
		return byStopWords(text, detected, declared)
	}
	if detected != "" {
		return detected
	}
	return declared
}

// minStopShare is the share of a text's words that must be stop words of
// a Latin-script language for the text to be taken as written in it:
// function words make up some 40 % of running prose in the languages of
// Europe, and a text with under half that is a list, a table or a
// keyword dump, not prose.
const minStopShare = 0.2

// byStopWords decides between the languages a Latin-script text may be
// in — the detected one, the declared one, and English — by the share of
// its words that are their stop words: prose in any language is about a
// third function words, while detection by letter trigrams misfires on
// text full of names, or stripped of its function words (keyword lists,
// headlines run together), which it calls Swedish or Malagasy. When no
// candidate reaches minStopShare, the declared language stands ("" when
// none).
func byStopWords(text, detected, declared string) string {
	if len(text) > languageSample {
		n := languageSample
		for n > 0 && !utf8.RuneStart(text[n]) {
			n--
		}
		text = text[:n]
	}
	best, bestShare := declared, 0.0
	ws := Words(text)
	for _, lang := range []string{detected, declared, "en"} {
		if lang == "" {
			continue
		}
		stop := stopSet(lang)
		if len(stop) == 0 {
			continue
		}
		n := 0
		for _, w := range ws {
			if stop[Fold(w.Text)] {
				n++
			}
		}
		if share := float64(n) / float64(max(len(ws), 1)); share > bestShare {
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
