package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/text"
)

// Evidence weights. A cluster of mentions takes the kind with the most
// evidence; a gazetteer entry outweighs everything else.
const (
	wKnown   = 100 // the gazetteer knows the name
	wSuffix  = 6   // "… Ministry", "… Province", "Bank of …", "Mount …"
	wRole    = 6   // "Foreign Minister …", "Mr …", "spokesman …"
	wAcronym = 4   // "IAEA"
	wGiven   = 4   // "Abbas …": a known given name, and more words
	wSaid    = 2   // "… said", "said …"
	wCue     = 1   // "in …", "near …"
)

// maxRunWords is the longest capitalised span taken for names; a longer
// one is a heading or a list run together, and is passed over.
const maxRunWords = 16

// kindAt returns the kind of index i of an evidence array.
func kindAt(i int) Kind {
	switch i {
	case 1:
		return Place
	case 2:
		return Organization
	}
	return Person
}

// kindIndex returns the index of k in kinds.
func kindIndex(k Kind) int {
	switch k {
	case Place:
		return 1
	case Organization:
		return 2
	}
	return 0
}

// mention is one span of tokens naming an entity, with the evidence of
// its kind.
type mention struct {
	a, b  int    // token range
	fixed *known // the gazetteer entry, if any
	ev    [3]int // evidence by kind
	alias int    // 1 + the index of the mention an acronym stands for ("… (IAEA)", "known as INPE"); 0 for none
}

// state is one extraction: the document and what was found in it.
type state struct {
	e            *Extractor
	src          string
	toks         []token
	english      bool
	midCap       map[string]bool // words capitalised where capitals mean something
	lowerSeen    map[string]bool // words also written in lower case
	mentions     []mention
	lastPlaceEnd int // token index just after the last place mention
	clusters     []*cluster
	byKey        map[string]int
}

// newState tokenizes an article and marks its headline, headings and text
// in capitals.
func (e *Extractor) newState(title, body string) *state {
	d, titleEnd := tokenize(title, body, e)
	return e.stateOf(d, titleEnd)
}

// newStateDoc is newState from an article's shared text pass td when
// its words are those newState would cut (every language but those
// segmented by dictionary: Chinese and Japanese), else from the text.
func (e *Extractor) newStateDoc(title, body string, td *text.Doc) *state {
	if td != nil {
		if lang := langCode(td.Lang); lang != "zh" && lang != "ja" {
			if d, titleEnd, ok := tokenizeDoc(td, e); ok {
				return e.stateOf(d, titleEnd)
			}
		}
	}
	return e.newState(title, body)
}

// stateOf returns the state of extraction from document d, whose title
// ends at titleEnd.
func (e *Extractor) stateOf(d *document, titleEnd int) *state {
	s := &state{
		e:         e,
		src:       d.src,
		toks:      d.toks,
		midCap:    make(map[string]bool, 64),
		lowerSeen: make(map[string]bool, 256),
		byKey:     make(map[string]int, 32),
	}
	s.markUnreliable(titleEnd)
	words, english := 0, 0
	for i := range s.toks {
		t := &s.toks[i]
		if t.lower && !(t.join == joinHyphen && i > 0 && s.toks[i-1].cap) {
			s.lowerSeen[t.fold] = true // not "te" of "Ching-te"
		}
		if t.cap && !t.initial && !t.unreliable {
			s.midCap[t.fold] = true
		}
		if t.cap || t.lower {
			words++
			if e.english[t.fold] {
				english++
			}
		}
	}
	s.english = words < 12 || english*10 >= words
	return s
}

