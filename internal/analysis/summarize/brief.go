package summarize

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/text"
)

// Report is one article of a story as a brief draws on it: its text, the
// article's ID (which the brief's sentences cite) and its outlet (which
// a claim is attributed to).
type Report struct {
	Input
	ID     int64
	Source string
}

// BriefSentence is one sentence of a story's brief and the articles that
// report it, the one it is taken from first.
type BriefSentence struct {
	Text       string
	ArticleIDs []int64
}

// Brief bounds, in words.
const (
	briefMaxWords = 150
	briefMinWords = 60
)

// briefOverlap is the share of the shorter sentence's terms two sentences
// must share to state the same fact: the second is left out, and its
// article cited with the first.
const briefOverlap = 0.5

// Brief returns a neutral brief of a story from its reports, in
// publication order, written in language lang (reports in another
// language are left out; "" keeps all): at most 150 words, and at least
// 60 when the reports have that much to say. The main development comes
// first; each fact is stated once, cited with every report that states
// it; a sentence that leans on one left out ("But he declined.") is
// skipped, or, when only its opening connective does, repaired; reactions
// and background follow the news; and a claim or an opinion a report
// makes in its own voice is attributed to its outlet.
func (e *Extractive) Brief(reports []Report, lang string) []BriefSentence {
	return e.StoryBrief(reports, lang).Sentences
}

// StoryBrief is a story's brief and how each of its outlets covered it.
type StoryBrief struct {
	Sentences []BriefSentence
	Coverage  []OutletPoints // nil for a story of one outlet
}

// StoryBrief returns a story's brief (see Brief) and its outlets'
// coverage (see Coverage), from one reading of its reports.
func (e *Extractive) StoryBrief(reports []Report, lang string) StoryBrief {
	lang = baseLang(lang)
	kept, inputs := inLanguage(reports, lang)
	if len(kept) == 0 {
		return StoryBrief{}
	}
	sents := e.storySentences(inputs)
	if len(sents) == 0 {
		return StoryBrief{}
	}
	cands := e.scoreBrief(sents, len(kept), lang)
	out := StoryBrief{Coverage: coverageOf(kept, cands, lang)}
	chosen := pickBrief(cands, len(kept))
	orderBrief(chosen)
	out.Sentences = make([]BriefSentence, len(chosen))
	for i, c := range chosen {
		ids := make([]int64, 0, len(c.cites))
		for _, k := range c.cites {
			ids = append(ids, kept[k].ID)
		}
		t := c.text
		if c.attribute {
			t = attribute(t, kept[c.article].Source, lang)
		}
		out.Sentences[i] = BriefSentence{Text: t, ArticleIDs: ids}
	}
	return out
}

// BriefOfSentences returns sentences that already make a brief (an
// article's summary, for a story of that one article) as one: each
// standing alone (an opening connective cut), no two stating the same
// fact, together 60 to 150 words long. It reports false when they do
// not.
func (e *Extractive) BriefOfSentences(sents []string, lang string) ([]string, bool) {
	lang = baseLang(lang)
	an := e.analyzer(lang)
	out := make([]string, 0, len(sents))
	var terms []map[string]bool
	words := 0
	for _, s := range sents {
		t, ok := standAlone(s, lang)
		if !ok {
			return nil, false
		}
		set := map[string]bool{}
		for _, w := range text.WordsIn(lang, t) {
			if term, ok := an.Term(w.Text); ok {
				set[term] = true
			}
		}
		for _, other := range terms {
			if setOverlap(set, other) >= briefOverlap {
				return nil, false
			}
		}
		out, terms = append(out, t), append(terms, set)
		words += len(strings.Fields(t))
	}
	return out, words >= briefMinWords && words <= briefMaxWords
}

// setOverlap returns the share of the smaller set's terms the other has.
func setOverlap(a, b map[string]bool) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) == 0 {
		return 0
	}
	n := 0
	for t := range a {
		if b[t] {
			n++
		}
	}
	return float64(n) / float64(len(a))
}

