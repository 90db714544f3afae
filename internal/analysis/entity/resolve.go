package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// cluster is the mentions of one entity in an article.
type cluster struct {
	fixed  bool // a gazetteer entry: name and kind are its own
	kind   Kind // the gazetteer's kind; else decided by evidence
	name   string
	folds  []string // the folded words of name
	upper  bool     // name is one word in capitals
	ev     [3]int
	count  int
	keys   []string // the keys of the mentions merged into it
	parent int      // itself, or the cluster it was merged into
	first  int      // token index of the first mention
}

// resolve groups the mentions into clusters by name, then merges the
// clusters that name the same entity: a surname into the full name, a
// shorter full name into a longer one, an acronym into the name it
// abbreviates.
func (s *state) resolve() {
	at := make([]int, len(s.mentions)) // the cluster of each mention
	for i := range s.mentions {
		at[i] = s.addMention(&s.mentions[i])
	}
	for i, m := range s.mentions {
		if m.alias > 0 {
			s.merge(at[i], at[m.alias-1])
		}
	}
	cs := s.clusters
	// People: "Araghchi" and "Mr Araghchi" into "Abbas Araghchi"; "Abbas
	// Araghchi" into "Seyed Abbas Araghchi"; "Xi" into "Xi Jinping". A full
	// name with no evidence yet may take it from its surname ("Ingrid
	// Solberg" … "Solberg said").
	surnames := make(map[string][]int) // surname → people
	suffixes := make(map[string][]int) // the last words of a name, two or more → people
	for i, c := range cs {
		if c.fixed || len(c.folds) < 2 {
			continue
		}
		if k := s.kindOf(c); k != Person && (k != "" || c.ev != [3]int{}) {
			continue
		}
		sn := surname(c.folds, s.e.nameSuffixes)
		surnames[sn] = append(surnames[sn], i)
		if s.e.familyFirst[c.folds[0]] || syllableLast(c.name) {
			surnames[c.folds[0]] = append(surnames[c.folds[0]], i)
		}
		for k := 1; k+2 <= len(c.folds); k++ {
			key := strings.Join(c.folds[k:], " ")
			suffixes[key] = append(suffixes[key], i)
		}
	}
	for i, c := range cs {
		if c.fixed {
			continue
		}
		if k := s.kindOf(c); k != Person && k != "" {
			continue
		}
		var cands []int
		if len(c.folds) == 1 {
			cands = surnames[c.folds[0]]
		} else {
			cands = suffixes[strings.Join(c.folds, " ")]
		}
		if j := s.best(cands, i); j >= 0 {
			s.merge(i, j)
		}
	}
	// A surname's possessive that the gazetteer knows as a company
	// ("McDonald's") is the person's when the text names a person of that
	// surname ("Michael McDonald's return … McDonald's voice").
	for i, c := range cs {
		if !c.fixed || c.parent != i {
			continue
		}
		if stem, ok := possessiveStem(c.name); ok {
			if j := s.best(surnames[foldWord(stem)], i); j >= 0 && s.kindOf(s.clusters[j]) == Person {
				ev := c.ev
				c.ev = [3]int{} // the company's evidence is not the person's
				s.merge(i, j)
				c.ev = ev
			}
		}
	}
	// Organisations: "Halvorsen" into "Halvorsen Logistics".
	heads := make(map[string][]int)
	for i, c := range cs {
		if !c.fixed && c.parent == i && len(c.folds) >= 2 && s.kindOf(c) == Organization {
			heads[c.folds[0]] = append(heads[c.folds[0]], i)
		}
	}
	for i, c := range cs {
		if c.fixed || c.parent != i || len(c.folds) != 1 || c.upper || s.kindOf(c) != "" {
			continue
		}
		if j := s.best(heads[c.folds[0]], i); j >= 0 {
			s.merge(i, j)
		}
	}
	// Acronyms: "IAEA" into "International Atomic Energy Agency".
	initials := make(map[string][]int)
	for i, c := range cs {
		if c.parent != i || len(c.folds) < 2 || s.kindOf(c) != Organization {
			continue
		}
		if in := s.initials(c.folds); len(in) >= 2 {
			initials[in] = append(initials[in], i)
		}
	}
	for i, c := range cs {
		if c.fixed || !c.upper || c.parent != i {
			continue
		}
		if k := s.kindOf(c); k != Organization && k != "" {
			continue
		}
		if j := s.best(initials[c.folds[0]], i); j >= 0 {
			s.merge(i, j)
		}
	}
}

