// Package synth generates synthetic news articles for benchmarks: English-
// like text whose word frequencies follow Zipf's law, as real text does, so
// that index sizes and posting lists behave like a real store's. Output is
// deterministic for a seed. It is for measuring, never for content.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/storyline/storyline"
)

// commonWords are the most frequent English words, in rough frequency
// order; they take the top Zipf ranks.
var commonWords = strings.Fields(`the of and to a in that is was he for it with as his on be at by
i this had not are but from or have an they which one you were her all she there would their we him
been has when who will more no if out so said what up its about into than them can only other new
some could time these two may then do first any my now such like our over man me even most made
after also did many before must through back years where much your way well down should because
each just those people mr how too little state good very make world still own see men work long get
here between both life being under never day same another know while last might us great old year
off come since against go came right used take three states himself few house use during without
again place american around however home small found mrs thought went say part once general high
upon school every don does got united left number course war until always away something fact
though water less public put think almost hand enough far took head yet government system better
set told nothing night end why called didn eyes find going look asked later knew point next city
business give group toward young days let room president side social given present several order
national possible rather second face per among form important often things looked early white case
minister police officials talks report week country deal court election economy market company`)

// Generator makes articles. It is not safe for concurrent use.
type Generator struct {
	rng   *rand.Rand
	zipf  *rand.Zipf
	vocab []string
	start time.Time
	lang  *language
}

// New returns a generator of English-like text with a vocabulary of
// vocabSize words (at least the common words) seeded with seed.
func New(seed uint64, vocabSize int) *Generator {
	g, _ := NewIn("en", seed, vocabSize)
	return g
}

// NewIn is New for text like language lang: "en", "de" (German) or "zh"
// (Chinese, written without spaces). Another language is an error.
func NewIn(lang string, seed uint64, vocabSize int) (*Generator, error) {
	l, ok := languages[lang]
	if !ok {
		return nil, fmt.Errorf("synth: no generator for language %q (have en, de, zh)", lang)
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	vocab := append([]string(nil), l.common...)
	seen := make(map[string]bool, vocabSize)
	for _, w := range vocab {
		seen[w] = true
	}
	for len(vocab) < vocabSize {
		n := l.minSyllables + rng.IntN(3)
		var b strings.Builder
		for range n {
			b.WriteString(l.syllables[rng.IntN(len(l.syllables))])
		}
		w := b.String()
		if l.capitalize && rng.IntN(2) == 0 {
			w = strings.ToUpper(w[:1]) + w[1:] // a noun
		}
		if !seen[w] {
			seen[w] = true
			vocab = append(vocab, w)
		}
	}
	return &Generator{
		rng:   rng,
		zipf:  rand.NewZipf(rng, 1.07, 2, uint64(len(vocab)-1)),
		vocab: vocab,
		start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		lang:  l,
	}, nil
}

// Word returns one word drawn by frequency.
func (g *Generator) Word() string { return g.vocab[g.zipf.Uint64()] }

// Words returns n words drawn by frequency, joined by spaces (in
// Chinese, by nothing).
func (g *Generator) Words(n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = g.Word()
	}
	return strings.Join(ws, g.language().space)
}

// language returns the generator's language, English by default.
func (g *Generator) language() *language {
	if g.lang == nil {
		return languages["en"]
	}
	return g.lang
}

// sentence returns one sentence of 8 to 25 words.
func (g *Generator) sentence() string {
	s := g.Words(8 + g.rng.IntN(18))
	return capitalize(s) + g.language().stop
}

// capitalize returns s with its first letter upper-cased when it is an
// ASCII letter.
func capitalize(s string) string {
	if s != "" && s[0] >= 'a' && s[0] <= 'z' {
		return strings.ToUpper(s[:1]) + s[1:]
	}
	return s
}

// Article returns the i-th article: a title, about words words of text in
// paragraphs, an outlet among outlets, a URL and a publication time.
func (g *Generator) Article(i, words, outlets int) *storyline.Article {
	var paras []string
	n := 0
	for n < words {
		var sents []string
		for range 2 + g.rng.IntN(3) {
			s := g.sentence()
			n += g.wordsIn(s)
			sents = append(sents, s)
		}
		paras = append(paras, strings.Join(sents, g.language().space))
	}
	title := g.Words(5 + g.rng.IntN(6))
	text := strings.Join(paras, "\n\n")
	outlet := g.rng.IntN(max(outlets, 1))
	return &storyline.Article{
		URL:       fmt.Sprintf("https://outlet%d.example.com/news/%d", outlet, i),
		Source:    fmt.Sprintf("Outlet %d", outlet),
		Title:     capitalize(title),
		Language:  g.lang.codeOr("en"),
		Text:      text,
		WordCount: n,
		Published: g.start.Add(time.Duration(i) * time.Minute),
	}
}

// Query returns a search query of one to three words drawn by frequency,
// as people type them.
func (g *Generator) Query() string { return g.Words(1 + g.rng.IntN(3)) }
