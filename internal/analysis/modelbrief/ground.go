package modelbrief

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/text"
)

// Sentence is one checked sentence and the articles it cites.
type Sentence struct {
	Text       string
	ArticleIDs []int64
}

// Drop reasons.
const (
	DropUncited    = "uncited"    // cites no article of the prompt
	DropUngrounded = "ungrounded" // its words are not in the articles it cites
	DropRepeated   = "repeated"   // says what an earlier sentence said
	DropTooLong    = "too long"   // past the brief's word limit
)

// Dropped is a sentence the check left out, and why.
type Dropped struct {
	Text   string
	Reason string
}

// Checked is what survives of a model's answer.
type Checked struct {
	Sentences []Sentence
	Dropped   []Dropped
}

// Errors of a check.
var (
	// ErrUngrounded: too little of the answer is grounded in the articles
	// to show it.
	ErrUngrounded = errors.New("the model's text is not grounded in the articles")
	// ErrEmpty: the model wrote nothing usable.
	ErrEmpty = errors.New("the model wrote no sentence")
)

// CheckBrief checks a model's brief against the prompt it answered, in
// language lang: it returns the sentences to show, and ErrUngrounded when
// fewer than half of the sentences survive (or ErrEmpty for none at all).
func CheckBrief(output string, p Prompt, lang string) (Checked, error) {
	c := newChecker(p, lang)
	sents := splitCited(cleanOutput(output))
	if len(sents) == 0 {
		return Checked{}, ErrEmpty
	}
	out := c.check(sents, MaxBriefWords)
	total, grounded := len(sents), len(out.Sentences)
	for _, d := range out.Dropped {
		switch {
		case d.Reason == DropRepeated || d.Reason == DropTooLong:
			grounded++ // the model's fault of style, not of truth
		case d.Reason == DropUncited && text.CountWords(d.Text) <= headingWords:
			total-- // a heading or a label, not a claim
		}
	}
	if len(out.Sentences) == 0 || 2*grounded < total {
		return out, ErrUngrounded
	}
	return out, nil
}

// CheckAnswer checks a model's answer to a question: found is false when
// the model said the articles do not answer it; otherwise the answer needs
// one grounded sentence, else ErrUngrounded.
func CheckAnswer(output string, p Prompt, lang string) (out Checked, found bool, err error) {
	trimmed := strings.Trim(strings.TrimSpace(output), ".\"'`*")
	if strings.EqualFold(trimmed, NotInCoverage) {
		return Checked{}, false, nil
	}
	c := newChecker(p, lang)
	sents := splitCited(cleanOutput(strings.ReplaceAll(output, NotInCoverage, "")))
	if len(sents) == 0 {
		return Checked{}, false, ErrEmpty
	}
	out = c.check(sents, answerMaxWords)
	if len(out.Sentences) == 0 {
		return out, false, ErrUngrounded
	}
	return out, true, nil
}

// headingWords is the most words of an uncited line that is taken for a
// heading ("Brief", "Summary of the talks") rather than a claim.
const headingWords = 4

// answerMaxWords bounds an answer of three short sentences.
const answerMaxWords = 90

// groundShare is the share of a sentence's content words that must be
// found in the articles it cites.
const groundShare = 0.8

// checker holds the terms of each article of a prompt.
type checker struct {
	an      *text.Analyzer
	lang    string
	reports []Report
	terms   []map[string]bool // by report: content terms and figures
	// discourse holds the terms of the words a summary adds around the
	// facts ("according to", "reported"), found or not.
	discourse map[string]bool
}

// newChecker reads the text of each article of p as the model saw it.
func newChecker(p Prompt, lang string) *checker {
	c := &checker{an: text.NewAnalyzer(lang).Scoped(), lang: lang, reports: p.Reports, discourse: map[string]bool{}}
	for _, w := range strings.Fields(discourseWords(c.an.Language())) {
		if t, ok := c.an.Term(w); ok {
			c.discourse[t] = true
		}
	}
	for _, r := range p.Reports {
		set := map[string]bool{}
		for _, s := range []string{r.Source, r.Title, quotedBody(r.Text)} {
			for _, t := range c.contentTerms(s) {
				set[t] = true
			}
		}
		c.terms = append(c.terms, set)
	}
	return c
}