// markUnreliable marks the tokens whose capitals say nothing: a headline
// in title case, headings (short lines in title case without a final
// stop) and text in capitals. The word after such a stretch starts a
// clause.
func (s *state) markUnreliable(titleEnd int) {
	toks := s.toks
	k := 0
	if titleEnd > 0 {
		for k < len(toks) && toks[k].start < titleEnd {
			k++
		}
		st := s.stats(0, k)
		if st.titleCase(0.6) || st.capitals() {
			for i := 0; i < k; i++ {
				toks[i].unreliable = true
				toks[i].allCaps = st.capitals()
			}
		}
	}
	// Body lines.
	for k < len(toks) {
		lineStart := k
		lineEnd := strings.IndexByte(s.src[toks[k].start:], '\n')
		if lineEnd < 0 {
			lineEnd = len(s.src)
		} else {
			lineEnd += toks[k].start
		}
		for k < len(toks) && toks[k].start < lineEnd {
			k++
		}
		if k == lineStart {
			k++ // a "word" starting with the line break (invalid UTF-8)
			continue
		}
		st := s.stats(lineStart, k)
		lineBegin := strings.LastIndexByte(s.src[:toks[lineStart].start], '\n') + 1
		line := strings.TrimSpace(s.src[lineBegin:lineEnd])
		// A heading ends with a capitalised word and is not continued on the
		// next line (hard-wrapped text); a parenthesised line is a credit
		// ("(Reporting by …)").
		heading := st.words <= 14 && st.titleCase(0.75) && !endsSentence(line) &&
			!strings.HasPrefix(line, "(") && !toks[k-1].lower && (k == len(toks) || !toks[k].lower)
		if heading || st.capitals() {
			for i := lineStart; i < k; i++ {
				toks[i].unreliable = true
				toks[i].allCaps = st.capitals()
			}
		}
	}
	for i := 1; i < len(toks); i++ {
		if toks[i].unreliable != toks[i-1].unreliable {
			toks[i].join = joinNone
			toks[i].initial = true
		}
	}
}

// lineStats counts the words of a stretch of tokens.
type lineStats struct {
	words, content, capitalised, upper int
}

// stats returns the counts of the tokens in [a, b).
func (s *state) stats(a, b int) lineStats {
	var st lineStats
	for i := a; i < b; i++ {
		t := &s.toks[i]
		if !t.cap && !t.lower {
			continue // a number
		}
		st.words++
		if t.upper && utf8.RuneCountInString(t.text) > 1 {
			st.upper++
		}
		if s.e.function[t.fold] && !t.cap {
			continue
		}
		if s.e.function[t.fold] && t.cap && i > a {
			continue // "With" in a headline says nothing either way
		}
		st.content++
		if t.cap {
			st.capitalised++
		}
	}
	return st
}

// titleCase reports whether at least ratio of the content words are
// capitalised (and there is one at least).
func (st lineStats) titleCase(ratio float64) bool {
	return st.content >= 1 && float64(st.capitalised) >= ratio*float64(st.content)
}

// capitals reports whether the stretch is written in capitals.
func (st lineStats) capitals() bool {
	return st.words >= 3 && st.upper*10 >= st.words*7
}

// endsSentence reports whether a line ends with a sentence's final
// punctuation (closing quotes and brackets aside).
func endsSentence(line string) bool {
	line = strings.TrimRight(line, `"'”’») `)
	r, _ := utf8.DecodeLastRuneInString(line)
	switch r {
	case '.', '!', '?', ':', ';', ',', '…':
		return true
	}
	return false
}

// stoplike reports whether t is a function word (and not an acronym such
// as "US" or "IT", nor a title such as "Mr").
func (s *state) stoplike(t *token) bool {
	return !t.upper && !t.dotted && s.e.stop.IsStop(t.fold) && !s.e.roleHeads[t.fold]
}

// findMentions collects the mentions in the reliable text: capitalised
// spans, joined by name particles ("bin", "von der") and connectors after
// a head ("Bank of England"), cut and classified.
func (s *state) findMentions() {
	toks := s.toks
	n := len(toks)
	for i := 0; i < n; {
		t := &toks[i]
		if t.unreliable || !t.cap || s.stoplike(t) {
			i++
			continue
		}
		j := i + 1
		for j < n {
			u := &toks[j]
			if u.sent != t.sent || u.unreliable || u.join == joinNone {
				break
			}
			if u.cap {
				j++
				continue
			}
			if k := s.bridge(i, j); k > j {
				j = k
				continue
			}
			break
		}
		if j-i <= maxRunWords {
			s.run(i, j)
		}
		i = j
	}
}

