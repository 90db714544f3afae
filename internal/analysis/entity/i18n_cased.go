package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/text"
)

// i18nLex holds the word lists of i18n_lexicon.go as sets, folded.
type i18nLex struct {
	roles, roleInfl, said, aux, saidBefore, particles  map[string]bool
	orgHeads, orgConn, orgAdj, orgSuffix, orgWords     map[string]bool
	legal, ruOrgHeads, given, determiners, nonAcronyms map[string]bool
	endings                                            map[string][]string
	orgNames                                           map[string]string // orgKey → English name
	orgFirsts                                          map[string]bool   // orgKey of their first words
}

// newI18nLex builds the sets.
func newI18nLex() *i18nLex {
	f := func(s string) map[string]bool {
		m := make(map[string]bool)
		for _, w := range strings.Fields(s) {
			m[i18nFold(w)] = true
		}
		return m
	}
	endings := make(map[string][]string, len(caseEndings))
	for l, es := range caseEndings {
		for _, e := range es {
			endings[l] = append(endings[l], i18nFold(e))
		}
	}
	orgNames, orgFirsts := make(map[string]string), make(map[string]bool)
	for en, names := range i18nOrgNames {
		for _, n := range names {
			k := orgKey(n)
			orgNames[k] = en
			first, _, _ := strings.Cut(k, " ")
			orgFirsts[first] = true
		}
	}
	return &i18nLex{
		orgNames: orgNames, orgFirsts: orgFirsts,
		roles: f(i18nRoleStems), roleInfl: f(roleInflections), said: f(i18nSaidWords),
		aux: f(i18nAuxiliaries), saidBefore: f(i18nSaidBefore), particles: f(i18nParticles),
		orgHeads: f(i18nOrgHeads), orgConn: f(i18nOrgConnectors), orgAdj: f(i18nOrgAdjectives),
		orgSuffix: f(i18nOrgSuffixes), orgWords: f(i18nOrgWords), legal: f(i18nLegalForms),
		ruOrgHeads: f(ruOrgHeads), given: f(i18nGivenNames), determiners: f(i18nDeterminers),
		nonAcronyms: f(i18nNonAcronyms),
		endings:     endings,
	}
}

// casedDoc is an article in an alphabet with capitals, cut into tokens.
type casedDoc struct {
	*state
	x    *i18nState
	lex  *i18nLex
	keys []string // i18nFold of each token
	used []bool   // the token is part of a name found
	stop *text.Analyzer
}

// cased finds places, people and organisations in an article written in
// an alphabet with capitals.
func (x *i18nState) cased(title, body string, td *text.Doc) {
	s := x.e.newStateDoc(title, body, td)
	d := &casedDoc{
		state: s, x: x, lex: x.t.lex,
		keys: make([]string, len(s.toks)),
		used: make([]bool, len(s.toks)),
		stop: text.NewAnalyzer(x.lang),
	}
	for i := range s.toks {
		if x.lang == "tr" || x.lang == "az" {
			cutSuffix(&s.toks[i]) // "Ankara'da"
		}
		elide(&s.toks[i])
		d.keys[i] = i18nFold(s.toks[i].text)
	}
	x.lastWords = make(map[string]int)
	d.legalForms()
	d.orgs()
	d.places()
	d.acronyms()
	d.people()
	d.surnames()
}

// elide drops an elided article or preposition from a token, so that the
// name after it is capitalised: "l'Union", "d'Ivoire", "L'Allemagne",
// "dell'Onu" (not "O'Brien").
func elide(t *token) {
	i := strings.IndexAny(t.text, "'’")
	if i < 1 || !elided[strings.ToLower(t.text[:i])] {
		return
	}
	rest := t.text[i+utf8.RuneLen([]rune(t.text[i:])[0]):]
	r, _ := utf8.DecodeRuneInString(rest)
	if !unicode.IsUpper(r) {
		return
	}
	t.start += len(t.text) - len(rest)
	t.text = rest
	t.fold = foldWord(rest)
	t.cap, t.lower = true, false
	t.upper = isUpperWord(rest)
}

