package keyphrase

import "github.com/storyline/storyline/internal/text"

// maxKey is the most words a candidate can have, whatever Options say.
const maxKey = 6

// key is a candidate's stem sequence: stem indexes, unused slots -1.
type key [maxKey]int32

// candidate is one distinct phrase (by stems) of a document.
type candidate struct {
	key   key
	n     int  // words
	tf    int  // occurrences of the stem sequence within runs of content words
	first int  // token index of the first occurrence
	at    int  // token index of the occurrence whose form is shown
	title bool // occurs in the title
	whole bool // a whole segment somewhere, not only a part of one
	score float64
}

// span is a sequence of tokens [start, end).
type span struct{ start, end int }

// candidates tokenizes a document and returns its candidates, in no
// particular order: every segment of a run of content words (up to
// MaxWords words; longer ones cut), and every content word on its own
// unless it is a part of a name it never occurs without.
func (e *Extractor) candidates(a *text.Analyzer, title, body string, df *text.DocFreq) (*doc, []*candidate) {
	lang := a.Language()
	return e.candidatesOf(a, title, text.WordsIn(lang, title), body, text.WordsIn(lang, body), df)
}

// candidatesOf is candidates given the words of the title and the body.
func (e *Extractor) candidatesOf(a *text.Analyzer, title string, titleWords []text.Word, body string, bodyWords []text.Word, df *text.DocFreq) (*doc, []*candidate) {
	stop := stopWords{extra: extraStopWords[a.Language()]}
	if df != nil && df.Docs() >= e.p.collectionStopDocs {
		stop.df, stop.share = df, e.p.collectionStopShare
	}
	d := tokenize(a, a.Language(), title, titleWords, body, bodyWords, stop)
	d.capitals()
	maxWords := e.p.maxWords
	byKey := make(map[key]*candidate, len(d.tokens)/2)
	add := func(s span, whole bool) {
		k := d.keyOf(s)
		c, ok := byKey[k]
		if !ok {
			c = &candidate{key: k, n: s.end - s.start, first: -1}
			byKey[k] = c
		}
		c.whole = c.whole || whole
	}
	var segs []span
	runs := d.runs()
	for _, r := range runs {
		segs = d.segments(r, segs[:0])
		for _, s := range segs {
			for start := s.start; start < s.end; start += maxWords {
				add(span{start, min(start+maxWords, s.end)}, true)
			}
		}
		for i := r.start; i < r.end; i++ {
			add(span{i, i + 1}, false)
		}
	}
	// Count every occurrence of each candidate's stems within the runs,
	// and pick the occurrence to show: in the body rather than the title,
	// where capitals mean something, not in capitals only.
	for _, r := range runs {
		for i := r.start; i < r.end; i++ {
			for j := i + 1; j <= r.end && j-i <= maxWords; j++ {
				c, ok := byKey[d.keyOf(span{i, j})]
				if !ok {
					continue
				}
				c.tf++
				if c.first < 0 {
					c.first, c.at = i, i
				} else if d.formPenalty(i, c.n) < d.formPenalty(c.at, c.n) {
					c.at = i
				}
				if i < d.title {
					c.title = true
				}
			}
		}
	}
	out := make([]*candidate, 0, len(byKey))
	for _, c := range byKey {
		out = append(out, c)
	}
	return d, absorbNameParts(d, out)
}

// formPenalty ranks the occurrence of n tokens at i for showing: lower is
// better.
func (d *doc) formPenalty(i, n int) int {
	p := 0
	if i < d.title {
		p += 4
	}
	for j := i; j < i+n; j++ {
		if d.tokens[j].initial {
			p += 2
		}
		if d.tokens[j].upper {
			p++
		}
	}
	return p
}

// keyOf returns the stem sequence of a span.
func (d *doc) keyOf(s span) key {
	k := key{-1, -1, -1, -1, -1, -1}
	for i := s.start; i < s.end && i-s.start < maxKey; i++ {
		k[i-s.start] = int32(d.tokens[i].stem)
	}
	return k
}

