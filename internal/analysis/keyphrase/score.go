package keyphrase

import (
	"math"
	"sort"
	"strings"

	"github.com/storyline/storyline/internal/text"
)

// params are the scoring constants.
type params struct {
	maxWords int
	// posWeight and posScale give the bonus for an early first
	// occurrence: × (1 + posWeight·exp(-first/posScale)), first the index
	// of the first occurrence among the words, the title's first.
	posWeight, posScale float64
	// titleBoost is the bonus for occurring in the title: × (1 + titleBoost).
	titleBoost float64
	// nameBoost is the bonus for a name (every word capitalised where no
	// capital is required): × (1 + nameBoost).
	nameBoost float64
	// collectionStopShare: with document frequencies of at least
	// collectionStopDocs documents, a word in this share of them or more
	// is a stop word (what stop lists do, for every language).
	collectionStopShare float64
	collectionStopDocs  int
}

// defaultParams are the scoring constants. On the development data the
// position, title and name bonuses change F1@10 by less than its noise
// (larger ones lower it); they are kept small, for the lead and the
// headline name the story in news, and names make the best hashtags.
func defaultParams() params {
	return params{
		maxWords:            4,
		posWeight:           0.2,
		posScale:            30,
		titleBoost:          0.2,
		nameBoost:           0.2,
		collectionStopShare: 0.5,
		collectionStopDocs:  100,
	}
}

// score sets the score of every candidate: the mean TF-IDF of its words
// (term frequency of the stem among the document's content words, times
// its IDF in df), with the bonuses for an early first occurrence, for
// occurring in the title and for being a name. A phrase thus ranks by how
// salient its words are; its own, lower, frequency does not count against
// it, nor does it get credit for its length.
func (e *Extractor) score(d *doc, cands []*candidate, df *text.DocFreq) {
	p := e.p
	tf := make([]float64, len(d.stems))
	for _, t := range d.tokens {
		if t.content {
			tf[t.stem]++
		}
	}
	weight := make([]float64, len(d.stems))
	for i := range d.stems {
		weight[i] = tf[i] * d.idf(i, df)
	}
	for _, c := range cands {
		var sum float64
		for i := range c.n {
			sum += weight[c.key[i]]
		}
		sc := sum / float64(c.n)
		sc *= 1 + p.posWeight*math.Exp(-float64(c.first)/p.posScale)
		if c.title {
			sc *= 1 + p.titleBoost
		}
		if d.allCaps(c.first, c.n) {
			sc *= 1 + p.nameBoost
		}
		c.score = sc
	}
}

// idf returns the IDF of stem i; a compound's is the mean of its parts'
// (collections count "Grammy-winning" as "grammi" and "win"). Without
// document frequencies every stem weighs 1.
func (d *doc) idf(i int, df *text.DocFreq) float64 {
	if df == nil || df.Docs() == 0 {
		return 1
	}
	parts := d.parts[i]
	if len(parts) == 0 {
		return df.IDF(d.stems[i])
	}
	var sum float64
	for _, p := range parts {
		sum += df.IDF(p)
	}
	return sum / float64(len(parts))
}

// selectTop returns the n best candidates as phrases, leaving out any that
// shares a stem with a better one (TopicRank's grouping by shared stems,
// decided greedily).
func (e *Extractor) selectTop(d *doc, cands []*candidate, n int) []Phrase {
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.score != b.score {
			return a.score > b.score
		}
		if a.first != b.first {
			return a.first < b.first
		}
		return a.n < b.n
	})
	var chosen []*candidate
	out := make([]Phrase, 0, min(n, len(cands)))
	for _, c := range cands {
		if len(out) == n {
			break
		}
		if sharesStemWithAny(c, chosen) {
			continue
		}
		t := d.display(c)
		h := Hashtag(t)
		if h == "" {
			continue
		}
		chosen = append(chosen, c)
		out = append(out, Phrase{Text: t, Score: c.score, Hashtag: h})
	}
	return out
}

// sharesStemWithAny reports whether c has a stem in common with a chosen
// candidate.
func sharesStemWithAny(c *candidate, chosen []*candidate) bool {
	for _, o := range chosen {
		for i := range c.n {
			for j := range o.n {
				if c.key[i] == o.key[j] {
					return true
				}
			}
		}
	}
	return false
}

// subset reports whether every stem of a is one of b's.
func subset(a, b *candidate) bool {
	for i := range a.n {
		found := false
		for j := range b.n {
			if a.key[i] == b.key[j] {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// display returns the written form of a candidate: its words at the
// occurrence chosen for showing, where a word capitalised only for
// starting a sentence or in a title takes the lower-case form the document
// also uses, and a word in capitals only (a dateline's "TOKYO") the
// capitalised form it also uses.
func (d *doc) display(c *candidate) string {
	var b strings.Builder
	for i := c.at; i < c.at+c.n; i++ {
		t := d.tokens[i]
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		w := t.text
		if c.n == 1 && d.surface != nil {
			w = d.surfaceOf(t)
		} else if f := d.forms[t.fold]; f != nil {
			switch {
			case t.caps && (t.initial || t.title) && f.lower != "":
				w = f.lower
			case t.upper && f.capital != "":
				w = f.capital
			}
		}
		b.WriteString(w)
	}
	return b.String()
}