// cutSuffix drops the case suffix a Turkish name takes after an
// apostrophe: "Ankara'da", "İstanbul'dan".
func cutSuffix(t *token) {
	i := strings.IndexAny(t.text, "'’")
	if i < 1 || !t.cap {
		return
	}
	t.text = t.text[:i]
	t.end = t.start + i
	t.fold = foldWord(t.text)
	t.upper = isUpperWord(t.text)
}

// elided are the French and Italian words elided before a vowel.
var elided = map[string]bool{
	"l": true, "d": true, "j": true, "n": true, "s": true, "c": true, "qu": true, "m": true, "t": true,
	"dell": true, "dall": true, "nell": true, "sull": true, "all": true, "un": true,
}

// mark marks [a, b) used.
func (d *casedDoc) mark(a, b int) {
	for i := a; i < b; i++ {
		d.used[i] = true
	}
}

// joined reports whether token j continues the phrase of token j-1: same
// sentence, white space or a hyphen between.
func (d *casedDoc) joined(j int) bool {
	t, p := &d.toks[j], &d.toks[j-1]
	return t.sent == p.sent && (t.join == joinSpace || t.join == joinHyphen)
}

// free reports whether token i is a capitalised word not yet in a name.
func (d *casedDoc) free(i int) bool {
	return i >= 0 && i < len(d.toks) && !d.used[i] && d.toks[i].cap
}

// isStop reports whether token i is a function word of the language.
func (d *casedDoc) isStop(i int) bool {
	return d.stop.IsStop(d.toks[i].fold) || d.stop.IsStop(d.keys[i])
}

// legalForms finds companies by their legal form: "Siemens AG".
func (d *casedDoc) legalForms() {
	for j := 1; j < len(d.toks); j++ {
		if !d.lex.legal[d.keys[j]] || !d.toks[j].cap || !d.joined(j) {
			continue
		}
		a := j
		for a > 0 && j-a < 4 && d.free(a-1) && !d.toks[a-1].initial && d.joined(a) && !d.isStop(a-1) {
			a--
		}
		if a < j {
			d.x.add(d.display(a, j+1), Organization)
			d.mark(a, j+1)
		}
	}
}

// orgs finds organisations by their head ("Ministerio de …"), their last
// word ("Europäische Union", "Commerzbank") or, in Russian, a head
// followed by words in lower case ("Министерство иностранных дел").
func (d *casedDoc) orgs() {
	slav := slavicLangs[d.x.lang]
	for i := 0; i < len(d.toks); i++ {
		if !d.free(i) || d.toks[i].unreliable {
			continue
		}
		a, b := -1, -1
		if b = d.knownOrg(i); b > i {
			d.x.add(d.lex.orgNames[orgKey(d.display(i, b))], Organization)
			d.mark(i, b)
			i = b - 1
			continue
		}
		switch {
		case d.lex.orgWords[d.keys[i]] || d.lex.orgWords[stripGenitive(d.keys[i])]:
			a, b = i, i+1
		case d.lex.orgHeads[d.keys[i]] && !slav:
			a, b = i, d.headFirst(i)
			if b == i+1 {
				continue // the head alone: "le Congrès", "la Commission"
			}
		case slav:
			a, b = d.slavicOrg(i)
		default:
			a, b = d.suffixOrg(i)
		}
		if a < 0 || b <= a {
			continue
		}
		name := d.display(a, b)
		if b-a == 1 {
			name = d.nominative(a)
		}
		if en, ok := d.lex.orgNames[orgKey(name)]; ok {
			name = en
		}
		d.x.add(name, Organization)
		d.mark(a, b)
		i = b - 1
	}
}

