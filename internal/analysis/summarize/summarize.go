package summarize

import (
	"math"
	"sort"
	"strings"
	"sync"

	"github.com/storyline/storyline/internal/text"
)

// Summarizer summarizes articles and stories; an extractive one now, a
// language-model one may be plugged in later.
type Summarizer interface {
	// Article returns n sentences (default 3) of the article, in document
	// order.
	Article(a Input, n int) []string
	// Story returns a summary of a story drawn from all its articles
	// without repeating what several outlets say alike.
	Story(articles []Input, n int) []string
	// StoryBrief returns a story's brief in language lang, each sentence
	// citing the reports that state it, and how each of its outlets
	// covered it (see Extractive.Brief and Extractive.Coverage).
	StoryBrief(reports []Report, lang string) StoryBrief
	// BriefOfSentences returns sentences (an article's summary) as a
	// brief, or false when they do not make one (see
	// Extractive.BriefOfSentences).
	BriefOfSentences(sents []string, lang string) ([]string, bool)
}

// Input is one article to summarize.
type Input struct {
	// Title is the headline; it may be empty.
	Title string
	// Text is the body: paragraphs separated by blank lines.
	Text string
	// Lang is the ISO 639-1 code of the language ("en", "fr", …); empty
	// means detect it, and English when that fails.
	Lang string
	// Analyzer, when set, is the text analyzer of Lang to use, such as
	// a text.Analyzer.Scoped one shared with the text's other analyses;
	// nil means the summarizer's own.
	Analyzer *text.Analyzer
	// Doc, when set, is the article's shared text pass (of Title and
	// Text, in Lang, with Analyzer): its sentences and words are used
	// instead of splitting the text again.
	Doc *text.Doc
}

// Options configures an Extractive summarizer. The zero value means the
// defaults.
type Options struct {
	// Sentences is the summary length used when a call asks for n ≤ 0;
	// default 3.
	Sentences int
	// MinWords and MaxWords bound the length of a good summary sentence;
	// shorter and longer ones are used only when there are not enough
	// others. Defaults 6 and 60.
	MinWords, MaxWords int
	// Redundancy is the cosine similarity of two sentences' term vectors
	// at and above which the second repeats the first and is left out;
	// default 0.5.
	Redundancy float64
	// StoryRedundancy is the same for two sentences of different articles
	// of a story; outlets paraphrase one another rather than repeat
	// themselves, so it is lower: default 0.3.
	StoryRedundancy float64
}

// params are the weights of the scoring, fixed by the method rather
// than configured.
type params struct {
	// leadDecay is the position prior's rate: a sentence's prior is
	// 1/(1+rank)^leadDecay, rank counting the article's real sentences.
	leadDecay float64
	// centrality and title weigh the similarity to the rest of the text
	// and to the headline against the position prior.
	centrality, title float64
	// support weighs, in a story, the share of the other articles that
	// carry a similar sentence.
	support float64
	// supportSim is the similarity at which another article's sentence
	// counts as saying the same thing.
	supportSim float64
	// mmr is the weight of the score against redundancy in a story's
	// maximal-marginal-relevance selection.
	mmr float64
	// novelty is how much an article sentence's similarity to those
	// already chosen counts against it.
	novelty float64
}

// defaultParams returns the method's weights.
func defaultParams() params {
	return params{
		leadDecay:  1,
		centrality: 0.25,
		title:      0.3,
		support:    0.5,
		supportSim: 0.3,
		mmr:        0.7,
		novelty:    0.5,
	}
}

// Extractive is a Summarizer that picks sentences from the text: after
// dropping page furniture (bylines, time stamps, promotions, credits),
// sentences are scored by their position (news puts the gist first), by
// their TF-IDF similarity to the rest of the text and to the headline,
// and, in a story, by how many outlets report the same; the best are
// chosen leaving out any that repeats one already chosen. It is safe for
// concurrent use.
type Extractive struct {
	opts      Options
	p         params
	analyzers sync.Map // language code → *text.Analyzer
}

// NewExtractive returns an extractive summarizer with opts, zero fields
// replaced by their defaults.
func NewExtractive(opts Options) *Extractive {
	if opts.Sentences <= 0 {
		opts.Sentences = 3
	}
	if opts.MinWords <= 0 {
		opts.MinWords = 6
	}
	if opts.MaxWords <= 0 {
		opts.MaxWords = 60
	}
	if opts.MaxWords < opts.MinWords {
		opts.MaxWords = opts.MinWords
	}
	if opts.Redundancy <= 0 {
		opts.Redundancy = 0.5
	}
	if opts.StoryRedundancy <= 0 {
		opts.StoryRedundancy = 0.3
	}
	return &Extractive{opts: opts, p: defaultParams()}
}

