package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/text"
)

// ExtractIn returns the entities named in an article written in the
// language lang (an ISO 639-1 code such as "de", "zh", "ar", or a BCP 47
// tag such as "pt-BR"), sorted as Extract sorts them. English ("en", or
// "" for unknown) is Extract's. Other languages are read with the
// multilingual place table (CLDR and GeoNames names, loaded on first use)
// and with the cues of the language:
//
//   - in alphabets with capitals (Latin, Cyrillic, Greek), places are
//     capitalised word sequences the table knows, also with a case ending
//     ("Irans", "в Москве", "Тегерана"); people are two to four
//     capitalised words after a role ("Bundeskanzler", "ministra",
//     "министр") or starting with a known given name, or (but in German,
//     which capitalises every noun) before or after a said verb ("dijo",
//     "заявил"); organisations are named by their head ("Ministerio de …",
//     "Banque de …", "Министерство …"), their last word ("Europäische
//     Union", "Bundeswirtschaftsministerium"), a legal form ("… AG") or
//     an acronym;
//   - in Arabic and Persian, places are looked up with the letters
//     normalised and the article and clinging prepositions removed
//     ("بطهران", "والسعودية");
//   - in Chinese, Japanese, Korean and Thai, places are the longest names
//     the table knows in the stream of characters (two characters at
//     least).
//
// People and organisations are found only in alphabets with capitals.
func (e *Extractor) ExtractIn(lang, title, body string) []Entity {
	return e.extractIn(lang, title, body, nil)
}

// extractIn is ExtractIn, from the article's shared text pass when td is
// not nil.
func (e *Extractor) extractIn(lang, title, body string, td *text.Doc) []Entity {
	lang = langCode(lang)
	if lang == "en" {
		return e.Extract(title, body)
	}
	if strings.TrimSpace(title) == "" && strings.TrimSpace(body) == "" {
		return nil
	}
	x := &i18nState{e: e, t: placesI18n(), lang: lang, byKey: make(map[string]int, 32)}
	src := body
	if strings.TrimSpace(title) != "" {
		src = title + "\n\n" + body
	}
	switch dominantScript(src) {
	case scriptRunless:
		x.runless(src)
	case scriptArabic:
		x.words(src, true)
	case scriptCaseless:
		x.words(src, false)
	default:
		x.cased(title, body, td)
	}
	return x.entities()
}

// langCode returns the primary subtag of a language tag, lower-cased; ""
// is English.
func langCode(tag string) string {
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	tag = strings.ToLower(strings.TrimSpace(tag))
	if tag == "" {
		return "en"
	}
	return tag
}

// The kinds of script an article is read in.
const (
	scriptCased    = iota // Latin, Cyrillic, Greek, Armenian …: capitals mean something
	scriptArabic          // Arabic, Persian, Urdu …
	scriptRunless         // Chinese, Japanese, Korean, Thai …: names inside runs of letters
	scriptCaseless        // Hebrew, Devanagari, Georgian …: words without capitals
)

// dominantScript returns the kind of script most letters of the first
// 2,000 characters of s are written in.
func dominantScript(s string) int {
	var n [4]int
	seen := 0
	for _, r := range s {
		if seen++; seen > 2000 {
			break
		}
		switch {
		case !unicode.IsLetter(r):
		case unicode.IsUpper(r) || unicode.IsLower(r):
			n[scriptCased]++
		case unicode.Is(unicode.Arabic, r):
			n[scriptArabic]++
		case isRunless(r):
			n[scriptRunless]++
		default:
			n[scriptCaseless]++
		}
	}
	best := scriptCased
	for k := range n {
		if n[k] > n[best] {
			best = k
		}
	}
	return best
}

// i18nState is one extraction from an article not in English.
type i18nState struct {
	e     *Extractor
	t     *i18nTable
	lang  string
	out   []Entity
	byKey map[string]int // Key → index in out
	// lastWords maps the last word of each person's name found (folded,
	// stemmed in Slavic languages) to the person, for surname mentions.
	lastWords map[string]int
}

// add counts a mention of an entity.
func (x *i18nState) add(name string, k Kind) int {
	key := Key(Entity{Name: name, Kind: k})
	if i, ok := x.byKey[key]; ok {
		x.out[i].Count++
		return i
	}
	x.byKey[key] = len(x.out)
	x.out = append(x.out, Entity{Name: name, Kind: k, Count: 1})
	return len(x.out) - 1
}

// entities returns what was found, sorted.
func (x *i18nState) entities() []Entity {
	if len(x.out) == 0 {
		return nil
	}
	out := append([]Entity(nil), x.out...)
	sortEntities(out)
	return out
}