// orgKey returns the key of an organisation's name in i18nOrgNames: the
// first five letters of each word, folded.
func orgKey(name string) string {
	var sb strings.Builder
	for _, w := range text.Words(name) {
		k := []rune(i18nFold(w.Text))
		if sb.Len() > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(string(k[:min(5, len(k))]))
	}
	return sb.String()
}

// knownOrg returns the end of an organisation of i18nOrgNames named from
// token i ("Vereinten Nationen"), or i.
func (d *casedDoc) knownOrg(i int) int {
	if k := []rune(d.keys[i]); !d.lex.orgFirsts[string(k[:min(5, len(k))])] {
		return i
	}
	for l := min(7, len(d.toks)-i); l >= 2; l-- {
		ok := true
		for k := i + 1; k < i+l && ok; k++ {
			ok = d.joined(k) && !d.used[k]
		}
		if ok && d.lex.orgNames[orgKey(d.display(i, i+l))] != "" {
			return i + l
		}
	}
	return i
}

// headFirst returns the end of a name that starts with a head at i:
// capitalised words and connectors ("Banco de España", "Congreso de los
// Diputados"), listed adjectives in lower case ("Commission
// européenne"); i when only the head is there.
func (d *casedDoc) headFirst(i int) int {
	last := i
	for j := i + 1; j < len(d.toks) && j-i < 10 && d.joined(j); j++ {
		t := &d.toks[j]
		switch {
		case t.cap && !d.used[j] && !t.unreliable && !d.given(j):
			last = j
			continue
		case t.lower && d.lex.orgAdj[d.keys[j]]:
			last = j
			continue
		case t.lower && d.lex.orgConn[d.keys[j]]:
			// "y", "e", "et" join only two capitalised names.
			if (d.keys[j] == "y" || d.keys[j] == "e" || d.keys[j] == "et") &&
				!(j+1 < len(d.toks) && d.toks[j+1].cap && d.joined(j+1)) {
				return last + 1
			}
			continue
		}
		break
	}
	return last + 1
}

// suffixOrg returns the span of an organisation named by its last word
// at i: a compound ending with a suffix ("Commerzbank"), or the suffix
// after capitalised adjectives ("Europäische Union", "Internationalen
// Atomenergiebehörde").
func (d *casedDoc) suffixOrg(i int) (int, int) {
	k := stripGenitive(d.keys[i])
	for suf := range d.lex.orgSuffix {
		if !strings.HasSuffix(k, suf) {
			continue
		}
		prefix := utf8.RuneCountInString(k) - utf8.RuneCountInString(suf)
		a := i
		for a > 0 && d.free(a-1) && d.joined(a) && !d.isStop(a-1) && adjectival(d.keys[a-1]) {
			a--
		}
		minPrefix := 3
		if suf == "rat" || suf == "bank" || suf == "union" {
			minPrefix = 5
		}
		switch {
		case a < i:
			return a, i + 1
		case prefix >= minPrefix && suf != "union" && !nonOrgCompounds[k]:
			return i, i + 1
		}
	}
	return -1, -1
}

// nonOrgCompounds are German compounds with an organisation's suffix that
// name none.
var nonOrgCompounds = map[string]bool{
	"datenbank": true, "parkbank": true, "sandbank": true, "werkbank": true, "anklagebank": true,
	"regierungsbank": true, "oppositionsbank": true, "hauptgericht": true, "vorgericht": true,
}

// adjectival reports whether a folded word has an adjective's ending
// ("europaische", "internationalen", "deutsche").
func adjectival(k string) bool {
	for _, e := range []string{"e", "en", "er", "es", "em"} {
		if strings.HasSuffix(k, e) && len(k) > len(e)+3 {
			return true
		}
	}
	return false
}

// stripGenitive returns a German word less its genitive ending
// ("ministeriums", "bundestages").
func stripGenitive(k string) string {
	if strings.HasSuffix(k, "es") && len(k) > 6 {
		return k[:len(k)-2]
	}
	if strings.HasSuffix(k, "s") && len(k) > 5 {
		return k[:len(k)-1]
	}
	return k
}

