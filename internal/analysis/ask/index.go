package ask

import (
	"slices"

	"github.com/storyline/storyline/internal/text"
)

// Report is one article of the story.
type Report struct {
	// ID is the article's, which passages cite.
	ID int64
	// Source is the outlet that published it.
	Source string
	// Title is its headline; not indexed, since a headline is no
	// sentence.
	Title string
	// Text is its body, paragraphs separated by blank lines.
	Text string
	// Lang is its language, an ISO 639-1 code; "" when unknown: then the
	// one its text tells, else the story's.
	Lang string
}

// Passage is one sentence of the coverage and the articles that carry
// it.
type Passage struct {
	// Text is the sentence as the first report carrying it has it.
	Text string
	// ArticleIDs are the IDs of the reports carrying it, each once, in
	// the order of the reports given to New.
	ArticleIDs []int64
	// Score is how well it answers the question: comparable between the
	// passages of one question only.
	Score float64
}

// Index holds a story's sentences for retrieval. It is read only once
// made: safe for concurrent use.
type Index struct {
	passages []passage
	postings [][]posting // by term id
	vocab    map[string]int32
	langs    []*text.Analyzer // the languages of the reports, the story's first
	english  *text.Analyzer   // for questions in English when no report is; nil when one is
	avgLen   float64          // mean terms per passage
}

// passage is one distinct sentence of the coverage.
type passage struct {
	text   string
	ids    []int64
	report int     // index of the report it was first read in
	seq    int     // index among that report's answerable sentences
	tokens []int32 // its terms, in order
	terms  []int32 // its terms, sorted, each once
}

// posting is one passage a term occurs in, and how often.
type posting struct {
	passage int32
	tf      int32
}

// New indexes the answerable sentences of reports, lang being the
// story's language (ISO 639-1, "" unknown). Each report is analysed in
// its own language (Report.Lang, else the one its text tells, else
// lang). The same or nearly the same sentence in several reports
// makes one passage.
func New(reports []Report, lang string) *Index {
	size := 0
	for _, r := range reports {
		size += min(len(r.Text), maxReportBytes)
	}
	b := newBuilder(lang, size)
	cands := make([]candidate, 0, size/100)
	for i, r := range reports {
		cands = b.appendReport(cands, i, r)
	}
	ix := &Index{vocab: b.vocab, langs: b.langs}
	if !slices.ContainsFunc(b.langs, func(a *text.Analyzer) bool { return a.Language() == "en" }) {
		ix.english = text.NewAnalyzer("en")
	}
	ix.passages = merge(cands, reports, len(b.vocab))
	ix.postings, ix.avgLen = postingsOf(ix.passages, len(b.vocab))
	return ix
}

// postingsOf returns, by term id, the passages each term occurs in, and
// the mean number of terms in a passage. The lists share one array.
func postingsOf(ps []passage, terms int) ([][]posting, float64) {
	df := make([]int32, terms)
	total, pairs := 0, 0
	for i := range ps {
		total += len(ps[i].tokens)
		pairs += len(ps[i].terms)
		for _, t := range ps[i].terms {
			df[t]++
		}
	}
	out := make([][]posting, terms)
	flat := make([]posting, pairs)
	at := 0
	for t, n := range df {
		out[t] = flat[at : at : at+int(n)]
		at += int(n)
	}
	counts := df // each term's frequency in the passage at hand
	clear(counts)
	for i := range ps {
		p := &ps[i]
		for _, t := range p.tokens {
			counts[t]++
		}
		for _, t := range p.terms {
			out[t] = append(out[t], posting{passage: int32(i), tf: counts[t]})
			counts[t] = 0
		}
	}
	avg := 1.0
	if total > 0 {
		avg = float64(total) / float64(len(ps))
	}
	return out, avg
}

// candidate is one answerable sentence of one report, before sentences
// repeated across reports are merged.
type candidate struct {
	text   string
	report int
	seq    int
	tokens []int32 // its terms, in order
	terms  []int32 // its terms, sorted, each once
	key    string  // its words folded: a short sentence repeats only as itself
}

