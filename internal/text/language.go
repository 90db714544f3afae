package text

import (
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