// inLanguage returns the reports written in lang (a primary subtag; ""
// keeps all) or of no known language, and their inputs.
func inLanguage(reports []Report, lang string) ([]Report, []Input) {
	var kept []Report
	var inputs []Input
	for _, r := range reports {
		if lang == "" || baseLang(r.Lang) == lang || r.Lang == "" {
			kept, inputs = append(kept, r), append(inputs, r.Input)
		}
	}
	return kept, inputs
}

// briefCandidate is a sentence that may go into a brief.
type briefCandidate struct {
	*sentence
	text      string // as it would appear: a dangling connective removed
	words     int
	kind      briefKind
	numbers   map[string]bool // the figures it gives
	names     int             // its capitalised words past the first
	attribute bool            // a claim made in the report's own voice
	fragment  bool            // no whole sentence: a headline, part of a quotation
	cites     []int           // the reports that state it, its own first
}

// briefKind orders a brief's sentences: the news, then reactions to it,
// then background.
type briefKind int

const (
	briefNews briefKind = iota
	briefReaction
	briefBackground
)

// scoreBrief turns the usable sentences into candidates: junk, and
// sentences that lean on one left out, are dropped; each candidate cites
// every report that has a sentence stating the same.
func (e *Extractive) scoreBrief(sents []sentence, reports int, lang string) []*briefCandidate {
	var out []*briefCandidate
	for i := range sents {
		s := &sents[i]
		if s.verdict == junk || len(s.terms) == 0 {
			continue
		}
		raw := stripBriefDateline(s.text)
		// A headline, a list item, a sentence cut from a quotation that
		// runs on (or text whose sentences ran together): shown only when
		// little else is left, and never first.
		fragment := !endsBriefSentence(raw) || !balancedQuotes(raw)
		ws := text.Words(raw)
		folded := foldWords(ws)
		t, ok := standAloneWords(raw, ws, folded, lang)
		if !ok {
			continue
		}
		if t != raw { // repaired: its words again
			ws = text.Words(t)
			folded = foldWords(ws)
		}
		c := &briefCandidate{sentence: s, text: t, words: len(strings.Fields(t)), numbers: numbersIn(ws), names: namesIn(ws), fragment: fragment}
		f := " " + strings.Join(folded, " ") + " "
		c.kind = kindOf(f, lang)
		c.attribute = c.kind == briefNews && isClaim(f, lang) && !isAttributed(t, f, lang)
		if s.verdict == weak {
			c.score /= 2
		}
		if fragment {
			c.score /= 4
		}
		out = append(out, c)
	}
	for _, c := range out {
		seen := make([]bool, reports)
		c.cites = append(c.cites, c.article)
		seen[c.article] = true
		for _, d := range out {
			if !seen[d.article] && (overlap(c.vec, d.vec) >= briefOverlap || sameLead(c, d)) {
				seen[d.article] = true
				c.cites = append(c.cites, d.article)
			}
		}
	}
	return out
}

// sameLead reports whether c and d are the leads of two reports (the
// first sentence of each that is news) telling one development in other
// words: two outlets' first sentences about one event report its main
// development, so less alike than other sentences they state one fact.
func sameLead(c, d *briefCandidate) bool {
	return c.rank == 0 && d.rank == 0 && c.kind == briefNews && d.kind == briefNews &&
		!c.fragment && !d.fragment && cosine(c.vec, d.vec) >= leadSameSim
}

// leadSameSim is the cosine similarity of two reports' leads at and
// above which they tell one development.
const leadSameSim = 0.2