// nominative returns a one-word organisation as written, less a German
// genitive ending.
func (d *casedDoc) nominative(i int) string {
	w := d.toks[i].text
	if d.x.lang != "de" {
		return w
	}
	k := d.keys[i]
	if s := stripGenitive(k); s != k && (d.lex.orgWords[s] || d.hasOrgSuffix(s)) {
		return w[:len(w)-(len(k)-len(s))]
	}
	return w
}

// hasOrgSuffix reports whether k ends with an organisation's suffix.
func (d *casedDoc) hasOrgSuffix(k string) bool {
	for suf := range d.lex.orgSuffix {
		if strings.HasSuffix(k, suf) {
			return true
		}
	}
	return false
}

// slavicOrg returns the span of an organisation in Russian: a head
// ("Министерство", or a capitalised adjective and a head: "Международное
// агентство") and up to four words in lower case that are no verbs,
// ending with a place in capitals if one follows ("… дел России").
func (d *casedDoc) slavicOrg(i int) (int, int) {
	h := -1
	if st := d.slavicStem(d.keys[i]); strings.HasSuffix(st, "банк") && len(st) > len("банк") {
		return i, i + 1 // "Сбербанк", "Газпромбанк"
	}
	switch {
	case d.ruHead(i):
		h = i
	case i+1 < len(d.toks) && d.toks[i+1].lower && d.joined(i+1) && d.ruHead(i+1) && ruAdjective(d.keys[i]):
		h = i + 1
	default:
		return -1, -1
	}
	end := h + 1
	for j := h + 1; j < len(d.toks) && j-h <= 4 && d.joined(j); j++ {
		t := &d.toks[j]
		if t.cap {
			if _, ok := d.placeAt(j, 1); ok {
				end = j + 1
			}
			break
		}
		if d.keys[j] == "по" {
			continue
		}
		if !t.lower || d.isStop(j) && d.keys[j] != "дел" || ruVerbLike(d.keys[j]) {
			break
		}
		end = j + 1
	}
	if end-i < 2 {
		return -1, -1
	}
	return i, end
}

// ruHead reports whether token i is an organisation's head in Russian.
func (d *casedDoc) ruHead(i int) bool {
	k := d.keys[i]
	for h := range d.lex.ruOrgHeads {
		if strings.HasPrefix(k, h) && utf8.RuneCountInString(k)-utf8.RuneCountInString(h) <= 3 {
			return true
		}
	}
	return false
}

// ruAdjective reports whether a Russian word has an adjective's ending.
func ruAdjective(k string) bool {
	for _, e := range []string{"ый", "ий", "ой", "ая", "яя", "ое", "ее", "ого", "его", "ому", "ему", "ым", "им", "ую", "юю", "ых", "их"} {
		if strings.HasSuffix(k, e) {
			return true
		}
	}
	return false
}

// ruVerbLike reports whether a Russian word looks like a verb in the
// past tense or the present, or an infinitive.
func ruVerbLike(k string) bool {
	if k == "дел" {
		return false // "Министерство иностранных дел"
	}
	for _, e := range []string{"л", "ла", "ло", "ли", "ет", "ит", "ут", "ют", "ат", "ят", "ся", "сь", "ть"} {
		if strings.HasSuffix(k, e) {
			return true
		}
	}
	return false
}

// places finds the places the table or the English gazetteer knows, the
// longest name first.
func (d *casedDoc) places() {
	for i := 0; i < len(d.toks); i++ {
		if !d.free(i) {
			continue
		}
		longest := 1
		if d.x.t.firsts[d.keys[i]] || d.e.gaz.first[d.toks[i].fold] {
			longest = min(max(d.x.t.maxWords, maxNameWords), len(d.toks)-i)
		}
		for l := longest; l >= 1; l-- {
			e, ok := d.placeAt(i, l)
			if !ok || !d.placeOK(i, l, e) {
				continue
			}
			d.x.add(e.name, e.kind)
			d.mark(i, i+l)
			i += l - 1
			break
		}
	}
}