// check keeps the sentences that cite articles of the prompt, are grounded
// in them and say something new, up to maxWords words.
func (c *checker) check(sents []cited, maxWords int) Checked {
	var out Checked
	var keptTerms [][]string
	words := 0
	for _, s := range sents {
		ids, reports := c.resolve(s.numbers)
		terms, names := c.sentenceTerms(s.text)
		switch {
		case len(ids) == 0:
			out.Dropped = append(out.Dropped, Dropped{s.text, DropUncited})
			continue
		case !c.grounded(terms, names, reports):
			out.Dropped = append(out.Dropped, Dropped{s.text, DropUngrounded})
			continue
		case repeats(terms, keptTerms):
			out.Dropped = append(out.Dropped, Dropped{s.text, DropRepeated})
			continue
		}
		n := text.CountWords(s.text)
		if words+n > maxWords && len(out.Sentences) > 0 {
			out.Dropped = append(out.Dropped, Dropped{s.text, DropTooLong})
			continue
		}
		words += n
		keptTerms = append(keptTerms, terms)
		out.Sentences = append(out.Sentences, Sentence{Text: s.text, ArticleIDs: ids})
	}
	return out
}

// resolve maps cited article numbers to article ids and report indexes,
// leaving out numbers the prompt did not give.
func (c *checker) resolve(numbers []int) (ids []int64, reports []int) {
	for _, n := range numbers {
		if n >= 1 && n <= len(c.reports) {
			ids = append(ids, c.reports[n-1].ID)
			reports = append(reports, n-1)
		}
	}
	return ids, reports
}

// grounded reports whether enough of terms, and every figure and name
// among them, are found in the cited reports. A sentence of one or two content words
// must have them all; a longer one may miss one in five (at least one) —
// the words a neutral summary adds around the facts.
func (c *checker) grounded(terms []string, names map[string]bool, reports []int) bool {
	if len(terms) == 0 {
		return false
	}
	missing := 0
	for _, t := range terms {
		found := c.discourse[t]
		for _, r := range reports {
			if c.terms[r][t] {
				found = true
				break
			}
		}
		if !found {
			if isFigure(t) || names[t] {
				return false
			}
			missing++
		}
	}
	allowed := 0
	if len(terms) >= 3 {
		allowed = max(1, int(float64(len(terms))*(1-groundShare)))
	}
	return missing <= allowed
}

// sentenceTerms returns the content terms of a sentence (see
// contentTerms) and, in a language that capitalises names only, the terms
// of its capitalised words after the first: names, which a model must not
// add.
func (c *checker) sentenceTerms(s string) ([]string, map[string]bool) {
	terms := c.contentTerms(s)
	if !capitalisesNames(c.an.Language()) {
		return terms, nil
	}
	names := map[string]bool{}
	for i, w := range text.WordsIn(c.an.Language(), s) {
		r, _ := utf8.DecodeRuneInString(w.Text)
		if i == 0 || !unicode.IsUpper(r) || hasDigit(w.Text) {
			continue
		}
		if t, ok := c.an.Term(w.Text); ok {
			names[t] = true
		}
	}
	return terms, names
}

// capitalisesNames reports whether a language's capitals mark names
// (and sentence starts) only: cased scripts, but not German, which
// capitalises every noun.
func capitalisesNames(lang string) bool {
	switch lang {
	case "de", "lb", "zh", "ja", "ko", "ar", "fa", "he", "hi", "th":
		return false
	}
	return true
}

// contentTerms returns the distinct terms of s that carry content: its
// words stemmed without stop words, and its figures with their
// separators taken out ("1,200" and "1200" are one figure).
func (c *checker) contentTerms(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range text.WordsIn(c.an.Language(), s) {
		t, ok := "", false
		if hasDigit(w.Text) {
			t, ok = figure(w.Text), true
		} else {
			t, ok = c.an.Term(w.Text)
		}
		if ok && t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// repeats reports whether more than half of the shorter sentence's terms
// are shared with one of the sentences kept before.
func repeats(terms []string, kept [][]string) bool {
	for _, k := range kept {
		set := make(map[string]bool, len(k))
		for _, t := range k {
			set[t] = true
		}
		shared := 0
		for _, t := range terms {
			if set[t] {
				shared++
			}
		}
		if shorter := min(len(terms), len(k)); shorter > 0 && float64(shared)/float64(shorter) > 0.5 {
			return true
		}
	}
	return false
}

// figurePrefix marks a figure's term, so it never meets a word's.
const figurePrefix = "#"

// figure returns a figure's term: its digits and letters without
// separators ("1,200" → "#1200", "3.5%" → "#35").
func figure(w string) string {
	var b strings.Builder
	b.WriteString(figurePrefix)
	for _, r := range w {
		if unicode.IsDigit(r) || unicode.IsLetter(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// isFigure reports whether t is a figure's term.
func isFigure(t string) bool { return strings.HasPrefix(t, figurePrefix) }

// hasDigit reports whether s holds a digit.
func hasDigit(s string) bool {
	return strings.IndexFunc(s, unicode.IsDigit) >= 0
}
