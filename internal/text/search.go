package text

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Search terms. A store's full-text index holds, for each article, the
// terms of its title and text in the article's language (SearchTerms),
// and a query is normalised the same way for each language the index
// holds (QueryTerms): a word matches an article when its form in the
// article's language does.
//
// A term is a word folded (lower case, Arabic-script letters normalised),
// without the diacritics of Latin letters, without the Arabic definite
// article, then stemmed with the language's stemmer: the original Porter
// stemmer for English (the one SQLite's FTS5 applies, so that English
// search matches as it always has), Snowball for the other languages
// that have one, the light normalisations of Persian and Korean. Korean
// words are then cut into syllable bigrams, and Chinese and Japanese are
// cut into words by their dictionary segmenters (WordsIn). Stop words are
// kept: a search for "the" or "and" finds them like any word.
//
// A term never holds white space, a double quote or a control character,
// and is at most MaxTermBytes long: joined by spaces, terms can be given
// to any index that splits at spaces.

// MaxTermBytes is the longest term; a longer word has no term.
const MaxTermBytes = 200

// MaxQueryWords bounds the words of a search query that are used.
const MaxQueryWords = 32

// searchStemmers returns, by language code, the analyzers whose stems
// SearchTerms takes: one for each language with a stemmer or a light
// normalisation. It is made on first use and read only after that.
var searchStemmers = sync.OnceValue(func() map[string]*Analyzer {
	m := make(map[string]*Analyzer, len(stemmers)+len(lightStemmers))
	for lang := range stemmers {
		m[lang] = NewAnalyzer(lang)
	}
	for lang := range lightStemmers {
		m[lang] = NewAnalyzer(lang)
	}
	return m
})

// searchStem returns the stem of folded word f in language lang: f
// itself in a language without a stemmer.
func searchStem(lang, f string) string {
	if a := searchStemmers()[lang]; a != nil {
		return a.Stem(f)
	}
	return f
}

// SearchLanguage returns the language an article is indexed in, as the
// base ISO 639-1 code SearchTerms takes: the one ChooseLanguage picks
// from the declared language and the text, English when neither tells.
func SearchLanguage(declared, body string) string {
	return baseLanguage(ChooseLanguage(declared, body))
}

// NormalizeLanguage returns the base code of a language tag as search
// uses it: "de-AT" is "de", "" is "en".
func NormalizeLanguage(tag string) string {
	return baseLanguage(strings.TrimSpace(tag))
}

// SearchTerms returns the index terms of s written in language lang, in
// order (see the package's notes on search terms).
func SearchTerms(lang, s string) []string {
	lang = baseLanguage(lang)
	ws := WordsIn(lang, s)
	out := make([]string, 0, len(ws))
	// Words recur (a news article repeats about half of its words), and
	// stemming costs far more than a map: each word is analysed once.
	memo := make(map[string][]string, len(ws)/2+1)
	for _, w := range ws {
		terms, ok := memo[w.Text]
		if !ok {
			n := len(out)
			out = AppendWordTerms(out, lang, w.Text)
			memo[w.Text] = out[n:len(out):len(out)]
			continue
		}
		out = append(out, terms...)
	}
	return out
}

// AppendWordTerms appends the terms of one word of a text in language
// lang (a word as WordsIn cuts the text) to out: none, one, or for a
// Korean word its syllable bigrams.
func AppendWordTerms(out []string, lang, word string) []string {
	lang = baseLanguage(lang)
	f := Fold(word)
	if f == "" {
		return out
	}
	f = removeLatinDiacritics(f)
	if hasArabic(f) {
		f = StripArabicArticle(f)
	}
	if lang == "en" {
		f = porterStem(f)
	} else {
		f = searchStem(lang, f)
	}
	f = cleanTerm(f)
	if f == "" || len(f) > MaxTermBytes {
		return out
	}
	if lang == "ko" && hasHangul(f) {
		return appendBigrams(out, f)
	}
	return append(out, f)
}

