package text

import (
	"sync"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/arabic"
	"github.com/blevesearch/snowballstem/danish"
	"github.com/blevesearch/snowballstem/dutch"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/finnish"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/hungarian"
	"github.com/blevesearch/snowballstem/irish"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/norwegian"
	"github.com/blevesearch/snowballstem/porter"
	"github.com/blevesearch/snowballstem/portuguese"
	"github.com/blevesearch/snowballstem/romanian"
	"github.com/blevesearch/snowballstem/russian"
	"github.com/blevesearch/snowballstem/spanish"
	"github.com/blevesearch/snowballstem/swedish"
	"github.com/blevesearch/snowballstem/tamil"
	"github.com/blevesearch/snowballstem/turkish"
)

// stemmers are the Snowball stemmers by ISO 639-1 language code.
var stemmers = map[string]func(*snowballstem.Env) bool{
	"ar": arabic.Stem, "da": danish.Stem, "nl": dutch.Stem, "en": english.Stem,
	"fi": finnish.Stem, "fr": french.Stem, "de": german.Stem, "hu": hungarian.Stem,
	"it": italian.Stem, "no": norwegian.Stem, "nb": norwegian.Stem, "pt": portuguese.Stem,
	"ro": romanian.Stem, "ru": russian.Stem, "es": spanish.Stem, "sv": swedish.Stem,
	"tr": turkish.Stem, "ga": irish.Stem, "ta": tamil.Stem,
}

// Analyzer turns words into index terms for one language: folded,
// stop words known, stemmed with the language's Snowball stemmer. It is
// safe for concurrent use, except a Scoped one.
type Analyzer struct {
	lang string
	stem func(*snowballstem.Env) bool // nil: no Snowball stemmer for the language
	// light is the hand-written normalisation of a language Snowball
	// has no stemmer for (Persian, Korean); nil for none.
	light func(string) string
	stop  map[string]bool
	envs  *sync.Pool // shared with the scoped copies
	// memo holds the stems a Scoped analyzer computed; nil otherwise.
	memo map[string]string
	// terms holds the terms a Scoped analyzer found for words as
	// written ("" for none); nil otherwise.
	terms map[string]string
}

// NewAnalyzer returns the analyzer for an ISO 639-1 language code ("en",
// "fr", …, or a BCP 47 tag such as "en-GB"). A language without a stemmer
// gets folding only; "" means English.
func NewAnalyzer(lang string) *Analyzer {
	lang = baseLanguage(lang)
	a := &Analyzer{lang: lang, stem: stemmers[lang], light: lightStemmers[lang], stop: stopSet(lang)}
	a.envs = &sync.Pool{New: func() any { return snowballstem.NewEnv("") }}
	return a
}

// Scoped returns a copy of a for the analyses of one text, which
// remembers every stem it computes: each distinct word of the text is
// stemmed once however many analyses (signature, summary, keyphrases,
// story terms) ask for it. Unlike a, it is not safe for concurrent use,
// and it is meant to be dropped with the text.
func (a *Analyzer) Scoped() *Analyzer {
	s := *a
	s.memo = make(map[string]string, 256) // a news article has a few hundred distinct words
	s.terms = make(map[string]string, 256)
	return &s
}

// NewPorterAnalyzer returns an English analyzer with the original Porter
// stemmer, the one evaluation metrics (ROUGE, keyphrase F1) are defined
// with.
func NewPorterAnalyzer() *Analyzer {
	a := NewAnalyzer("en")
	a.stem = porter.Stem
	return a
}

// Language returns the analyzer's language code.
func (a *Analyzer) Language() string { return a.lang }

// IsStop reports whether the folded word w is a stop word.
func (a *Analyzer) IsStop(w string) bool { return a.stop[w] }

// Stem returns the stem of the folded word w.
func (a *Analyzer) Stem(w string) string {
	if a.light != nil {
		return a.light(w)
	}
	if a.stem == nil || len(w) < 3 {
		return w
	}
	if s, ok := a.memo[w]; ok {
		return s
	}
	env := a.envs.Get().(*snowballstem.Env)
	env.SetCurrent(w)
	a.stem(env)
	s := env.Current()
	a.envs.Put(env)
	if a.memo != nil {
		a.memo[w] = s
	}
	return s
}

// Terms returns the index terms of s: its words folded, stop words and
// one-letter words dropped, stemmed.
func (a *Analyzer) Terms(s string) []string {
	ws := Words(s)
	out := make([]string, 0, len(ws))
	for _, w := range ws {
		if t, ok := a.Term(w.Text); ok {
			out = append(out, t)
		}
	}
	return out
}

// Term returns the index term of one word, and false for a stop word or a
// word of one letter.
func (a *Analyzer) Term(word string) (string, bool) {
	if t, ok := a.terms[word]; ok {
		return t, t != ""
	}
	t := ""
	if f := Fold(word); len(f) >= 2 && !a.stop[f] {
		t = a.Stem(f)
	}
	if a.terms != nil {
		a.terms[word] = t
	}
	return t, t != ""
}

// baseLanguage returns the primary subtag of a language tag, lower-cased;
// "" becomes "en".
func baseLanguage(tag string) string {
	b := []byte(tag)
	for i, c := range b {
		if c == '-' || c == '_' {
			b = b[:i]
			break
		}
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	if len(b) == 0 {
		return "en"
	}
	return string(b)
}