// builder reads reports into candidates, giving each term an id.
type builder struct {
	story *text.Analyzer
	langs []*text.Analyzer
	vocab map[string]int32
	memo  map[*text.Analyzer]map[string]int32 // word as written → term id, -1 for none
	// ids holds the candidates' term ids: one allocation for many
	// sentences.
	ids []int32
}

// newBuilder returns a builder for a story in language lang whose
// reports hold size bytes of text.
func newBuilder(lang string, size int) *builder {
	story := text.NewAnalyzer(lang)
	words := size/40 + 16 // distinct words: roughly one in seven of a text's, more in a short one
	return &builder{
		story: story,
		langs: []*text.Analyzer{story},
		vocab: make(map[string]int32, words),
		memo:  map[*text.Analyzer]map[string]int32{story: make(map[string]int32, words)},
		ids:   make([]int32, 0, size/4),
	}
}

// analyzer returns the analyzer of language code, adding it to the
// story's languages when new.
func (b *builder) analyzer(code string) *text.Analyzer {
	for _, a := range b.langs {
		if a.Language() == text.NormalizeLanguage(code) {
			return a
		}
	}
	a := text.NewAnalyzer(code)
	b.langs = append(b.langs, a)
	b.memo[a] = make(map[string]int32, 1024)
	return a
}

// reportLanguage returns the language report r is analysed in: the one
// it declares (the stored article's, already chosen from its text),
// else the one its text tells, else the story's.
func (b *builder) reportLanguage(r Report) *text.Analyzer {
	if r.Lang != "" {
		return b.analyzer(r.Lang)
	}
	if l := text.ChooseLanguage(b.story.Language(), r.Text); l != "" {
		return b.analyzer(l)
	}
	return b.story
}

// appendReport appends the answerable sentences of report r (the i-th)
// to cands. The dateline before its first one is cut.
func (b *builder) appendReport(cands []candidate, i int, r Report) []candidate {
	if r.Text == "" {
		return cands
	}
	an := b.reportLanguage(r)
	lang := an.Language()
	seq := 0
	for _, s := range reportSentences(r.Text) {
		if seq == 0 {
			s = stripDateline(s)
		}
		if !wellFormed(s) {
			continue
		}
		words := text.WordsIn(lang, s)
		if !wordsFit(s, words) {
			continue
		}
		c := candidate{text: s, report: i, seq: seq, tokens: b.termIDs(an, words)}
		if len(c.tokens) == 0 {
			continue
		}
		c.terms = b.distinct(c.tokens)
		if len(c.terms) < minNearTerms {
			c.key = foldedKey(words)
		}
		cands = append(cands, c)
		seq++
	}
	return cands
}

// termIDs returns the term ids of words, in order, stop words left out.
func (b *builder) termIDs(an *text.Analyzer, words []text.Word) []int32 {
	memo := b.memo[an]
	start := len(b.ids)
	for _, w := range words {
		id, ok := memo[w.Text]
		if !ok {
			id = -1
			if t, ok := termOf(an, w.Text); ok {
				id, ok = b.vocab[t]
				if !ok {
					id = int32(len(b.vocab))
					b.vocab[t] = id
				}
			}
			memo[w.Text] = id
		}
		if id >= 0 {
			b.ids = append(b.ids, id)
		}
	}
	return b.ids[start:len(b.ids):len(b.ids)]
}

// distinct returns ids sorted, each once, in a new slice of b.ids.
func (b *builder) distinct(ids []int32) []int32 {
	start := len(b.ids)
	b.ids = append(b.ids, ids...)
	seg := b.ids[start:]
	slices.Sort(seg)
	b.ids = b.ids[:start+len(slices.Compact(seg))]
	return b.ids[start:len(b.ids):len(b.ids)]
}

// foldedKey returns words folded and joined by spaces.
func foldedKey(words []text.Word) string {
	n := 0
	for _, w := range words {
		n += len(w.Text) + 1
	}
	buf := make([]byte, 0, n)
	for i, w := range words {
		if i > 0 {
			buf = append(buf, ' ')
		}
		buf = append(buf, text.Fold(w.Text)...)
	}
	return string(buf)
}