// bridge returns the index of the capitalised word a lower-case word at j
// leads to inside a name that starts at i ("bin", "of the", "and" in
// "Bosnia and Herzegovina" and "Institute for Defense and Security
// Research"), or j + 1 after a syllable ("Kim Jong-un"), or j when it
// does not.
func (s *state) bridge(i, j int) int {
	toks := s.toks
	u := &toks[j]
	next := func(k int) bool {
		return k < len(toks) && toks[k].sent == u.sent && !toks[k].unreliable &&
			toks[k].cap && toks[k].join != joinNone
	}
	prev := &toks[j-1]
	switch {
	case s.e.particles[u.fold] && (u.join == joinSpace || u.join == joinHyphen):
		k := j + 1 // "von der Leyen"
		for k < len(toks) && k < j+3 && toks[k].lower && s.e.particles[toks[k].fold] && toks[k].join != joinNone {
			k++
		}
		if next(k) {
			return k
		}
	case s.e.connectors[u.fold] && u.join == joinSpace &&
		(s.e.orgOfHeads[prev.fold] || s.e.placeOfHead[prev.fold] || s.e.roleHeads[prev.fold]):
		k := j + 1
		if k < len(toks) && toks[k].fold == "the" && !toks[k].cap && toks[k].join == joinSpace {
			k++
		}
		if next(k) && toks[k].join == joinSpace {
			return k
		}
	case u.fold == "and" && u.join == joinSpace:
		k := j + 1
		if k < len(toks) && toks[k].fold == "the" && !toks[k].cap {
			k++
		}
		if next(k) && s.e.gaz.and[prev.fold+" "+toks[k].fold] {
			return k
		}
		if k == j+1 && next(k) && s.insideHeadOf(i, j) && !s.known1(k) && !s.endsOrg(k) {
			return k
		}
	case s.syllable(j):
		return j + 1
	}
	return j
}

// insideHeadOf reports whether the span [i, j) has an organisation's head
// and a connector ("Institute for National Defense"), so that "and"
// continues the name.
func (s *state) insideHeadOf(i, j int) bool {
	for p := i + 1; p < j; p++ {
		if s.e.connectors[s.toks[p].fold] && !s.toks[p].cap && s.e.orgOfHeads[s.toks[p-1].fold] {
			return true
		}
	}
	return false
}

// endsOrg reports whether the capitalised words from k end with an
// organisation's suffix: "Ministry of Defence and Foreign Ministry" is two.
func (s *state) endsOrg(k int) bool {
	m := k
	for m+1 < len(s.toks) && s.toks[m+1].cap && s.toks[m+1].join == joinSpace && s.toks[m+1].sent == s.toks[k].sent {
		m++
	}
	return s.e.orgSuffix[s.toks[m].fold]
}

// known1 reports whether token k alone is a gazetteer name.
func (s *state) known1(k int) bool {
	_, ok := s.lookup(k, k+1)
	return ok
}

// syllable reports whether the lower-case token j is the second syllable
// of a hyphenated given name ("Ching-te", "Jong-un"): short, hyphened to
// a capitalised word, and not a word like "led" or "based".
func (s *state) syllable(j int) bool {
	if j == 0 {
		return false
	}
	u, prev := &s.toks[j], &s.toks[j-1]
	if !u.lower || u.join != joinHyphen || !prev.cap || prev.upper || prev.dotted {
		return false
	}
	n := utf8.RuneCountInString(u.text)
	return n >= 2 && n <= 4 && !s.e.hyphenWords[u.fold] && !s.e.stop.IsStop(u.fold) && !s.lowerSeen[u.fold]
}

// run trims a capitalised span [a, b) and classifies it.
func (s *state) run(a, b int) {
	for a < b && s.trimmable(a, true) {
		a++
	}
	for b > a && s.trimmable(b-1, false) {
		b--
	}
	if a >= b {
		return
	}
	// A word capitalised only because it starts a sentence is no evidence.
	if t := &s.toks[a]; t.initial && b-a > 1 && !s.confirmed(t) {
		if _, ok := s.lookup(a, b); !ok {
			s.run(a+1, b)
			return
		}
	}
	s.classify(a, b, false, true)
}

// trimmable reports whether token i is dropped from the start (or end) of a
// span: function words, days and months, lower-case words (but the
// syllable of "Jong-un").
func (s *state) trimmable(i int, leading bool) bool {
	t := &s.toks[i]
	if !t.cap {
		return leading || !s.syllable(i)
	}
	if t.fold == "may" && !leading {
		return false // "Theresa May"
	}
	return s.stoplike(t) || s.e.timeWords[t.fold]
}

