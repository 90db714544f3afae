package keyphrase

import (
	"sort"
	"sync"

	"github.com/storyline/storyline/internal/text"
)

// Phrase is one keyphrase of a document or a story.
type Phrase struct {
	// Text is the phrase as written in the document, e.g. "nuclear talks";
	// a capital a word only has for starting a sentence or a title is
	// lowered when the document also writes the word in lower case.
	Text string
	// Score is the phrase's weight; only its order within one list means
	// anything.
	Score float64
	// Hashtag is Hashtag(Text), e.g. "#NuclearTalks".
	Hashtag string
}

// Options configure an Extractor. The zero value is the default.
type Options struct {
	// MaxWords is the most words a keyphrase has; 0 means 4, and values
	// above 6 count as 6.
	MaxWords int
}

// Extractor finds keyphrases. It holds immutable settings and a cache of
// analyzers, and is safe for concurrent use.
type Extractor struct {
	p         params
	mu        sync.Mutex
	analyzers map[string]*text.Analyzer
}

// New returns an Extractor with the given options.
func New(opts Options) *Extractor {
	p := defaultParams()
	if opts.MaxWords > 0 {
		p.maxWords = min(opts.MaxWords, maxKey)
	}
	return &Extractor{p: p, analyzers: make(map[string]*text.Analyzer)}
}

// maxAnalyzers bounds the analyzer cache against odd language tags.
const maxAnalyzers = 64

// analyzer returns the analyzer of lang, shared between calls.
func (e *Extractor) analyzer(lang string) *text.Analyzer {
	e.mu.Lock()
	defer e.mu.Unlock()
	a, ok := e.analyzers[lang]
	if !ok {
		a = text.NewAnalyzer(lang)
		if len(e.analyzers) < maxAnalyzers {
			e.analyzers[lang] = a
		}
	}
	return a
}

// language returns lang, or the detected language of the document when
// lang is "" (English when detection fails).
func language(lang, title, body string) string {
	if lang != "" {
		return lang
	}
	if l := text.DetectLanguage(title + "\n\n" + body); l != "" {
		return l
	}
	return "en"
}

// Extract returns the top n keyphrases of a document, best first, at most
// one per stem: a phrase sharing a stem with a better one is left out. df
// gives the document frequencies of stemmed terms (as text.Analyzer.Terms
// makes them) over the collection seen so far; it may be nil or empty, and
// then words weigh by their frequency in the document alone. lang is an
// ISO 639-1 code or a BCP 47 tag; "" means detect it, English when that
// fails. It is safe to call concurrently as long as df is not being
// changed.
func (e *Extractor) Extract(title, body, lang string, df *text.DocFreq, n int) []Phrase {
	if n <= 0 {
		return nil
	}
	return e.ExtractWith(e.analyzer(language(lang, title, body)), title, body, df, n)
}

// ExtractWith is Extract with the text analyzer of the document's
// language given, such as a text.Analyzer.Scoped one shared with the
// text's other analyses.
func (e *Extractor) ExtractWith(a *text.Analyzer, title, body string, df *text.DocFreq, n int) []Phrase {
	if n <= 0 {
		return nil
	}
	d, cands := e.candidates(a, title, body, df)
	return e.top(d, cands, df, n)
}

// ExtractDoc is Extract for an article's shared text pass.
func (e *Extractor) ExtractDoc(t *text.Doc, df *text.DocFreq, n int) []Phrase {
	if n <= 0 {
		return nil
	}
	d, cands := e.candidatesOf(t.Analyzer, t.Title, t.TitleWords, t.Body, t.Words, df)
	return e.top(d, cands, df, n)
}

// top scores the candidates of d and returns the best n.
func (e *Extractor) top(d *doc, cands []*candidate, df *text.DocFreq, n int) []Phrase {
	if len(cands) == 0 {
		return nil
	}
	e.score(d, cands, df)
	return e.selectTop(d, cands, n)
}

// Candidate is a candidate phrase of a document, before scoring.
type Candidate struct {
	// Text is the phrase as written (see Phrase.Text).
	Text string
	// Stems are the stems of its words by the language's analyzer.
	Stems []string
	// Count is how often the stem sequence occurs in the document.
	Count int
	// InTitle reports whether it occurs in the title.
	InTitle bool
	// Whole reports whether it is a whole phrase between stop words and
	// punctuation (split where proper nouns meet common words), rather
	// than only a word or a part of a longer phrase.
	Whole bool
}

// Candidates returns every candidate phrase of a document, in the order of
// first occurrence (the title's first), as Extract forms them before
// scoring. Evaluation baselines rank them. lang is as for Extract.
func (e *Extractor) Candidates(title, body, lang string) []Candidate {
	d, cands := e.candidates(e.analyzer(language(lang, title, body)), title, body, nil)
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].first != cands[j].first {
			return cands[i].first < cands[j].first
		}
		return cands[i].n > cands[j].n
	})
	out := make([]Candidate, 0, len(cands))
	for _, c := range cands {
		stems := make([]string, c.n)
		for i := range c.n {
			stems[i] = d.stems[c.key[i]]
		}
		out = append(out, Candidate{Text: d.display(c), Stems: stems, Count: c.tf, InTitle: c.title, Whole: c.whole})
	}
	return out
}