var _ Summarizer = (*Extractive)(nil)

// analyzer returns the (cached) analyzer for lang.
func (e *Extractive) analyzer(lang string) *text.Analyzer {
	if a, ok := e.analyzers.Load(lang); ok {
		return a.(*text.Analyzer)
	}
	a, _ := e.analyzers.LoadOrStore(lang, text.NewAnalyzer(lang))
	return a.(*text.Analyzer)
}

// sentence is one sentence of an article as the scoring sees it.
type sentence struct {
	text    string // as output: trimmed, dateline removed
	article int    // index of its article
	index   int    // index among the article's sentences
	rank    int    // index among the article's non-junk sentences
	verdict verdict
	terms   []string
	vec     vector
	score   float64
}

// split returns the sentences of one article, cleaned and classified,
// with their terms; the title's terms are returned too.
func (e *Extractive) split(in Input, article int) (sents []sentence, titleTerms []string) {
	an := in.Analyzer
	if an == nil {
		lang := in.Lang
		if lang == "" {
			lang = text.DetectLanguage(in.Text)
		}
		an = e.analyzer(lang)
	}
	lang := an.Language()
	var titleWords []text.Word
	var raw []text.Sentence
	if in.Doc != nil {
		titleWords, raw = in.Doc.TitleWords, in.Doc.Sentences
	} else {
		titleWords, raw = text.WordsIn(lang, in.Title), text.Sentences(in.Text)
	}
	title := foldedKey(titleWords)
	seen := make(map[string]bool)
	stems := make(map[string]string, len(in.Text)/12) // word as written → term ("" for none); about half the words are distinct
	rank := 0
	cleaned, from := cleanSentences(raw)
	for i, t := range cleaned {
		if rank == 0 {
			// Before the first real sentence: where datelines are.
			if s := stripDateline(t); s != t {
				t, from[i] = s, -1
			}
		}
		var words []text.Word
		if in.Doc != nil && from[i] >= 0 {
			words = in.Doc.WordsBetween(raw[from[i]].Start, raw[from[i]].End)
		} else {
			words = text.WordsIn(lang, t)
		}
		v := classify(t, len(words), e.opts.MinWords, e.opts.MaxWords)
		key := foldedKey(words)
		if key == "" || key == title || seen[key] {
			v = junk
		}
		seen[key] = true
		sen := sentence{text: t, article: article, index: i, rank: rank, verdict: v}
		if v != junk {
			rank++
			sen.terms = termsOf(an, words, stems)
		}
		sents = append(sents, sen)
	}
	if in.Title != "" {
		titleTerms = termsOf(an, titleWords, stems)
	}
	return sents, titleTerms
}

// termsOf returns the index terms of words, remembering each word's term
// in stems: news repeats its words, and stemming is the costly part.
func termsOf(an *text.Analyzer, words []text.Word, stems map[string]string) []string {
	out := make([]string, 0, len(words))
	for _, w := range words {
		t, ok := stems[w.Text]
		if !ok {
			t, _ = an.Term(w.Text)
			stems[w.Text] = t
		}
		if t != "" {
			out = append(out, t)
		}
	}
	return out
}

// foldedKey returns words folded and joined by spaces, for recognising
// repeated sentences and the headline.
func foldedKey(words []text.Word) string {
	var b strings.Builder
	for _, w := range words {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(text.Fold(w.Text))
	}
	return b.String()
}

// vocabulary maps terms to dense IDs and counts, per term, the non-junk
// sentences it occurs in.
type vocabulary struct {
	ids map[string]int
	df  []int
}