// confirmed reports whether a sentence-initial word is known to be
// capitalised for itself.
func (s *state) confirmed(t *token) bool {
	f := t.fold
	return s.midCap[f] || s.e.given[f] || s.e.gaz.first[f] || s.e.roleHeads[f] ||
		s.e.roleMods[f] || s.e.orgOfHeads[f] || s.e.placePrefix[f] || t.upper || t.dotted
}

// classify finds what the span [a, b) names and adds its mentions. role
// says a title or role came right before it; top that [a, b) is a whole
// span, whose surrounding words are cues.
func (s *state) classify(a, b int, role, top bool) {
	toks := s.toks
	n := b - a
	if n <= 0 {
		return
	}
	if k, ok := s.lookup(a, b); ok {
		if n > 1 || s.singleKnownOK(a) {
			s.addKnown(a, b, k)
		}
		return
	}
	if n == 1 {
		s.single(a, role, top)
		return
	}
	first, last := &toks[a], &toks[b-1]
	// A role written with "of" comes first: "President of the European
	// Commission Ursula von der Leyen" is no commission.
	if ra, rb, ok := s.findRole(a, b); ok && ra == a && rb < b && s.e.connectors[toks[rb].fold] {
		s.splitRole(a, b, ra, rb)
		return
	}
	orgOf, placeOf := s.headOf(a, b)
	switch {
	case s.e.orgSuffix[last.fold] || orgOf:
		s.add(a, b, Organization, wSuffix)
		return
	case s.e.placeSuffix[last.fold] || s.e.placePrefix[first.fold] || placeOf:
		s.add(a, b, Place, wSuffix)
		return
	}
	if ra, rb, ok := s.findRole(a, b); ok {
		s.splitRole(a, b, ra, rb)
		return
	}
	if role || (top && s.lowerRoleBefore(a)) {
		if s.namey(a, b) {
			s.add(a, b, Person, wRole)
		}
		return
	}
	if s.english && s.e.given[first.fold] && s.namey(a, b) {
		s.add(a, b, Person, wGiven)
		return
	}
	if s.segment(a, b) {
		return
	}
	if s.english && s.namey(a, b) {
		s.addCued(a, b, top)
	}
}

// headOf reports whether [a, b) is an organisation's or a place's name
// written with a connector after its head: "Central Bank of Norland",
// "Council on Foreign Relations", "Gulf of Aden".
func (s *state) headOf(a, b int) (org, place bool) {
	for p := a + 1; p < b-1; p++ {
		if !s.e.connectors[s.toks[p].fold] || s.toks[p].cap {
			continue
		}
		h := s.toks[p-1].fold
		return s.e.orgOfHeads[h], s.e.placeOfHead[h] && !s.e.orgOfHeads[h]
	}
	return false, false
}

// splitRole handles a span with a role phrase at [ra, rb): what comes
// before is classified on its own ("U.S." of "U.S. President Donald
// Trump"), what comes after is the person ("Donald Trump"), after an
// organisation or place named with "of" ("President of the European
// Commission Ursula von der Leyen").
func (s *state) splitRole(a, b, ra, rb int) {
	toks := s.toks
	if rb == b {
		// A trailing role word is a surname after a given name ("Stephen
		// King"), else a role alone ("Iranian President").
		if ra > a && rb-ra == 1 && s.e.given[toks[a].fold] && s.namey(a, b) {
			s.add(a, b, Person, wGiven)
			return
		}
		if ra > a {
			s.classify(a, ra, false, false)
		}
		return
	}
	if ra > a {
		s.classify(a, ra, false, false)
	}
	p := rb
	if s.e.connectors[toks[p].fold] {
		p++
		for p < b && (toks[p].fold == "the" && !toks[p].cap) {
			p++
		}
		for l := min(maxNameWords, b-p); l >= 1; l-- {
			if k, ok := s.lookup(p, p+l); ok {
				s.addKnown(p, p+l, k)
				p += l
				break
			}
		}
	}
	if p < b {
		s.classify(p, b, true, false)
	}
}