// cleanTerm drops from a term what an index could take for a separator
// or syntax: white space, control characters and double quotes, which a
// word of WordsIn holds only in odd cases (none of them for prose).
func cleanTerm(t string) string {
	for i := 0; i < len(t); i++ {
		if c := t[i]; c <= ' ' || c == '"' || c == 0x7f || c >= 0x80 {
			return strings.Map(func(r rune) rune {
				if unicode.IsSpace(r) || unicode.IsControl(r) || r == '"' || r == utf8.RuneError {
					return -1
				}
				return r
			}, t)
		}
	}
	return t
}

// hasHangul reports whether w holds a Hangul syllable.
func hasHangul(w string) bool {
	for _, r := range w {
		if r >= 0xAC00 && r <= 0xD7A3 {
			return true
		}
	}
	return false
}

// appendBigrams appends the overlapping pairs of characters of a Korean
// word, or the word itself when it has one character.
func appendBigrams(out []string, w string) []string {
	if utf8.RuneCountInString(w) < 2 {
		return append(out, w)
	}
	prev := 0
	_, n := utf8.DecodeRuneInString(w)
	for i := n; i < len(w); {
		_, m := utf8.DecodeRuneInString(w[i:])
		out = append(out, w[prev:i+m])
		prev, i = i, i+m
	}
	return out
}

// removeLatinDiacritics returns w without the diacritics of its Latin
// letters ("café" → "cafe", "brûlée" → "brulee"), as SQLite's FTS5
// remove_diacritics option does; the marks of other scripts (Cyrillic й,
// Greek accents, Arabic, Devanagari) are kept.
func removeLatinDiacritics(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return w
	}
	d := norm.NFD.String(w)
	var b strings.Builder
	b.Grow(len(d))
	latin, changed := false, false
	for _, r := range d {
		if unicode.Is(unicode.Mn, r) {
			if latin {
				changed = true
				continue
			}
		} else {
			latin = r < 0x80 && r > ' ' || unicode.Is(unicode.Latin, r)
		}
		b.WriteRune(r)
	}
	if !changed {
		return w
	}
	return norm.NFC.String(b.String())
}

// QueryWord is one word of a search query as each language of an index
// writes it: its alternatives, any one of which may match. An
// alternative is the terms that must all be in an article (most often
// one; a Chinese or Japanese phrase cut into words, a Korean word's
// bigrams, or Han characters in a language that keeps one per word give
// more).
type QueryWord [][]string

// Terms returns every term of every alternative, each once.
func (w QueryWord) Terms() []string {
	var out []string
	for _, alt := range w {
		for _, t := range alt {
			if !contains(out, t) {
				out = append(out, t)
			}
		}
	}
	return out
}

// contains reports whether list holds s.
func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// QueryTerms returns the words of what a person typed into a search box,
// each with its alternatives in each of the languages langs (language
// tags; none means English): an article in language L matches a word
// when it holds every term of the word's alternative for L, so a search
// for "Verhandlung" finds "Verhandlungen" in a German article. A query is
// plain words: punctuation and any query syntax separate them. Words
// with the same alternatives are given once, and at most MaxQueryWords
// words are kept. A query without words gives nil.
func QueryTerms(langs []string, q string) []QueryWord {
	var codes []string
	for _, l := range langs {
		if c := NormalizeLanguage(l); !contains(codes, c) {
			codes = append(codes, c)
		}
	}
	if len(codes) == 0 {
		codes = []string{"en"}
	}
	var (
		out  []QueryWord
		seen = map[string]bool{}
	)
	for _, unit := range queryUnits(q) {
		if len(out) >= MaxQueryWords {
			break
		}
		var (
			word QueryWord
			keys []string
		)
		for _, lang := range codes {
			var terms []string
			if isCJK(unit) {
				terms = SearchTerms(lang, unit)
			} else {
				terms = AppendWordTerms(nil, lang, unit)
			}
			terms = dedupe(terms)
			if len(terms) == 0 {
				continue
			}
			key := strings.Join(terms, " ")
			if contains(keys, key) {
				continue
			}
			keys = append(keys, key)
			word = append(word, terms)
		}
		if len(word) == 0 {
			continue
		}
		key := strings.Join(keys, "\x00")
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, word)
	}
	return out
}