// runs returns the maximal runs of content tokens not broken by
// punctuation.
func (d *doc) runs() []span {
	var out []span
	start := -1
	for i, t := range d.tokens {
		if (!t.content || t.brk) && start >= 0 {
			out = append(out, span{start, i})
			start = -1
		}
		if t.content && start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, span{start, len(d.tokens)})
	}
	return out
}

// wordForms are the other ways a document writes a word: in lower case
// ("talks" for a sentence-initial "Talks"), and capitalised but not all in
// capitals ("Tokyo" for a dateline's "TOKYO").
type wordForms struct {
	lower, capital string
	capitalUses    int // capitalised where no capital is required
}

// capitals fills d.caps — for every token, whether it counts as
// capitalised for segmentation: a capital where none is required, or a
// word the document never writes in lower case — and d.forms.
func (d *doc) capitals() {
	d.forms = make(map[string]*wordForms, len(d.tokens)/2)
	for i := d.title; i < len(d.tokens); i++ {
		t := d.tokens[i]
		if !t.content {
			continue
		}
		f := d.forms[t.fold]
		if f == nil {
			f = &wordForms{}
			d.forms[t.fold] = f
		}
		switch {
		case !t.caps:
			if f.lower == "" {
				f.lower = t.text
			}
		case !t.upper:
			if !t.initial {
				if f.capital == "" {
					f.capital = t.text
				}
				f.capitalUses++
			}
		case !t.initial:
			f.capitalUses++
		}
	}
	d.caps = make([]bool, len(d.tokens))
	for i, t := range d.tokens {
		if !t.content || !t.caps {
			continue
		}
		f := d.forms[t.fold]
		proper := f != nil && f.lower == "" && f.capitalUses > 0
		d.caps[i] = proper || (!t.initial && !t.title)
	}
}

// segments splits a run where a proper-noun span meets common words: before
// a capitalised word that follows a lower-case one ("TV actress | Luisana
// Lopilato"), and after a span of two or more capitalised words that a
// lower-case word follows ("Michael Buble | kisses"), unless the span ends
// with an acronym, which usually modifies what follows ("UN peacekeepers").
func (d *doc) segments(r span, out []span) []span {
	caps := d.caps
	start := r.start
	for i := r.start + 1; i < r.end; i++ {
		split := false
		if caps[i] && !caps[i-1] {
			split = true
		} else if !caps[i] && caps[i-1] && !d.tokens[i-1].upper {
			n := 0
			for j := i - 1; j >= start && caps[j]; j-- {
				n++
			}
			split = n >= 2
		}
		if split {
			out = append(out, span{start, i})
			start = i
		}
	}
	return append(out, span{start, r.end})
}

// absorbNameParts drops the single capitalised words that only occur
// within one longer name ("Buenos" of "Buenos Aires", "Luisana" of
// "Luisana Lopilato"): a part of a name is no keyphrase of its own.
func absorbNameParts(d *doc, cands []*candidate) []*candidate {
	var names []*candidate
	for _, c := range cands {
		if c.n > 1 && c.whole && d.allCaps(c.first, c.n) {
			names = append(names, c)
		}
	}
	if len(names) == 0 {
		return cands
	}
	out := cands[:0]
	for _, c := range cands {
		drop := false
		if c.n == 1 && d.caps[c.first] {
			for _, m := range names {
				if m.tf >= c.tf && subset(c, m) {
					drop = true
					break
				}
			}
		}
		if !drop {
			out = append(out, c)
		}
	}
	return out
}

// allCaps reports whether the n tokens from i all count as capitalised.
func (d *doc) allCaps(i, n int) bool {
	for j := i; j < i+n; j++ {
		if !d.caps[j] {
			return false
		}
	}
	return true
}