// placeHit is a name found by placeAt.
type placeHit struct {
	name string
	kind Kind
	weak bool
}

// placeAt returns the place named by the l tokens from i: in the table
// (the last word also without a case ending), or in the English
// gazetteer.
func (d *casedDoc) placeAt(i, l int) (placeHit, bool) {
	for k := i + 1; k < i+l; k++ {
		if d.used[k] || !d.joined(k) {
			return placeHit{}, false
		}
	}
	if k, ok := d.lookup(i, i+l); ok {
		return placeHit{name: k.name, kind: k.kind}, true
	}
	prefix := ""
	if l > 1 {
		prefix = strings.Join(d.keys[i:i+l-1], " ") + " "
	}
	last := d.keys[i+l-1]
	if e, ok := d.x.find(prefix + last); ok {
		return placeHit{name: e.name, kind: Place, weak: e.weak}, true
	}
	base := d.x.t.base(d.x.lang)
	for _, end := range d.lex.endings[d.x.lang] {
		stem, ok := strings.CutSuffix(last, end)
		if !ok || utf8.RuneCountInString(stem) < 3 {
			continue
		}
		if e, ok := d.x.find(prefix + stem); ok && !e.weak {
			return placeHit{name: e.name, kind: Place}, true
		}
		if e, ok := base[prefix+stem]; ok && e.name != "" && !e.weak {
			return placeHit{name: e.name, kind: Place}, true
		}
	}
	if base != nil {
		if e, ok := base[prefix+last]; ok && e.name != "" && !e.weak && last != stripFinalVowel(last) {
			return placeHit{name: e.name, kind: Place}, true // "Москва" itself is found above
		}
	}
	return placeHit{}, false
}

// placeOK reports whether a name found by placeAt stands: a word that
// starts a sentence and is also written in lower case, a function word,
// a given name before a capitalised word or a surname after a given name
// ("Victoria Nuland", "Jorge Santos") does not; nor does a city known
// only to GeoNames after an article ("das Essen").
func (d *casedDoc) placeOK(i, l int, h placeHit) bool {
	t := &d.toks[i]
	if l > 1 {
		return true
	}
	if t.initial && d.lowerSeen[t.fold] || d.isStop(i) || d.lex.orgHeads[d.keys[i]] {
		return false
	}
	if d.given(i) && i+1 < len(d.toks) && d.toks[i+1].cap && d.joined(i+1) && !d.toks[i+1].upper {
		return false
	}
	if i > 0 && d.toks[i-1].cap && d.joined(i) && d.given(i-1) {
		return false
	}
	if h.weak {
		if d.lowerSeen[t.fold] || i > 0 && d.toks[i-1].lower && d.lex.determiners[d.keys[i-1]] {
			return false
		}
	}
	return true
}

// given reports whether token i is a known given name.
func (d *casedDoc) given(i int) bool {
	return d.e.given[d.toks[i].fold] || d.lex.given[d.keys[i]]
}

// acronyms finds organisations written as acronyms ("SPD", "МИД"), and
// the places and organisations the gazetteers know by theirs.
func (d *casedDoc) acronyms() {
	for i, t := range d.toks {
		if d.used[i] || !t.upper || t.allCaps || t.dotted {
			continue
		}
		letters := utf8.RuneCountInString(t.text)
		if letters > 6 || digits(t.text) > 0 || d.e.nonAcronyms[t.fold] || isRoman(t.text) ||
			d.lex.legal[d.keys[i]] || d.lex.nonAcronyms[d.keys[i]] {
			continue
		}
		if i+1 < len(d.toks) && d.toks[i+1].join == joinHyphen && digits(d.toks[i+1].text) > 0 {
			continue // a road or a model: "BR-163", "A-320"
		}
		if name, ok := i18nOrgAcronyms[t.text]; ok {
			d.x.add(name, Organization)
		} else if k, ok := d.e.gaz.caps[t.text]; ok {
			d.x.add(k.name, k.kind)
		} else {
			d.x.add(t.text, Organization)
		}
		d.used[i] = true
	}
}

