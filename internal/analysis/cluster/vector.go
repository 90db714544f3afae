package cluster

import (
	"context"
	"math"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/clipperhouse/uax29/v2/words"

	"github.com/storyline/storyline/internal/text"
)

// EntityPrefix starts the keys of entities among an article's and a
// story's terms, so that an entity "paris" and the word "paris" stay
// apart.
const EntityPrefix = "\x00"

// LanguagePrefix starts the key of a language term: an article in a
// language other than English carries one ("\x01de"), of no weight, and
// joins only stories with the same (see sameLanguage). Reports of one
// event in two languages are then two stories, each with a summary in
// its own language, linked as coverage in other languages rather than
// merged. English articles carry none, as they did before languages
// were told apart.
const LanguagePrefix = "\x01"

// Document is one article as the clusterer sees it.
type Document struct {
	Title string // weighted Options.TitleWeight
	Lead  string // the first paragraph or description; Options.LeadWeight
	Body  string // the rest of the text; Options.BodyWeight
	// Entities are keys of the entities the article names (people,
	// places, organisations), however the caller's extractor spells them;
	// two articles share an entity when they share a key. Each counts
	// Options.EntityWeight. Optional.
	Entities []string
	// Time is the article's date: when it was published, else the best
	// the caller knows. Zero for an undated article, which is compared by
	// content alone and never moves a story's span.
	Time time.Time
	// Analyzer, when set, is the text analyzer of Lang to find terms
	// with, such as a text.Analyzer.Scoped one shared with the text's
	// other analyses; nil means the clusterer's own (with its word cache).
	Analyzer *text.Analyzer
	Lang     string // ISO 639-1 code or BCP 47 tag; "" means English
	// TitleWords, LeadWords and BodyWords, when set, are the words of
	// Title, Lead and Body from the article's shared text pass; nil ones
	// are found in the text.
	TitleWords, LeadWords, BodyWords []text.Word
}

// DocFreq gives document frequencies: how many documents there are and
// in how many of them a term occurs. The caller counts each article in
// before weighing it.
type DocFreq interface {
	Docs() int
	Count(term string) int
}

// Loader is implemented by a DocFreq whose counts are read from a store:
// Assign has it load the counts of the terms of the stories it is about to
// change, which it weighs anew.
type Loader interface {
	Load(ctx context.Context, terms []string) error
}

// idf returns the smoothed inverse document frequency of a term,
// ln((1+N)/(1+df)) + 1, as text.DocFreq defines it. Counts read at
// different moments (a cache, another process's writes) may disagree: a
// negative count is 0 and N is at least the count, so the IDF stays
// between 1 and 1 + ln(1+N).
func idf(df DocFreq, key string) float64 {
	n := max(df.Count(key), 0)
	docs := max(df.Docs(), n)
	return math.Log(float64(1+docs)/float64(1+n)) + 1
}

// TermCount is one term of an article with its field-weighted frequency.
type TermCount struct {
	Key string
	TF  float64 // the fields' weights times 1 + ln(occurrences), summed
}

// Counts are an article's terms before IDF: what Count finds, without
// any shared state, so articles can be counted in parallel.
type Counts struct {
	Terms []TermCount // in order of first appearance
	Time  time.Time   // the Document's
}

// Keys returns the distinct terms of the article: what document
// frequencies count.
func (c Counts) Keys() []string {
	keys := make([]string, len(c.Terms))
	for i, t := range c.Terms {
		keys[i] = t.Key
	}
	return keys
}

// VectorTerm is one term of an article's vector.
type VectorTerm struct {
	Key    string
	Weight float64 // TF-IDF, the vector normalized to unit length
	Mass   float64 // Weight without the IDF: what the article adds to a centroid
}

// Vector is an article as a unit TF-IDF vector, with its date.
type Vector struct {
	Terms []VectorTerm
	Time  time.Time // zero: undated
}

// maxCachedWords bounds each language's cache of words' terms.
const maxCachedWords = 1 << 18

// MaxTermBytes is the longest term (word or entity key) an article is
// counted with; longer ones (hashes, encoded junk) are left out, so that
// every term can be stored.
const MaxTermBytes = 128

// language is one language's analyzer and the terms of the words it has
// analyzed ("" for a word that is no term), so that frequent words are
// folded and stemmed once.
type language struct {
	analyzer *text.Analyzer
	mu       sync.RWMutex
	words    map[string]string
}

// term returns the term of a word as written, and false when the word is
// no term (a stop word, a single letter).
func (l *language) term(word string) (string, bool) {
	l.mu.RLock()
	t, ok := l.words[word]
	l.mu.RUnlock()
	if ok {
		return t, t != ""
	}
	t, _ = l.analyzer.Term(word)
	l.mu.Lock()
	if len(l.words) < maxCachedWords {
		l.words[strings.Clone(word)] = t // not a slice of the article
	}
	l.mu.Unlock()
	return t, t != ""
}