// stripBriefDateline removes a dateline that starts sentence s in the
// mixed case the article's own dateline stripping leaves ("Dekalb,
// Ill. — Mike Glass threw …", "(AP) — Michigan health …"): up to five
// words holding a comma or a parenthesis, then a dash, then a capital.
func stripBriefDateline(s string) string {
	for _, dash := range []string{" — ", " – ", " -- "} {
		i := strings.Index(s, dash)
		if i <= 0 || i > 40 {
			continue
		}
		head, rest := s[:i], s[i+len(dash):]
		if !strings.ContainsAny(head, ",(") || len(strings.Fields(head)) > 5 {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(rest); unicode.IsUpper(r) || strings.ContainsRune(`"“‘`, r) {
			return rest
		}
	}
	return s
}

// endsBriefSentence reports whether s ends as a sentence does, in any
// script ("." or "。").
func endsBriefSentence(s string) bool {
	if endsSentence(s) {
		return true
	}
	switch lastSignificantRune(s) {
	case '。', '！', '？', '؟', '।':
		return true
	}
	return false
}

// balancedQuotes reports whether every quotation s opens it also closes:
// a sentence cut from a quotation that runs on is not shown alone.
// (Curly quotes are counted together: German opens with „ and closes
// with “, English opens with “ and closes with ”.)
func balancedQuotes(s string) bool {
	curly := strings.Count(s, "“") + strings.Count(s, "”") + strings.Count(s, "„")
	return curly%2 == 0 && strings.Count(s, `"`)%2 == 0 && strings.Count(s, "«") == strings.Count(s, "»")
}

// pickBrief chooses the brief's sentences: first the lead, the news
// sentence best scored with a bonus for the share of reports that state
// it (the event every outlet reports is the main development) and for the
// names it gives (a wire lead says who, where and when); then by score less
// redundancy, none restating one chosen, until the next would pass
// briefMaxWords (a shorter one may still fit) and at least briefMinWords
// are chosen, or the candidates run out. reports is how many reports the
// candidates come from.
func pickBrief(cands []*briefCandidate, reports int) []*briefCandidate {
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	var chosen []*briefCandidate
	words := 0
	used := make([]bool, len(cands))
	lead, leadScore := -1, 0.0
	for i, c := range cands {
		if c.kind != briefNews || c.fragment || c.words > briefMaxWords {
			continue
		}
		score := c.score + leadNameBonus*float64(min(c.names, leadNames))/leadNames
		if reports > 1 {
			score += leadCiteBonus * float64(len(c.cites)-1) / float64(reports-1)
		}
		if lead < 0 || score > leadScore {
			lead, leadScore = i, score
		}
	}
	if lead >= 0 {
		chosen, words, used[lead] = append(chosen, cands[lead]), cands[lead].words, true
	}
	for {
		best, bestGain := -1, math.Inf(-1)
		for i, c := range cands {
			if used[i] || words+c.words > briefMaxWords {
				continue
			}
			maxSim, repeats := 0.0, false
			for _, d := range chosen {
				sim := cosine(c.vec, d.vec)
				if sameFact(c, d, sim) {
					d.cite(c.cites)
					repeats = true
					break
				}
				maxSim = math.Max(maxSim, sim)
			}
			if repeats {
				used[i] = true
				continue
			}
			if g := 0.7*c.score - 0.3*maxSim; g > bestGain {
				best, bestGain = i, g
			}
		}
		if best < 0 {
			break
		}
		// Past the shortest acceptable brief, only sentences close to
		// the best are taken: a brief is not padded with weak ones.
		if words >= briefMinWords && cands[best].score < 0.5*chosen[0].score {
			break
		}
		used[best] = true
		chosen = append(chosen, cands[best])
		words += cands[best].words
	}
	return chosen
}

// The lead's bonuses: leadCiteBonus when every report states it (in
// proportion to the other reports that do), leadNameBonus for leadNames
// capitalised words or more past the first.
const (
	leadCiteBonus = 1.0
	leadNameBonus = 0.5
	leadNames     = 10
)

// namesIn counts the words past the first that start with a capital
// letter: names, in most alphabets with capitals.
func namesIn(ws []text.Word) int {
	n := 0
	for i, w := range ws {
		if r, _ := utf8.DecodeRuneInString(w.Text); i > 0 && unicode.IsUpper(r) {
			n++
		}
	}
	return n
}

// briefSameSim is the cosine similarity of two sentences' term vectors
// at and above which they state the same fact in other words (as for a
// story summary's sentences from different articles).
const briefSameSim = 0.3

// sameFact reports whether candidates c and d state the same fact: they
// share most of their terms, their term vectors are sim-similar to
// briefSameSim or more, they are two reports' leads (sameLead), or they
// give the same figure (a number of two
// digits or more that is no year, or two numbers).
func sameFact(c, d *briefCandidate, sim float64) bool {
	if sim >= briefSameSim || overlap(c.vec, d.vec) >= briefOverlap || sameLead(c, d) {
		return true
	}
	shared := 0
	for n := range c.numbers {
		if d.numbers[n] {
			shared++
			if shared >= 2 || len(n) >= 2 && !isYear(n) {
				return true
			}
		}
	}
	return false
}

// cite adds the reports of cites that c does not cite yet.
func (c *briefCandidate) cite(cites []int) {
	for _, k := range cites {
		if !slices.Contains(c.cites, k) {
			c.cites = append(c.cites, k)
		}
	}
}

// numbersIn returns the numbers among words ws, without their group
// separators ("2,100" → "2100").
func numbersIn(ws []text.Word) map[string]bool {
	var set map[string]bool
	for _, w := range ws {
		if !strings.ContainsAny(w.Text, "0123456789") {
			continue
		}
		n := strings.Map(func(r rune) rune {
			if r == ',' || r == '\'' || r == ' ' {
				return -1
			}
			return r
		}, w.Text)
		if set == nil {
			set = make(map[string]bool)
		}
		set[n] = true
	}
	return set
}

// isYear reports whether number n reads as a year (1900–2099).
func isYear(n string) bool {
	return len(n) == 4 && (strings.HasPrefix(n, "19") || strings.HasPrefix(n, "20")) && strings.Trim(n, "0123456789") == ""
}

// orderBrief puts the lead first, then the news in the order the reports
// tell it (by position in their report, the earlier report first), then
// reactions, then background; within each, fragments (see briefCandidate)
// after whole sentences.
func orderBrief(chosen []*briefCandidate) {
	if len(chosen) < 2 {
		return
	}
	rest := chosen[1:]
	sort.SliceStable(rest, func(i, j int) bool {
		a, b := rest[i], rest[j]
		if a.kind != b.kind {
			return a.kind < b.kind
		}
		if a.fragment != b.fragment {
			return b.fragment
		}
		if a.rank != b.rank {
			return a.rank < b.rank
		}
		return a.article < b.article
	})
}

// overlap returns the share of the terms of the sentence with fewer that
// the other has.
func overlap(a, b vector) float64 {
	n := min(len(a.ids), len(b.ids))
	if n == 0 {
		return 0
	}
	shared := 0
	for i, j := 0, 0; i < len(a.ids) && j < len(b.ids); {
		switch {
		case a.ids[i] < b.ids[j]:
			i++
		case a.ids[i] > b.ids[j]:
			j++
		default:
			shared++
			i++
			j++
		}
	}
	return float64(shared) / float64(n)
}

// baseLang returns the primary subtag of a language tag, lower-cased.
func baseLang(tag string) string {
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return strings.ToLower(strings.TrimSpace(tag))
}

// foldedPadded returns the words of s folded, separated and surrounded by
// single spaces, for matching whole phrases.
func foldedPadded(s string) string {
	return " " + strings.Join(foldWords(text.Words(s)), " ") + " "
}

// standAlone returns a sentence as a brief can show it on its own, and
// false when it cannot be: one that opens with a pronoun or a
// demonstrative pointing back ("He said…", "This came after…") needs the
// sentence before it. An opening connective ("But", "However,") is cut
// when nothing else in the sentence's first words points back.
func standAlone(s, lang string) (string, bool) {
	ws := text.Words(s)
	return standAloneWords(s, ws, foldWords(ws), lang)
}

// foldWords returns words ws folded.
func foldWords(ws []text.Word) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = text.Fold(w.Text)
	}
	return out
}