// find returns the place the table knows by a key, in the article's
// language first.
func (x *i18nState) find(key string) (i18nEntry, bool) {
	if m := x.t.lang[x.lang]; m != nil {
		if e, ok := m[key]; ok {
			return e, e.name != ""
		}
	}
	e, ok := x.t.common[key]
	return e, ok && e.name != ""
}

// runless finds the places named in text written without spaces: at each
// character, the longest name the table knows (two characters at least).
func (x *i18nState) runless(src string) {
	var offs []int // byte offset of each rune, and len(src)
	for i := range src {
		offs = append(offs, i)
	}
	offs = append(offs, len(src))
	n := len(offs) - 1
	for p := 0; p < n; {
		r, _ := utf8.DecodeRuneInString(src[offs[p]:])
		if !unicode.IsLetter(r) {
			p++
			continue
		}
		found := false
		if p+2 > n || !x.t.starts[src[offs[p]:offs[p+2]]] {
			p++
			continue
		}
		for l := min(x.t.maxRunes, n-p); l >= 2; l-- {
			w := src[offs[p]:offs[p+l]]
			if cjkNotPlaces[w] {
				p += l
				found = true
				break
			}
			if e, ok := x.find(w); ok {
				x.add(e.name, Place)
				p += l
				found = true
				break
			}
		}
		if !found {
			p++
		}
	}
}

// arabicPrefixes cling to a word in Arabic: conjunctions first, then
// prepositions ("وبطهران"); "لل" is ل before the article.
var (
	arabicConj  = []string{"و", "ف"}
	arabicPreps = []string{"لل", "ب", "ل", "ک"}
)

// hebrewPrefixes cling to a word in Hebrew.
const hebrewPrefixes = "בלהומשכ"

// words finds the places named in text written in words without
// capitals: sequences of words the table knows, in Arabic script with
// clinging conjunctions and prepositions removed from the first word.
func (x *i18nState) words(src string, arabic bool) {
	ws := text.Words(src)
	keys := make([]string, len(ws))
	for i, w := range ws {
		keys[i] = i18nFold(w.Text)
	}
	maxW := min(x.t.maxWords, 6)
	for i := 0; i < len(ws); {
		matched := 0
		variants := firstVariants(ws[i].Text, arabic)
		long := false // a name of several words may start here
		for _, v := range variants {
			long = long || x.t.firsts[v]
		}
		for l := min(maxW, len(ws)-i); l >= 1 && matched == 0; l-- {
			if l > 1 && !long || !adjacent(src, ws, i, l) {
				continue
			}
			rest := strings.Join(keys[i+1:i+l], " ")
			for _, v := range variants {
				k := v
				if rest != "" {
					k += " " + rest
				}
				if e, ok := x.find(k); ok {
					x.add(e.name, Place)
					matched = l
					break
				}
			}
		}
		i += max(matched, 1)
	}
}

// adjacent reports whether the l words from i are separated by white
// space only (or a hyphen), without a line break between paragraphs.
func adjacent(src string, ws []text.Word, i, l int) bool {
	for k := i + 1; k < i+l; k++ {
		gap := src[ws[k-1].Start+len(ws[k-1].Text) : ws[k].Start]
		if strings.TrimSpace(gap) != "" && gap != "-" || strings.Contains(gap, "\n\n") {
			return false
		}
	}
	return true
}

// firstVariants returns the keys of a word to look up: the word, then
// (Arabic script) without a clinging conjunction and preposition, or
// (Hebrew) without one or two prefixed letters, the word before a
// zero-width non-joiner (Persian plurals).
func firstVariants(w string, arabic bool) []string {
	out := []string{i18nFold(w)}
	if i := strings.IndexRune(w, '\u200c'); i > 0 {
		out = append(out, i18nFold(w[:i]))
	}
	if arabic {
		n := normArabic(w)
		for _, c := range append([]string{""}, arabicConj...) {
			r := strings.TrimPrefix(n, c)
			if len(r) == len(n) && c != "" {
				continue
			}
			if c != "" && utf8.RuneCountInString(r) >= 3 {
				out = append(out, i18nFold(r))
			}
			for _, p := range arabicPreps {
				if q, ok := strings.CutPrefix(r, p); ok && utf8.RuneCountInString(q) >= 3 {
					out = append(out, i18nFold(q))
				}
			}
		}
		return out
	}
	for k, r := 0, w; k < 2; k++ {
		c, size := utf8.DecodeRuneInString(r)
		if !strings.ContainsRune(hebrewPrefixes, c) || utf8.RuneCountInString(r) < 5 {
			break
		}
		r = r[size:]
		out = append(out, i18nFold(r))
	}
	return out
}