// language returns the state of the language of a tag ("en", "en-GB"),
// made on first use.
func (c *Clusterer) language(tag string) *language {
	base, _, _ := strings.Cut(strings.ReplaceAll(tag, "_", "-"), "-")
	base = strings.ToLower(base)
	if base == "" {
		base = "en"
	}
	c.langMu.Lock()
	defer c.langMu.Unlock()
	l, ok := c.languages[base]
	if !ok {
		l = &language{analyzer: text.NewAnalyzer(base), words: make(map[string]string)}
		c.languages[base] = l
	}
	return l
}

// Count returns d's terms with their field-weighted frequencies. A term's
// frequency in a field counts sublinearly (1 + ln n), times the field's
// weight; an entity key counts its weight once. Safe for concurrent use.
func (c *Clusterer) Count(d Document) Counts {
	l := c.language(d.Lang)
	// About one term in twelve bytes of text (every other word, of about
	// six bytes, is a stop word or a repeat): the maps are sized once.
	distinct := (len(d.Title)+len(d.Lead)+len(d.Body))/12 + 8
	pos := make(map[string]int, distinct) // term → its place in terms
	terms := make([]TermCount, 0, distinct)
	add := func(key string, tf float64) {
		if i, ok := pos[key]; ok {
			terms[i].TF += tf
			return
		}
		// A term may be a slice of the article's text (a word its stemmer
		// left as it was): copied, so that a story's centroid, which
		// outlives the article, does not keep the whole text alive.
		key = strings.Clone(key)
		pos[key] = len(terms)
		terms = append(terms, TermCount{Key: key, TF: tf})
	}
	term := l.term
	if d.Analyzer != nil {
		term = d.Analyzer.Term
	}
	field := func(s string, ws []text.Word, weight float64) {
		counts := make(map[string]int, len(s)/12+1)
		order := make([]string, 0, len(s)/12+1)
		count := func(w string) {
			if t, ok := term(w); ok && len(t) <= MaxTermBytes {
				if counts[t] == 0 {
					order = append(order, t)
				}
				counts[t]++
			}
		}
		switch {
		case ws != nil:
			for _, w := range ws {
				count(w.Text)
			}
		case segmented(d.Lang):
			for _, w := range text.WordsIn(d.Lang, s) {
				count(w.Text)
			}
		default:
			it := words.FromString(s)
			for it.Next() {
				if w := it.Value(); isWord(w) {
					count(w)
				}
			}
		}
		for _, t := range order {
			add(t, weight*(1+math.Log(float64(counts[t]))))
		}
	}
	field(d.Title, d.TitleWords, c.opts.TitleWeight)
	field(d.Lead, d.LeadWords, c.opts.LeadWeight)
	field(d.Body, d.BodyWords, c.opts.BodyWeight)
	if key := LanguageKey(d.Lang); key != "" {
		add(key, 0)
	}
	for _, e := range d.Entities {
		if e = strings.TrimSpace(e); e != "" && len(EntityPrefix+e) <= MaxTermBytes {
			if _, ok := pos[EntityPrefix+e]; !ok {
				add(EntityPrefix+e, c.opts.EntityWeight)
			}
		}
	}
	return Counts{Terms: terms, Time: d.Time}
}

// Weigh returns the article's unit TF-IDF vector under document
// frequencies df (which should count the article already).
func (c *Clusterer) Weigh(cnt Counts, df DocFreq) Vector {
	v := Vector{Terms: make([]VectorTerm, len(cnt.Terms)), Time: cnt.Time}
	var norm float64
	for i, t := range cnt.Terms {
		w := t.TF * idf(df, t.Key)
		norm += w * w
		v.Terms[i] = VectorTerm{Key: t.Key, Weight: w, Mass: t.TF}
	}
	if norm == 0 {
		return v
	}
	norm = math.Sqrt(norm)
	for i := range v.Terms {
		v.Terms[i].Weight /= norm
		v.Terms[i].Mass /= norm
	}
	return v
}

// isWord reports whether a word segment holds a letter or a digit: the
// segments text.Words keeps.
func isWord(seg string) bool {
	for _, r := range seg {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// segmented reports whether words of language lang come from a
// dictionary segmenter (Chinese, Japanese) rather than UAX #29 alone.
func segmented(lang string) bool {
	return strings.HasPrefix(lang, "zh") || strings.HasPrefix(lang, "ja")
}

// LanguageKey returns the language term of an article in language lang
// (an ISO 639-1 code or BCP 47 tag), "" for English or an unknown
// language.
func LanguageKey(lang string) string {
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	lang = strings.ToLower(lang)
	if lang == "" || lang == "en" {
		return ""
	}
	return LanguagePrefix + lang
}

// vectorLanguage returns the language term of an article's vector, ""
// for none.
func vectorLanguage(v Vector) string {
	for _, t := range v.Terms {
		if strings.HasPrefix(t.Key, LanguagePrefix) {
			return t.Key
		}
	}
	return ""
}