// standAloneWords is standAlone given the sentence's words ws and their
// folded forms.
func standAloneWords(s string, ws []text.Word, folded []string, lang string) (string, bool) {
	words := folded[:min(len(folded), 6)]
	if len(words) == 0 {
		return s, false
	}
	lex := briefLexicon(lang)
	if lex.backRef[words[0]] {
		if len(words) > 1 && lex.timeWords[words[1]] {
			return s, true // "This week, …"
		}
		start := " " + strings.Join(words, " ") + " "
		for _, p := range lex.expletive {
			if strings.HasPrefix(start, p) {
				return s, true // "It is unclear whether …"
			}
		}
		return s, false
	}
	if len(words) > 1 && lex.demonstrative[words[0]] && lex.pointingVerbs[words[1]] {
		return s, false
	}
	if !lex.connective[words[0]] {
		return s, true
	}
	for _, w := range words[1:] {
		if lex.backRef[w] || lex.connective[w] {
			return s, false
		}
	}
	rest := strings.TrimLeftFunc(s[ws[0].Start+len(ws[0].Text):], func(r rune) bool { return unicode.IsSpace(r) || r == ',' })
	if rest == "" {
		return s, false
	}
	r, size := utf8.DecodeRuneInString(rest)
	return string(unicode.ToUpper(r)) + rest[size:], true
}

