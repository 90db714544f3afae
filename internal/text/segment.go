package text

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/ikawaha/kagome-dict/ipa"
	"github.com/ikawaha/kagome/v2/tokenizer"
)

// Chinese and Japanese are written without spaces between words: UAX #29
// gives every Han character (and every kana) a segment of its own. Their
// words come from dictionaries instead — jieba's Chinese dictionary (as
// gse ships it, in the compact form of chinese.go) and kagome with the IPA
// dictionary for Japanese. Each dictionary is loaded the first time a
// text of its language is segmented (about 0.3 s and 20 MB for Chinese,
// 0.8 s and 90 MB for Japanese), so a process that never sees those
// languages pays nothing.

// japaneseSegmenter returns the Japanese tokenizer, loading its
// dictionary on first use. kagome's tokenizer is safe for concurrent use.
var japaneseSegmenter = sync.OnceValue(func() *tokenizer.Tokenizer {
	t, err := tokenizer.New(ipa.Dict(), tokenizer.OmitBosEos())
	if err != nil {
		// The dictionary is compiled into the binary: failing to read it
		// is a build defect, and the texts fall back to one word per
		// character (segmentRun's fallback) rather than stopping analysis.
		return nil
	}
	return t
})

// WordsIn returns the words of s written in language lang: Words, except
// that in Chinese and Japanese the runs of Han characters and kana are cut
// into dictionary words.
func WordsIn(lang, s string) []Word {
	switch baseLanguage(lang) {
	case "zh", "ja":
		return cjkWords(baseLanguage(lang), s)
	}
	return Words(s)
}

// cjkWords returns the words of s, cutting its runs of CJK characters
// with the language's segmenter.
func cjkWords(lang string, s string) []Word {
	ws := Words(s)
	out := make([]Word, 0, len(ws))
	for i := 0; i < len(ws); {
		if !isCJK(ws[i].Text) {
			out = append(out, ws[i])
			i++
			continue
		}
		// A run: CJK segments next to one another, nothing between.
		j, end := i+1, ws[i].Start+len(ws[i].Text)
		for j < len(ws) && ws[j].Start == end && isCJK(ws[j].Text) {
			end += len(ws[j].Text)
			j++
		}
		out = segmentRun(out, lang, s[ws[i].Start:end], ws[i].Start)
		i = j
	}
	return out
}

// segmentRun appends the words of run, a stretch of CJK text at byte
// offset off, as the language's segmenter cuts it; a piece that is not a
// word (punctuation) is dropped. Should the segmenter's pieces not spell
// the run, each character becomes a word.
func segmentRun(out []Word, lang, run string, off int) []Word {
	pieces := cutRun(lang, run)
	n := len(out)
	pos := 0
	for _, p := range pieces {
		if p == "" {
			continue
		}
		if !strings.HasPrefix(run[pos:], p) {
			out = out[:n]
			pieces = nil
			break
		}
		if isWord(p) {
			out = append(out, Word{Text: run[pos : pos+len(p)], Start: off + pos})
		}
		pos += len(p)
	}
	if pieces != nil && pos == len(run) {
		return out
	}
	out = out[:n]
	for i, r := range run {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			out = append(out, Word{Text: run[i : i+utf8.RuneLen(r)], Start: off + i})
		}
	}
	return out
}

// cutRun returns the pieces the segmenter of lang cuts run into, nil
// when it has none.
func cutRun(lang, run string) []string {
	switch lang {
	case "zh":
		if d := chineseDict(); d != nil {
			return d.segment(run)
		}
	case "ja":
		if t := japaneseSegmenter(); t != nil {
			toks := t.Tokenize(run)
			out := make([]string, len(toks))
			for i, tok := range toks {
				out[i] = tok.Surface
			}
			return out
		}
	}
	return nil
}

// isCJK reports whether a word segment is written in Han characters or
// kana.
func isCJK(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || r == 'ー'
}

// IsContentWord reports whether word w of language lang can name a
// topic, as far as the language's dictionary tells: in Chinese, a word
// the dictionary tags as a noun of any kind (people, places,
// organisations, verbal nouns such as 谈判) or does not know (new names);
// not a verb, adjective or adverb such as 举行 or 表示. In every other
// language it reports true: stop words are the analyzer's business.
func IsContentWord(lang, w string) bool {
	if baseLanguage(lang) != "zh" {
		return true
	}
	d := chineseDict()
	return d == nil || d.isNoun(w)
}