// findRole returns the first role phrase in [a, b): modifiers and heads
// ending with a head ("Deputy Prime Minister", "Gen.", "Supreme Leader
// Ayatollah"), or a role with "of" ("Secretary of State").
func (s *state) findRole(a, b int) (int, int, bool) {
	toks := s.toks
	for p := a; p < b; p++ {
		f := toks[p].fold
		if !s.e.roleHeads[f] && !s.e.roleMods[f] {
			continue
		}
		q, lastHead := p, -1
		for q < b {
			g := toks[q].fold
			if s.e.roleHeads[g] {
				lastHead = q
			} else if !s.e.roleMods[g] {
				break
			}
			q++
		}
		// A role with "of": the longest listed phrase from a head.
		if lastHead >= 0 && lastHead+1 < b && s.e.connectors[toks[lastHead+1].fold] {
			for l := min(s.e.roleOfLen, b-lastHead); l >= 3; l-- {
				if s.e.roleOf[s.foldKey(lastHead, lastHead+l)] {
					return p, lastHead + l, true
				}
			}
		}
		if lastHead >= 0 {
			return p, lastHead + 1, true
		}
		p = q
	}
	return 0, 0, false
}

// lowerRoleBefore reports whether a role in lower case comes right before
// token a ("spokesman John Kirby").
func (s *state) lowerRoleBefore(a int) bool {
	if a == 0 || s.toks[a].join != joinSpace {
		return false
	}
	p := &s.toks[a-1]
	return p.lower && s.e.lowerRoles[p.fold]
}

// namey reports whether [a, b) can be a person's name: capitalised words
// and particles, none of them a nationality, a time word or a common word.
func (s *state) namey(a, b int) bool {
	for i := a; i < b; i++ {
		t := &s.toks[i]
		if !t.cap {
			if !s.e.particles[t.fold] && !s.syllable(i) {
				return false
			}
			continue
		}
		if s.e.demonyms[t.fold] || s.e.timeWords[t.fold] || s.e.nonEntity[t.fold] ||
			s.e.orgSuffix[t.fold] || s.e.placeSuffix[t.fold] {
			return false
		}
		if t.upper && !s.e.nameSuffixes[t.fold] && utf8.RuneCountInString(t.text) > 3 {
			return false
		}
	}
	return true
}