// nameWord reports whether token i can be a word of a person's name.
func (d *casedDoc) nameWord(i int) bool {
	if !d.free(i) {
		return false
	}
	t := &d.toks[i]
	if t.unreliable || t.upper || t.dotted || utf8.RuneCountInString(t.text) < 2 || d.isStop(i) {
		return false
	}
	k := d.keys[i]
	e := d.e
	return !d.role(i) && !d.lex.orgHeads[k] && !d.lex.orgWords[k] && !d.lex.said[k] &&
		!e.demonyms[t.fold] && !e.timeWords[t.fold] && !e.nonEntity[t.fold]
}

// role reports whether token i is a role or title: "Bundeskanzler",
// "Außenministerin", "ministra", "министра", "portavoz".
func (d *casedDoc) role(i int) bool {
	k := d.keys[i]
	for cut, runes := 0, 0; runes <= 5 && cut < len(k); runes++ {
		stem, ending := k[:len(k)-cut], k[len(k)-cut:]
		if cut == 0 || d.lex.roleInfl[ending] {
			if d.lex.roles[stem] {
				return true
			}
			// A compound ending with a role: "außenminister", "fraktionschef".
			for p := range stem {
				if p >= 3 && len(stem)-p >= 4 && d.lex.roles[stem[p:]] {
					return true
				}
			}
		}
		_, size := utf8.DecodeLastRuneInString(stem)
		cut += size
	}
	return false
}

// people finds the people: two to six words of a name (capitalised words
// and particles) after a role, or starting with a given name, or (but in
// German) with a said verb before or after; one capitalised word right
// after a role ("Präsident Trump").
func (d *casedDoc) people() {
	n := len(d.toks)
	for i := 0; i < n; i++ {
		if !d.nameWord(i) {
			continue
		}
		j, words := i+1, 1
		for j < n && j-i < 6 && d.joined(j) {
			if d.nameWord(j) {
				words++
				j++
				continue
			}
			if d.toks[j].lower && d.lex.particles[d.keys[j]] && j+1 < n && d.joined(j+1) &&
				(d.nameWord(j+1) || d.lex.particles[d.keys[j+1]] && j+2 < n && d.joined(j+2) && d.nameWord(j+2)) {
				j++
				continue
			}
			break
		}
		a := i
		if d.toks[a].initial && !d.given(a) && !d.roleBefore(a) && !d.midCap[d.toks[a].fold] {
			a++ // capitalised because it starts the sentence
			words--
			for a < j && !d.nameWord(a) {
				a++
			}
		}
		if a >= j {
			continue
		}
		switch {
		case words >= 2 && d.personCue(a, j):
			idx := d.x.add(d.display(a, j), Person)
			d.x.lastWords[d.surnameKey(j-1)] = idx
			d.mark(a, j)
		case words == 1 && j-a == 1 && d.roleRightBefore(a) && !d.lowerSeen[d.toks[a].fold]:
			idx := d.x.add(d.toks[a].text, Person)
			d.x.lastWords[d.surnameKey(a)] = idx
			d.mark(a, j)
		}
		i = j - 1
	}
}

// personCue reports whether the words [a, b) are a person's name by a
// role before them, a given name first, or a said verb around them (not
// in German, where two capitalised nouns are common).
func (d *casedDoc) personCue(a, b int) bool {
	if d.roleBefore(a) || d.given(a) {
		return true
	}
	if d.x.lang == "de" {
		return false
	}
	return d.saidAround(a, b)
}