// weigh builds the TF-IDF vectors of the non-junk sentences (IDF over
// those sentences) and returns the vocabulary.
func weigh(sents []sentence, titleTerms []string) (vocabulary, vector) {
	voc := vocabulary{ids: make(map[string]int)}
	var last []int // per term: 1 + the last sentence counted in its df
	n := 0
	for i := range sents {
		if sents[i].verdict == junk {
			continue
		}
		n++
		for _, t := range sents[i].terms {
			id, ok := voc.ids[t]
			if !ok {
				id = len(voc.df)
				voc.ids[t] = id
				voc.df = append(voc.df, 0)
				last = append(last, 0)
			}
			if last[id] != i+1 {
				last[id] = i + 1
				voc.df[id]++
			}
		}
	}
	idf := make([]float64, len(voc.df))
	for id, df := range voc.df {
		idf[id] = math.Log(1 + float64(n)/float64(df))
	}
	tf := make(map[int]float64)
	for i := range sents {
		if sents[i].verdict == junk {
			continue
		}
		clear(tf)
		for _, t := range sents[i].terms {
			tf[voc.ids[t]]++
		}
		for id, c := range tf {
			tf[id] = (1 + math.Log(c)) * idf[id]
		}
		sents[i].vec = newVector(tf)
	}
	clear(tf)
	for _, t := range titleTerms {
		if id, ok := voc.ids[t]; ok {
			tf[id] = idf[id]
		}
	}
	return voc, newVector(tf)
}

// centralities returns each non-junk sentence's cosine similarity to the
// sum of the other non-junk sentences' vectors.
func centralities(sents []sentence, dims int) []float64 {
	centroid := make([]float64, dims)
	for i := range sents {
		if sents[i].verdict == junk || sents[i].vec.norm == 0 {
			continue
		}
		for k, id := range sents[i].vec.ids {
			centroid[id] += sents[i].vec.w[k] / sents[i].vec.norm
		}
	}
	var sq float64
	for _, c := range centroid {
		sq += c * c
	}
	out := make([]float64, len(sents))
	for i := range sents {
		v := sents[i].vec
		if sents[i].verdict == junk || v.norm == 0 {
			continue
		}
		// The similarity to the centroid without the sentence itself, the
		// unit vector u: (C−u)·v / (|v| |C−u|), |C−u|² = |C|² − 2C·u + 1.
		var cu float64
		for k, id := range v.ids {
			cu += centroid[id] * v.w[k] / v.norm
		}
		norm := math.Sqrt(math.Max(sq-2*cu+1, 0))
		if norm > 1e-9 {
			out[i] = (cu - 1) / norm
		}
	}
	return out
}

// positionPrior is the lead-bias prior of the sentence of rank r.
func (e *Extractive) positionPrior(r int) float64 {
	return 1 / math.Pow(float64(1+r), e.p.leadDecay)
}

// Article returns the n best sentences of the article in document order
// (n ≤ 0 means the configured default), fewer when it has fewer.
func (e *Extractive) Article(a Input, n int) []string {
	if n <= 0 {
		n = e.opts.Sentences
	}
	sents, titleTerms := e.split(a, 0)
	if len(sents) == 0 {
		return nil
	}
	voc, title := weigh(sents, titleTerms)
	cent := centralities(sents, len(voc.df))
	maxCent := maxOf(cent)
	for i := range sents {
		s := &sents[i]
		if s.verdict == junk {
			continue
		}
		s.score = e.positionPrior(s.rank)
		if maxCent > 0 {
			s.score += e.p.centrality * cent[i] / maxCent
		}
		s.score += e.p.title * cosine(s.vec, title)
	}
	chosen := e.pick(sents, n, func(s *sentence, maxSim float64) float64 {
		return s.score - e.p.novelty*maxSim
	})
	sort.Slice(chosen, func(i, j int) bool { return chosen[i].index < chosen[j].index })
	return texts(chosen)
}

// pick chooses up to n sentences greedily by gain, given each one's
// highest similarity to those chosen so far: first among the good
// candidates, then, when they run out, among the weak ones. A sentence
// as similar as the redundancy threshold (for the same article, or for
// another one) to one already chosen is never picked, nor is junk.
func (e *Extractive) pick(sents []sentence, n int, gain func(s *sentence, maxSim float64) float64) []*sentence {
	var chosen []*sentence
	used := make([]bool, len(sents))
	for _, allowed := range []verdict{keep, weak} {
		for len(chosen) < n {
			best, bestGain := -1, math.Inf(-1)
			for i := range sents {
				s := &sents[i]
				if used[i] || s.verdict != allowed {
					continue
				}
				sim, repeats := e.similarity(s, chosen)
				if repeats {
					continue
				}
				if g := gain(s, sim); g > bestGain {
					best, bestGain = i, g
				}
			}
			if best < 0 {
				break
			}
			used[best] = true
			chosen = append(chosen, &sents[best])
		}
	}
	return chosen
}