// single classifies a span of one word.
func (s *state) single(a int, role, top bool) {
	t := &s.toks[a]
	letters := 0
	for _, r := range t.text {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < 2 {
		return
	}
	if t.initial && !s.midCap[t.fold] {
		return
	}
	f := t.fold
	e := s.e
	if e.nonEntity[f] || e.timeWords[f] || s.stoplike(t) || e.demonyms[f] || e.roleHeads[f] ||
		e.roleMods[f] || e.orgSuffix[f] || e.placeSuffix[f] || e.connectors[f] || e.particles[f] {
		return
	}
	if t.upper {
		if e.nonAcronyms[f] || letters > 6 || isRoman(t.text) {
			return
		}
		if role {
			s.add(a, a+1, Person, wRole) // "Vice President JD"
			return
		}
		if digits(t.text) >= 2 {
			return // "COP30", "A320": events and models
		}
		s.push(mention{a: a, b: a + 1, ev: [3]int{0, 0, wAcronym}, alias: s.acronymOf(a)})
		return
	}
	if s.lowerSeen[f] {
		return
	}
	if role || (top && s.lowerRoleBefore(a)) {
		s.add(a, a+1, Person, wRole)
		return
	}
	if s.english {
		s.addCued(a, a+1, top)
	}
}

// acronymOf returns 1 + the index of the organisation an acronym at token
// a is introduced for, "International Atomic Energy Agency (IAEA)",
// "the National Institute for Space Research, known as INPE", "known by its
// French initials MSF"; 0 when it is not one.
func (s *state) acronymOf(a int) int {
	if len(s.mentions) == 0 || a < 2 {
		return 0
	}
	i := len(s.mentions) - 1
	m := &s.mentions[i]
	if m.ev[2] == 0 || s.toks[m.b-1].sent != s.toks[a].sent || m.b > a || a-m.b > 6 {
		return 0
	}
	gap := s.src[s.toks[m.b-1].rawEnd:s.toks[a].start]
	prev := s.toks[a-1].fold
	if (m.b == a && strings.TrimSpace(gap) == "(") ||
		(prev == "as" && s.toks[a-2].fold == "known") || prev == "initials" || prev == "acronym" {
		return i + 1
	}
	return 0
}

// digits returns how many digits w has.
func digits(w string) int {
	n := 0
	for _, r := range w {
		if unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// singleKnownOK reports whether a one-word gazetteer match stands: not
// when the word starts a sentence and is also a common word ("Turkey"
// and "turkey", "Shell" and "shell").
func (s *state) singleKnownOK(a int) bool {
	t := &s.toks[a]
	return !(t.initial && !t.upper && s.lowerSeen[t.fold])
}

// isRoman reports whether w is a Roman numeral ("II", "XIV").
func isRoman(w string) bool {
	for _, r := range w {
		if !strings.ContainsRune("IVXLCDM", r) {
			return false
		}
	}
	return len(w) <= 5
}

// segment splits a span into the names the gazetteer knows ("US Iran",
// "Israel-Hamas"), when what is left over is ignorable or classifiable on
// its own. It reports whether it did.
func (s *state) segment(a, b int) bool {
	type piece struct {
		a, b int
		k    known
		ok   bool
	}
	var pieces []piece
	matched := false
	for p := a; p < b; {
		found := false
		for l := min(maxNameWords, b-p); l >= 1; l-- {
			if k, ok := s.lookup(p, p+l); ok && (l > 1 || s.singleKnownOK(p)) {
				pieces = append(pieces, piece{a: p, b: p + l, k: k, ok: true})
				p += l
				found, matched = true, true
				break
			}
		}
		if found {
			continue
		}
		if m := len(pieces); m > 0 && !pieces[m-1].ok {
			pieces[m-1].b++
		} else {
			pieces = append(pieces, piece{a: p, b: p + 1})
		}
		p++
	}
	if !matched {
		return false
	}
	for _, pc := range pieces {
		if !pc.ok && !s.ignorable(pc.a, pc.b) && !s.classifiable(pc.a, pc.b) {
			return false
		}
	}
	for _, pc := range pieces {
		switch {
		case pc.ok:
			s.addKnown(pc.a, pc.b, pc.k)
		case !s.ignorable(pc.a, pc.b):
			s.classify(pc.a, pc.b, false, false)
		}
	}
	return true
}

// ignorable reports whether every word of [a, b) is one that names
// nothing: function and common words, nationalities, roles.
func (s *state) ignorable(a, b int) bool {
	e := s.e
	for i := a; i < b; i++ {
		t := &s.toks[i]
		f := t.fold
		if !t.cap || s.stoplike(t) || e.nonEntity[f] || e.timeWords[f] || e.demonyms[f] ||
			(s.lowerSeen[f] && !t.upper) || e.roleHeads[f] || e.roleMods[f] {
			continue
		}
		return false
	}
	return true
}

// classifiable reports whether a left-over span has a kind of its own: an
// acronym, a given name and more, an organisation's or place's suffix.
func (s *state) classifiable(a, b int) bool {
	first, last := &s.toks[a], &s.toks[b-1]
	if b-a == 1 {
		return first.upper && !s.e.nonAcronyms[first.fold] && !isRoman(first.text)
	}
	return (s.e.given[first.fold] && s.namey(a, b)) || s.e.orgSuffix[last.fold] || s.e.placeSuffix[last.fold]
}

// addCued adds a span with the evidence of the words around it: "… said",
// "said …", "…, a spokesman", "chief executive, …" and "Reporting by …"
// for a person; "in …", "near …" (and "in X and …") for a place. With
// none, the mention waits for coreference to give it a kind.
func (s *state) addCued(a, b int, top bool) {
	m := mention{a: a, b: b}
	if top && !s.hasKnownWord(a, b) {
		toks := s.toks
		possessive := toks[b-1].poss
		if b < len(toks) && toks[b].sent == toks[a].sent && !possessive {
			switch {
			case toks[b].join == joinSpace && toks[b].lower && s.e.said[toks[b].fold]:
				m.ev[0] += wSaid
			case s.src[toks[b-1].rawEnd:toks[b].start] == ", " && s.appositiveRole(b):
				m.ev[0] += wSaid
			}
		}
		if a > 0 && toks[a-1].sent == toks[a].sent && toks[a-1].lower {
			f := toks[a-1].fold
			switch gap := s.src[toks[a-1].rawEnd:toks[a].start]; {
			case gap == " " && s.e.said[f] && s.quoteBefore(a-1):
				m.ev[0] += wSaid // `"…," said X`, not "said X had paid"
			case gap == " " && f == "by" && a > 1 && s.e.bylines[toks[a-2].fold]:
				m.ev[0] += wRole
			case gap == ", " && s.e.lowerRoles[f]:
				m.ev[0] += wSaid
			case gap == " " && s.e.placeCues[f] && !possessive && !s.e.given[toks[a].fold] &&
				!(a > 1 && s.e.stakeWords[toks[a-2].fold]):
				m.ev[1] += wCue
			case gap == " " && (f == "and" || f == "or") && s.lastPlaceEnd == a-1 && a-1 > 0 && !possessive:
				m.ev[1] += wCue
			}
		}
	}
	s.push(m)
}

// hasKnownWord reports whether a word of [a, b) is a gazetteer name on its
// own ("Meta Platforms"): the span is then no person and no unknown place.
func (s *state) hasKnownWord(a, b int) bool {
	if b-a < 2 {
		return false
	}
	for i := a; i < b; i++ {
		if _, ok := s.lookup(i, i+1); ok {
			return true
		}
	}
	return false
}

// quoteBefore reports whether token i follows the end of a quotation or a
// clause: a closing quote or a comma in the gap before it.
func (s *state) quoteBefore(i int) bool {
	if i == 0 || s.toks[i].sent != s.toks[i-1].sent {
		return false
	}
	return strings.ContainsAny(s.src[s.toks[i-1].rawEnd:s.toks[i].start], `,"”'’`)
}

// appositiveRole reports whether the words from i are "a spokesman", "an
// analyst at", "the company's founder": an article, at most two words, a
// role.
func (s *state) appositiveRole(i int) bool {
	toks := s.toks
	if i >= len(toks) || !toks[i].lower {
		return false
	}
	switch toks[i].fold {
	case "a", "an", "the":
	default:
		return false
	}
	for j := i + 1; j < len(toks) && j <= i+3; j++ {
		if toks[j].sent != toks[i].sent || toks[j].join == joinNone && !toks[j-1].poss {
			return false
		}
		if toks[j].lower && s.e.lowerRoles[toks[j].fold] {
			return true
		}
	}
	return false
}

// push adds a mention, remembering where the last place ended.
func (s *state) push(m mention) {
	if m.ev[1] > 0 {
		s.lastPlaceEnd = m.b
	}
	s.mentions = append(s.mentions, m)
}

// add adds a mention of [a, b) with evidence w for kind k.
func (s *state) add(a, b int, k Kind, w int) {
	m := mention{a: a, b: b}
	m.ev[kindIndex(k)] = w
	s.push(m)
}

// addKnown adds a mention of a gazetteer entry.
func (s *state) addKnown(a, b int, k known) {
	kk := k
	m := mention{a: a, b: b, fixed: &kk}
	m.ev[kindIndex(k.kind)] = wKnown
	s.push(m)
}

// lookup returns the gazetteer entry named by the words [a, b).
func (s *state) lookup(a, b int) (known, bool) {
	if b-a > maxNameWords || b <= a {
		return known{}, false
	}
	g := s.e.gaz
	allUpper := true
	for i := a; i < b; i++ {
		if !s.toks[i].upper {
			allUpper = false
			break
		}
	}
	if allUpper {
		if k, ok := g.caps[s.capsKey(a, b)]; ok {
			return k, true
		}
	}
	k, ok := g.folded[s.foldKey(a, b)]
	return k, ok
}

// foldKey returns the folded words of [a, b) joined by spaces.
func (s *state) foldKey(a, b int) string {
	if b-a == 1 {
		return s.toks[a].fold
	}
	var sb strings.Builder
	for i := a; i < b; i++ {
		if i > a {
			sb.WriteByte(' ')
		}
		sb.WriteString(s.toks[i].fold)
	}
	return sb.String()
}

// capsKey returns the words of [a, b) as written, dots removed, joined by
// spaces.
func (s *state) capsKey(a, b int) string {
	var sb strings.Builder
	for i := a; i < b; i++ {
		if i > a {
			sb.WriteByte(' ')
		}
		t := s.toks[i].text
		if s.toks[i].dotted {
			t = strings.ReplaceAll(t, ".", "")
		}
		sb.WriteString(t)
	}
	return sb.String()
}

// display returns the words [a, b) as written, white space made single.
func (s *state) display(a, b int) string {
	raw := s.src[s.toks[a].start:s.toks[b-1].end]
	if strings.ContainsAny(raw, "\n\t\r  ") {
		raw = strings.Join(strings.Fields(raw), " ")
	}
	return raw
}