// roleBefore reports whether a role comes before token a within five
// words of the same sentence: "Bundeskanzler Friedrich Merz", "La
// ministre de l'Agriculture, Annie Genevard", "Заместитель министра
// иностранных дел Сергей Рябков".
func (d *casedDoc) roleBefore(a int) bool {
	for k := a - 1; k >= 0 && k >= a-5; k-- {
		if d.toks[k].sent != d.toks[a].sent {
			return false
		}
		if d.role(k) {
			return true
		}
		if d.toks[k].cap && !d.used[k] && !d.toks[k].upper && !d.toks[k].initial {
			return false // another name between
		}
	}
	return false
}

// roleRightBefore reports whether a role comes right before token a.
func (d *casedDoc) roleRightBefore(a int) bool {
	return a > 0 && d.toks[a].join == joinSpace && d.toks[a].sent == d.toks[a-1].sent && d.role(a-1)
}

// saidAround reports whether a said verb follows [a, b) ("Marchand a
// affirmé", "Захарова заявила") or comes right before it ("dijo
// Sánchez", "selon Macron").
func (d *casedDoc) saidAround(a, b int) bool {
	toks := d.toks
	if b < len(toks) && toks[b].sent == toks[a].sent && toks[b].lower {
		if d.lex.said[d.keys[b]] {
			return true
		}
		if d.lex.aux[d.keys[b]] && b+1 < len(toks) && toks[b+1].lower && d.lex.said[d.keys[b+1]] {
			return true
		}
	}
	if a > 0 && toks[a-1].sent == toks[a].sent {
		return toks[a-1].lower && d.lex.said[d.keys[a-1]] || d.lex.saidBefore[d.keys[a-1]]
	}
	return false
}

// surnameKey returns the key of a surname for later mentions: folded,
// and in a Slavic language without its case ending.
func (d *casedDoc) surnameKey(i int) string { return d.slavicStem(d.keys[i]) }

// slavicStem returns a folded word less its case ending in a Slavic
// language ("захаровой" → "захаров"), and the word itself in another.
func (d *casedDoc) slavicStem(k string) string {
	if slavicLangs[d.x.lang] {
		for _, end := range d.lex.endings[d.x.lang] {
			if s, ok := strings.CutSuffix(k, end); ok && utf8.RuneCountInString(s) >= 3 {
				return s
			}
		}
	}
	return k
}

// surnames counts the mentions of people by their surname alone
// ("sagte Brandt", "Захаровой").
func (d *casedDoc) surnames() {
	if len(d.x.lastWords) == 0 {
		return
	}
	for i := range d.toks {
		if !d.free(i) || d.toks[i].upper {
			continue
		}
		if p, ok := d.x.lastWords[d.surnameKey(i)]; ok && utf8.RuneCountInString(d.keys[i]) >= 3 {
			if !(i+1 < len(d.toks) && d.toks[i+1].cap && d.joined(i+1)) {
				d.x.out[p].Count++
				d.used[i] = true
			}
		}
	}
	// A person named by one word after a role ("Präsident Trump") is the
	// person of that surname named in full.
	for p := range d.x.out {
		if d.x.out[p].Kind != Person || strings.Contains(d.x.out[p].Name, " ") {
			continue
		}
		for q := range d.x.out {
			if q != p && d.x.out[q].Kind == Person && strings.Contains(d.x.out[q].Name, " ") &&
				d.surnameKeyOf(d.x.out[q].Name) == d.surnameKeyOf(d.x.out[p].Name) {
				d.x.out[q].Count += d.x.out[p].Count
				d.x.out[p].Count = 0
				break
			}
		}
	}
	out := d.x.out[:0]
	for _, e := range d.x.out {
		if e.Count > 0 {
			out = append(out, e)
		}
	}
	d.x.out = out
}

// surnameKeyOf returns the surname key of a name's last word.
func (d *casedDoc) surnameKeyOf(name string) string {
	f := strings.Fields(name)
	return d.slavicStem(i18nFold(f[len(f)-1]))
}