// addMention adds a mention to the cluster of its key, and returns the
// cluster's index.
func (s *state) addMention(m *mention) int {
	var key, name string
	if m.fixed != nil {
		key = "\x00" + string(m.fixed.kind) + "\x00" + m.fixed.name
		name = m.fixed.name
	} else {
		key = s.foldKey(m.a, m.b)
		name = s.display(m.a, m.b)
		switch {
		case m.ev[2] == 0:
		case m.b-m.a > 1 && s.e.legal[s.toks[m.b-1].fold]:
			key = s.foldKey(m.a, m.b-1) // "Acme Corp" is "Acme"
		case m.b-m.a > 2 && s.e.orgOfHeads[s.toks[m.a].fold] && s.toks[m.a+1].fold == "of":
			// "University of Oxford" is "Oxford University".
			key = s.foldKey(m.a+2, m.b) + " " + s.toks[m.a].fold
		}
	}
	i, ok := s.byKey[key]
	if !ok {
		i = len(s.clusters)
		c := &cluster{name: name, parent: i, first: m.a, keys: []string{key}}
		if m.fixed != nil {
			c.fixed, c.kind = true, m.fixed.kind
			c.folds = strings.Fields(normName(name))
		} else {
			c.folds = make([]string, 0, m.b-m.a)
			for j := m.a; j < m.b; j++ {
				c.folds = append(c.folds, s.toks[j].fold)
			}
			c.upper = m.b-m.a == 1 && s.toks[m.a].upper
		}
		s.byKey[key] = i
		s.clusters = append(s.clusters, c)
	}
	c := s.clusters[i]
	c.count++
	for k := range c.ev {
		c.ev[k] += m.ev[k]
	}
	if !c.fixed && betterName(name, c.name) {
		c.name = name
	}
	return i
}

// kindOf returns the kind of a cluster: the gazetteer's, or the kind with
// the most evidence; "" when there is none or two kinds tie.
func (s *state) kindOf(c *cluster) Kind {
	if c.fixed {
		return c.kind
	}
	best, bi, tie := 0, -1, false
	for i, v := range c.ev {
		switch {
		case v > best:
			best, bi, tie = v, i, false
		case v == best && v > 0:
			tie = true
		}
	}
	if bi < 0 || tie {
		return ""
	}
	return kindAt(bi)
}

// best returns the candidate cluster (other than self, followed to its
// root) with the most mentions, the earliest on a tie; -1 for none.
func (s *state) best(cands []int, self int) int {
	bj := -1
	for _, j := range cands {
		j = s.root(j)
		if j == self || s.root(self) == j {
			continue
		}
		if bj < 0 || s.clusters[j].count > s.clusters[bj].count ||
			(s.clusters[j].count == s.clusters[bj].count && s.clusters[j].first < s.clusters[bj].first) {
			bj = j
		}
	}
	return bj
}

// root returns the cluster i was merged into.
func (s *state) root(i int) int {
	for s.clusters[i].parent != i {
		i = s.clusters[i].parent
	}
	return i
}

// merge merges cluster i into cluster j.
func (s *state) merge(i, j int) {
	i, j = s.root(i), s.root(j)
	if i == j {
		return
	}
	c, d := s.clusters[i], s.clusters[j]
	c.parent = j
	d.count += c.count
	for k := range d.ev {
		d.ev[k] += c.ev[k]
	}
	d.keys = append(d.keys, c.keys...)
	d.first = min(d.first, c.first)
	if !d.fixed && !c.upper && betterName(c.name, d.name) {
		d.name, d.folds = c.name, c.folds
	}
}

// betterName reports whether a is a fuller name than b: more words, then
// longer.
func betterName(a, b string) bool {
	wa, wb := strings.Count(a, " ")+strings.Count(a, "-"), strings.Count(b, " ")+strings.Count(b, "-")
	if wa != wb {
		return wa > wb
	}
	return len(a) > len(b)
}

// surname returns the last word of a person's name, before "Jr" or "III".
func surname(folds []string, suffixes map[string]bool) string {
	for i := len(folds) - 1; i > 0; i-- {
		if !suffixes[folds[i]] {
			return folds[i]
		}
	}
	return folds[len(folds)-1]
}

// syllableLast reports whether a name ends with a hyphenated syllable in
// lower case ("Lai Ching-te", "Kim Jong-un"): written family name first.
func syllableLast(name string) bool {
	i := strings.LastIndexAny(name, " -")
	if i < 0 || name[i] != '-' || !strings.Contains(name[:i], " ") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(name[i+1:])
	return unicode.IsLower(r)
}

// initials returns the initials of a name's words, without connectors,
// particles and "the"/"and" ("International Atomic Energy Agency" →
// "iaea").
func (s *state) initials(folds []string) string {
	var sb strings.Builder
	for _, f := range folds {
		if f == "the" || f == "and" || s.e.connectors[f] || s.e.particles[f] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(f)
		sb.WriteRune(r)
	}
	return sb.String()
}