// dedupe returns terms without repeats, in order of first appearance.
func dedupe(terms []string) []string {
	out := terms[:0]
	for _, t := range terms {
		if !contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// queryUnits returns the words of a query as Words cuts them, except that
// a run of Han characters and kana with nothing between them is one unit,
// which a Chinese or Japanese segmenter cuts its own way.
func queryUnits(q string) []string {
	ws := Words(q)
	var out []string
	for i := 0; i < len(ws); {
		if !isCJK(ws[i].Text) {
			out = append(out, ws[i].Text)
			i++
			continue
		}
		j, end := i+1, ws[i].Start+len(ws[i].Text)
		for j < len(ws) && ws[j].Start == end && isCJK(ws[j].Text) {
			end += len(ws[j].Text)
			j++
		}
		out = append(out, q[ws[i].Start:end])
		i = j
	}
	return out
}

// porterStem returns the stem of a folded word by the Porter (1980)
// algorithm as SQLite's FTS5 porter tokenizer applies it ("running" and
// "runs" both stem to "run"), English's stemmer for search. Words with
// other than ASCII letters, and words of one or two letters, are returned
// as they are, as FTS5 does.
func porterStem(w string) string {
	if len(w) <= 2 {
		return w
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return w
		}
	}
	b := []byte(w)
	b = porterStep1a(b)
	b = porterStep1b(b)
	b = porterStep1c(b)
	b = porterStep2(b)
	b = porterStep3(b)
	b = porterStep4(b)
	b = porterStep5(b)
	return string(b)
}

// porterCons reports whether b[i] is a consonant: not a, e, i, o, u, and
// not a y after a consonant.
func porterCons(b []byte, i int) bool {
	switch b[i] {
	case 'a', 'e', 'i', 'o', 'u':
		return false
	case 'y':
		return i == 0 || !porterCons(b, i-1)
	}
	return true
}

// porterMeasure returns m, the number of vowel-consonant sequences in b.
func porterMeasure(b []byte) int {
	n, i := 0, 0
	for i < len(b) && porterCons(b, i) {
		i++
	}
	for i < len(b) {
		for i < len(b) && !porterCons(b, i) {
			i++
		}
		if i >= len(b) {
			break
		}
		for i < len(b) && porterCons(b, i) {
			i++
		}
		n++
	}
	return n
}

// porterHasVowel reports whether b contains a vowel.
func porterHasVowel(b []byte) bool {
	for i := range b {
		if !porterCons(b, i) {
			return true
		}
	}
	return false
}

// porterDouble reports whether b ends in a double consonant.
func porterDouble(b []byte) bool {
	n := len(b)
	return n >= 2 && b[n-1] == b[n-2] && porterCons(b, n-1)
}

// porterCVC reports whether b ends consonant-vowel-consonant, the last
// not w, x or y.
func porterCVC(b []byte) bool {
	n := len(b)
	if n < 3 || !porterCons(b, n-1) || porterCons(b, n-2) || !porterCons(b, n-3) {
		return false
	}
	switch b[n-1] {
	case 'w', 'x', 'y':
		return false
	}
	return true
}

// porterReplace replaces suffix by repl when the rest has a measure above
// min, and reports whether b ended in suffix.
func porterReplace(b *[]byte, suffix, repl string, min int) bool {
	if !porterEnds(*b, suffix) {
		return false
	}
	stem := (*b)[:len(*b)-len(suffix)]
	if porterMeasure(stem) > min {
		*b = append(stem, repl...)
	}
	return true
}

// porterEnds reports whether b ends in suffix, without allocating.
func porterEnds(b []byte, suffix string) bool {
	return len(b) >= len(suffix) && string(b[len(b)-len(suffix):]) == suffix
}

func porterStep1a(b []byte) []byte {
	switch {
	case porterEnds(b, "sses"), porterEnds(b, "ies"):
		return b[:len(b)-2]
	case porterEnds(b, "ss"):
		return b
	case porterEnds(b, "s"):
		return b[:len(b)-1]
	}
	return b
}

func porterStep1b(b []byte) []byte {
	if porterEnds(b, "eed") {
		if porterMeasure(b[:len(b)-3]) > 0 {
			return b[:len(b)-1]
		}
		return b
	}
	var stem []byte
	switch {
	case porterEnds(b, "ed") && porterHasVowel(b[:len(b)-2]):
		stem = b[:len(b)-2]
	case porterEnds(b, "ing") && porterHasVowel(b[:len(b)-3]):
		stem = b[:len(b)-3]
	default:
		return b
	}
	switch {
	case porterEnds(stem, "at"), porterEnds(stem, "bl"), porterEnds(stem, "iz"):
		return append(stem, 'e')
	case porterDouble(stem):
		switch stem[len(stem)-1] {
		case 'l', 's', 'z':
			return stem
		}
		return stem[:len(stem)-1]
	case porterMeasure(stem) == 1 && porterCVC(stem):
		return append(stem, 'e')
	}
	return stem
}

func porterStep1c(b []byte) []byte {
	if n := len(b); b[n-1] == 'y' && porterHasVowel(b[:n-1]) {
		b[n-1] = 'i'
	}
	return b
}

// porterStep2Rules are step 2's suffixes and their replacements.
var porterStep2Rules = [][2]string{
	{"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"}, {"anci", "ance"},
	{"izer", "ize"}, {"bli", "ble"}, {"alli", "al"}, {"entli", "ent"}, {"eli", "e"},
	{"ousli", "ous"}, {"ization", "ize"}, {"ation", "ate"}, {"ator", "ate"},
	{"alism", "al"}, {"iveness", "ive"}, {"fulness", "ful"}, {"ousness", "ous"},
	{"aliti", "al"}, {"iviti", "ive"}, {"biliti", "ble"}, {"logi", "log"},
}

func porterStep2(b []byte) []byte {
	for _, r := range porterStep2Rules {
		if porterReplace(&b, r[0], r[1], 0) {
			break
		}
	}
	return b
}

// porterStep3Rules are step 3's suffixes and their replacements.
var porterStep3Rules = [][2]string{
	{"icate", "ic"}, {"ative", ""}, {"alize", "al"}, {"iciti", "ic"},
	{"ical", "ic"}, {"ful", ""}, {"ness", ""},
}

func porterStep3(b []byte) []byte {
	for _, r := range porterStep3Rules {
		if porterReplace(&b, r[0], r[1], 0) {
			break
		}
	}
	return b
}

// porterStep4Suffixes are the suffixes step 4 removes.
var porterStep4Suffixes = []string{
	"al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
	"ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize",
}

func porterStep4(b []byte) []byte {
	for _, suffix := range porterStep4Suffixes {
		if !porterEnds(b, suffix) {
			continue
		}
		stem := b[:len(b)-len(suffix)]
		if suffix == "ion" && (len(stem) == 0 || (stem[len(stem)-1] != 's' && stem[len(stem)-1] != 't')) {
			return b
		}
		if porterMeasure(stem) > 1 {
			return stem
		}
		return b
	}
	return b
}

func porterStep5(b []byte) []byte {
	if n := len(b); b[n-1] == 'e' {
		stem := b[:n-1]
		if m := porterMeasure(stem); m > 1 || (m == 1 && !porterCVC(stem)) {
			b = stem
		}
	}
	if n := len(b); b[n-1] == 'l' && porterDouble(b) && porterMeasure(b) > 1 {
		b = b[:n-1]
	}
	return b
}