// kindOf tells a reaction or background sentence from news by its
// wording, f (as foldedPadded writes it).
func kindOf(f, lang string) briefKind {
	lex := briefLexicon(lang)
	for _, p := range lex.reaction {
		if strings.Contains(f, p) {
			return briefReaction
		}
	}
	for _, p := range lex.background {
		if strings.Contains(f, p) {
			return briefBackground
		}
	}
	return briefNews
}

// isClaim reports whether a sentence, f as foldedPadded writes it, gives
// an opinion or a claim (should, must, allegedly…) rather than a reported
// event.
func isClaim(f, lang string) bool {
	for _, p := range briefLexicon(lang).claim {
		if strings.Contains(f, p) {
			return true
		}
	}
	return false
}

// isAttributed reports whether sentence s (f as foldedPadded writes it)
// already says whose words or view it gives: a reporting verb,
// "according to", a quotation.
func isAttributed(s, f, lang string) bool {
	if strings.ContainsAny(s, "\"“”«»„") {
		return true
	}
	for _, p := range briefLexicon(lang).attributed {
		if strings.Contains(f, p) {
			return true
		}
	}
	return false
}

// attribute names source as the origin of claim s, in lang's words where
// the brief knows them ("…, according to Reuters."), else in parentheses.
func attribute(s, source, lang string) string {
	source = strings.TrimSpace(source)
	if source == "" {
		return s
	}
	body := strings.TrimRightFunc(s, func(r rune) bool { return r == '.' || unicode.IsSpace(r) })
	end := s[len(body):]
	end = strings.TrimSpace(end)
	if end == "" {
		end = "."
	}
	if lastRune(body) == '?' || lastRune(body) == '!' {
		return body + " (" + source + ")"
	}
	if l, ok := briefLexicons()[lang]; ok && l.attribution != "" {
		return body + strings.Replace(l.attribution, "%s", source, 1) + end
	}
	return body + " (" + source + ")" + end
}

// lastRune returns the last rune of s, 0 for none.
func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// briefWords are the words a brief tells sentences apart by, in one
// language (folded).
type briefWords struct {
	backRef    map[string]bool // opening words that point to an earlier sentence
	connective map[string]bool // opening words that link to it
	timeWords  map[string]bool // words after a demonstrative that make it a date ("this week")
	// demonstrative words point back when a verb of pointingVerbs
	// follows them ("Das hat der Rat entschieden").
	demonstrative, pointingVerbs map[string]bool
	expletive                    []string // openings whose pronoun points nowhere ("it is unclear")
	reaction                     []string // phrases of reactions, as foldedPadded writes them
	background                   []string // phrases of background
	claim                        []string // phrases of opinions and claims
	attributed                   []string // phrases that name whose view it is
	attribution                  string   // how a claim is attributed, %s the outlet
}

// briefLexicon returns the brief's words for lang, English for a
// language it has none for.
func briefLexicon(lang string) *briefWords {
	if l, ok := briefLexicons()[lang]; ok {
		return l
	}
	return briefLexicons()["en"]
}

// padded returns phrases separated by "|" as foldedPadded writes them.
func padded(list string) []string {
	var out []string
	for p := range strings.SplitSeq(list, "|") {
		if strings.TrimSpace(p) != "" {
			out = append(out, foldedPadded(p))
		}
	}
	return slices.Clip(out)
}