// countUnreliable counts the mentions in the headline, the headings and
// the text in capitals: only names the body or the gazetteer establishes
// (and acronyms, outside text in capitals), longest first.
func (s *state) countUnreliable() {
	dict := make(map[string]int)
	surnames := make(map[string]int)
	for i, c := range s.clusters {
		if c.parent != i || s.kindOf(c) == "" {
			continue
		}
		for _, k := range c.keys {
			if k != "" && k[0] != 0 {
				dict[k] = i
			}
		}
		if !c.fixed && len(c.folds) > 1 && s.kindOf(c) == Person {
			sn := surname(c.folds, s.e.nameSuffixes)
			if _, dup := surnames[sn]; dup {
				surnames[sn] = -1
			} else {
				surnames[sn] = i
			}
		}
	}
	toks := s.toks
	for i := 0; i < len(toks); {
		if !toks[i].unreliable || !toks[i].cap || s.stoplike(&toks[i]) {
			i++
			continue
		}
		end := i + 1
		for end < len(toks) && end-i < maxNameWords && toks[end].unreliable &&
			toks[end].sent == toks[i].sent && toks[end].join != joinNone {
			end++
		}
		matched := 0
		for l := end - i; l >= 1 && matched == 0; l-- {
			if !toks[i+l-1].cap {
				continue
			}
			if k, ok := s.lookup(i, i+l); ok {
				if l > 1 || !s.e.stop.IsStop(toks[i].fold) || toks[i].upper {
					s.countKnown(k)
					matched = l
				}
				continue
			}
			key := s.foldKey(i, i+l)
			if j, ok := dict[key]; ok {
				s.clusters[j].count++
				matched = l
			} else if j, ok := surnames[key]; ok && l == 1 && j >= 0 {
				s.clusters[j].count++
				matched = l
			} else if l == 1 && toks[i].upper && !toks[i].allCaps && !s.e.nonAcronyms[toks[i].fold] &&
				!isRoman(toks[i].text) && utf8.RuneCountInString(toks[i].text) <= 6 {
				s.addMention(&mention{a: i, b: i + 1, ev: [3]int{0, 0, wAcronym}})
				matched = l
			}
		}
		i += max(matched, 1)
	}
}

// countKnown counts one more mention of a gazetteer entry.
func (s *state) countKnown(k known) {
	kk := k
	m := mention{fixed: &kk}
	m.ev[kindIndex(k.kind)] = wKnown
	s.addMention(&m)
}

// entities returns the clusters with a kind as entities, sorted.
func (s *state) entities() []Entity {
	var out []Entity
	seen := make(map[string]int)
	for i, c := range s.clusters {
		if c.parent != i {
			continue
		}
		k := s.kindOf(c)
		if k == "" || c.count < 1 {
			continue
		}
		if k == Person && !c.fixed && len(c.folds) == 1 && c.ev[0] < wRole && c.count < 2 {
			continue // "Bernstein said", once: too little to call it a person
		}
		if s.unexplainedCode(c) {
			continue
		}
		name := strings.TrimSpace(c.name)
		if name == "" {
			continue
		}
		e := Entity{Name: name, Kind: k, Count: c.count}
		key := Key(e)
		if j, ok := seen[key]; ok {
			out[j].Count += e.Count
			continue
		}
		seen[key] = len(out)
		out = append(out, e)
	}
	sortEntities(out)
	return out
}

// unexplainedCode reports whether cluster c is a word in capitals that
// the gazetteer does not know and no name in the text spells out, and
// that is a two-letter code ("CA", "NY"), a word the text also writes in
// lower case ("GROW" … "grow"), or appears only once with
// nothing around it that says organisation, not even "the" ("ASAP",
// "GREAT"): an abbreviation or a shouted word rather than a name.
func (s *state) unexplainedCode(c *cluster) bool {
	if c.fixed || !c.upper || len(c.keys) > 1 {
		return false
	}
	if utf8.RuneCountInString(strings.TrimSpace(c.name)) <= 2 || s.lowerSeen[c.folds[0]] {
		return true // a code, or a word the text also writes in lower case ("PLAN", "plan")
	}
	if c.count >= 2 || c.ev != [3]int{0, 0, wAcronym} {
		return false
	}
	// Said once, with nothing around it that says organisation but an
	// article: "the NRB" names something, "fill up ASAP" does not.
	a := c.first
	return a == 0 || s.toks[a-1].fold != "the" || s.toks[a-1].sent != s.toks[a].sent
}

// possessiveStem returns a one-word name without its possessive "'s"
// ("McDonald's" → "McDonald").
func possessiveStem(name string) (string, bool) {
	for _, suffix := range []string{"'s", "’s"} {
		if stem, ok := strings.CutSuffix(name, suffix); ok && stem != "" && !strings.Contains(stem, " ") {
			return stem, true
		}
	}
	return "", false
}