// similarity returns the highest cosine similarity of s to a chosen
// sentence, and whether s repeats one of them.
func (e *Extractive) similarity(s *sentence, chosen []*sentence) (maxSim float64, repeats bool) {
	for _, c := range chosen {
		sim := cosine(s.vec, c.vec)
		maxSim = math.Max(maxSim, sim)
		threshold := e.opts.Redundancy
		if c.article != s.article {
			threshold = e.opts.StoryRedundancy
		}
		if sim >= threshold {
			repeats = true
		}
	}
	return maxSim, repeats
}

// storyDepth is how many of each article's first real sentences a story
// summary draws on: the news is at the top, and it bounds the work of
// comparing every sentence with every other.
const storyDepth = 40

// Story returns n sentences summarizing a story told by several articles
// (n ≤ 0 means the configured default), taken in the order given, which
// callers make publication order. Sentences are scored by position in
// their article, similarity to the whole story, and the share of the
// other articles that report the same thing (only the first storyDepth
// sentences of each article are considered); they are chosen by maximal
// marginal relevance so what several outlets say alike appears once, and
// returned by article, then position.
func (e *Extractive) Story(articles []Input, n int) []string {
	if n <= 0 {
		n = e.opts.Sentences
	}
	sents := e.storySentences(articles)
	if len(sents) == 0 {
		return nil
	}
	top := 0.0
	for i := range sents {
		top = math.Max(top, sents[i].score)
	}
	chosen := e.pick(sents, n, func(s *sentence, maxSim float64) float64 {
		rel := s.score
		if top > 0 {
			rel /= top
		}
		return e.p.mmr*rel - (1-e.p.mmr)*maxSim
	})
	sort.Slice(chosen, func(i, j int) bool {
		if chosen[i].article != chosen[j].article {
			return chosen[i].article < chosen[j].article
		}
		return chosen[i].index < chosen[j].index
	})
	return texts(chosen)
}

// storySentences returns the sentences of a story's articles, scored by
// their position in their article, their similarity to the whole story
// and to the headlines, and the share of the other articles that report
// the same (only the first storyDepth sentences of each article count).
func (e *Extractive) storySentences(articles []Input) []sentence {
	var sents []sentence
	var titleTerms []string
	for k, a := range articles {
		s, tt := e.split(a, k)
		for i := range s {
			if s[i].rank >= storyDepth {
				// Past the part of an article a story summary draws on.
				s[i].verdict = junk
			}
		}
		sents = append(sents, s...)
		titleTerms = append(titleTerms, tt...)
	}
	if len(sents) == 0 {
		return nil
	}
	voc, title := weigh(sents, titleTerms)
	cent := centralities(sents, len(voc.df))
	maxCent := maxOf(cent)
	support := e.support(sents, len(articles))
	for i := range sents {
		s := &sents[i]
		if s.verdict == junk {
			continue
		}
		s.score = e.positionPrior(s.rank)
		if maxCent > 0 {
			s.score += e.p.centrality * cent[i] / maxCent
		}
		s.score += e.p.title*cosine(s.vec, title) + e.p.support*support[i]
	}
	return sents
}

// support returns, for each sentence, the share of the other articles
// that have a sentence at least supportSim-similar to it.
func (e *Extractive) support(sents []sentence, articles int) []float64 {
	out := make([]float64, len(sents))
	if articles < 2 {
		return out
	}
	// agree[k] == i+1 when article k has been found to agree with
	// sentence i.
	agree := make([]int, articles)
	for i := range sents {
		if sents[i].verdict == junk {
			continue
		}
		count := 0
		for j := range sents {
			k := sents[j].article
			if k == sents[i].article || sents[j].verdict == junk || agree[k] == i+1 {
				continue
			}
			if cosine(sents[i].vec, sents[j].vec) >= e.p.supportSim {
				agree[k] = i + 1
				count++
			}
		}
		out[i] = float64(count) / float64(articles-1)
	}
	return out
}

// maxOf returns the largest of xs, 0 for none.
func maxOf(xs []float64) float64 {
	m := 0.0
	for _, x := range xs {
		m = math.Max(m, x)
	}
	return m
}

// texts returns the texts of sents.
func texts(sents []*sentence) []string {
	out := make([]string, len(sents))
	for i, s := range sents {
		out[i] = s.text
	}
	return out
}
