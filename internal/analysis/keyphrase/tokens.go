package keyphrase

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/text"
)

// token is one word of a document, with what candidate selection needs.
type token struct {
	text    string // as written, a possessive ending removed
	fold    string // text.Fold of the word
	stem    int    // index of the word's stem in doc.stems
	title   bool   // in the title
	content bool   // may be part of a candidate: not a stop word, not a number
	brk     bool   // punctuation (or the title's end) separates it from the previous token
	initial bool   // starts a sentence, a quote or a clause, where capitals say nothing
	caps    bool   // starts with an upper-case letter
	upper   bool   // written in capitals only ("NATO", "TV")
}

// doc is a tokenized document.
type doc struct {
	tokens []token
	stems  []string         // stem by index
	stemID map[string]int   // index by stem
	parts  map[int][]string // stems of a compound's parts by stem index
	title  int              // tokens[:title] are the title's

	stop     stopWords
	elisions map[string]bool       // the language's elided words ("l", "qu"), folded
	caps     []bool                // by token: counts as capitalised (see capitals)
	forms    map[string]*wordForms // by folded word: other written forms

	lang string // the document's language (primary subtag)
	// families, for an inflected language, groups the stems Snowball
	// leaves apart (see family); nil for English.
	families *stemFamilies
	// surface counts, for an inflected language, the written forms of
	// each stem (see surfaceOf); nil for English.
	surface map[int]map[string]int
}

// stopWords are the words that are no part of a candidate beyond the
// analyzer's stop words: a language's extra list, and the words of most
// documents of a large enough collection.
type stopWords struct {
	extra map[string]bool // folded words
	df    *text.DocFreq   // nil: no collection stop words
	share float64         // a stem in at least this share of documents is a stop word
}

// stemOf returns the index of the stem of fold, adding it when new.
func (d *doc) stemOf(a analyzer, fold string, cache map[string]int) int {
	if id, ok := cache[fold]; ok {
		return id
	}
	s := a.Stem(fold)
	id, ok := d.stemID[s]
	if !ok && d.families != nil {
		if id, ok = d.families.of(s); ok {
			d.stemID[s] = id
		}
	}
	if !ok {
		id = len(d.stems)
		d.stems = append(d.stems, s)
		d.stemID[s] = id
		d.families.add(s, id)
		if strings.ContainsAny(fold, "-&‐‑") {
			for _, p := range strings.FieldsFunc(fold, isJoiner) {
				if hasLetter(p) && !a.IsStop(p) {
					d.parts[id] = append(d.parts[id], a.Stem(p))
				}
			}
		}
	}
	cache[fold] = id
	return id
}

// analyzer is what tokenizing needs of a text.Analyzer.
type analyzer interface {
	IsStop(string) bool
	Stem(string) string
}

// tokenize splits the title and the text, given their words, into
// tokens. Words joined by a hyphen or an ampersand with no space
// ("Grammy-winning", "AT&T") are one token; every other punctuation mark
// between two words breaks a phrase.
func tokenize(a analyzer, lang, title string, titleWords []text.Word, body string, bodyWords []text.Word, stop stopWords) *doc {
	words := len(title)/6 + len(body)/6 + 8 // about one in six bytes
	// About half of a text's words are distinct: the maps are sized once.
	d := &doc{stemID: make(map[string]int, words/2), parts: make(map[int][]string), stop: stop, elisions: elisions[lang]}
	d.lang = lang
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		d.lang = lang[:i]
	}
	if inflected(d.lang) {
		d.families = &stemFamilies{truncs: make(map[string]int, words/2)}
		d.surface = make(map[int]map[string]int, words/2)
	}
	cache := make(map[string]int, words/2)
	d.tokens = make([]token, 0, words)
	d.appendTokens(a, cache, title, titleWords, true)
	d.title = len(d.tokens)
	d.appendTokens(a, cache, body, bodyWords, false)
	return d
}

// appendTokens appends the tokens of one source text.
func (d *doc) appendTokens(a analyzer, cache map[string]int, src string, words []text.Word, inTitle bool) {
	first := len(d.tokens)
	prevEnd := 0
	possessive := false // the previous token ended with a possessive
	for _, w := range words {
		gap := src[prevEnd:w.Start]
		word, poss := trimPossessive(w.Text)
		if len(d.tokens) > first && !possessive && joins(gap) {
			// One compound word: extend the previous token.
			t := &d.tokens[len(d.tokens)-1]
			start := prevEnd - len(t.text)
			t.text = src[start : w.Start+len(word)]
			t.fold = text.Fold(t.text)
			d.classify(a, cache, t)
		} else {
			t := token{
				text:    word,
				title:   inTitle,
				brk:     len(d.tokens) == first || possessive || breaks(gap),
				initial: len(d.tokens) == first || startsSentence(gap),
			}
			if rest, ok := trimElision(t.text, d.elisions); ok {
				// The elided article is a stop word: it ends a phrase.
				t.text, t.brk = rest, true
			}
			t.fold = text.Fold(t.text)
			d.classify(a, cache, &t)
			d.tokens = append(d.tokens, t)
		}
		// The next gap starts after the word, a possessive ending
		// included (no compound follows one, so the last token's text
		// ends at prevEnd whenever a compound is extended).
		possessive = poss
		prevEnd = w.Start + len(w.Text)
	}
}

// classify sets the word-level fields of t from t.text and t.fold.
func (d *doc) classify(a analyzer, cache map[string]int, t *token) {
	t.caps = text.IsCapitalized(t.text)
	t.upper = isUpper(t.text)
	n := utf8.RuneCountInString(t.fold)
	t.content = hasLetter(t.fold) && n > 1 && !a.IsStop(t.fold) && text.IsContentWord(d.lang, t.fold) &&
		!d.stop.extra[t.fold] && !allPartsStop(a, t.fold) &&
		// Short words are function words in every alphabet, unless
		// written as a name or an acronym ("Xi", "EU"); a word of two
		// Chinese, Japanese or Korean characters is a word like any other
		// ("伊朗", "정부").
		(n > 2 || t.upper || (t.caps && !t.initial) || (n == 2 && ideographic(t.fold)))
	t.stem = d.stemOf(a, t.fold, cache)
	d.countSurface(t)
	if t.content && d.stop.df != nil {
		t.content = float64(d.stop.df.Count(d.stems[t.stem])) < d.stop.share*float64(d.stop.df.Docs())
	}
}

// allPartsStop reports whether a compound's parts are all stop words
// ("so-called" stays, "and/or" goes); a plain word is never "all parts".
func allPartsStop(a analyzer, fold string) bool {
	if !strings.ContainsAny(fold, "-&‐‑") {
		return false
	}
	for _, p := range strings.FieldsFunc(fold, isJoiner) {
		if !a.IsStop(p) && hasLetter(p) && utf8.RuneCountInString(p) > 1 {
			return false
		}
	}
	return true
}

// elisions are, by language, the words written elided before a vowel
// and joined to the next word with an apostrophe ("l'Iran", "dell'Iran").
var elisions = map[string]map[string]bool{
	"fr": setOf(`l d j m n s t c qu lorsqu puisqu jusqu quoiqu presqu`),
	"it": setOf(`l d c m n s t v un all dall dell nell sull coll quell quest tutt`),
	"ca": setOf(`l d m n s t`),
}

// trimElision removes an elided word and its apostrophe from the start of
// w ("l'Iran" → "Iran") and reports whether there was one.
func trimElision(w string, el map[string]bool) (string, bool) {
	if el == nil {
		return w, false
	}
	i := strings.IndexAny(w, "'’")
	if i <= 0 || i > 7 {
		return w, false
	}
	_, size := utf8.DecodeRuneInString(w[i:])
	rest := w[i+size:]
	if !el[strings.ToLower(w[:i])] || !hasLetter(rest) {
		return w, false
	}
	return rest, true
}

// isJoiner reports whether r joins the parts of a compound.
func isJoiner(r rune) bool { return r == '-' || r == '&' || r == '‐' || r == '‑' }

// trimPossessive removes a possessive ending ("Iran's", "Adams'") and
// reports whether there was one.
func trimPossessive(w string) (string, bool) {
	for _, suf := range []string{"'s", "’s", "'S", "’S"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf) {
			return w[:len(w)-len(suf)], true
		}
	}
	return w, false
}

// joins reports whether the characters between two words make them one
// compound: a hyphen or an ampersand with no space.
func joins(gap string) bool {
	switch gap {
	case "-", "‐", "‑", "&":
		return true
	}
	return false
}

// breaks reports whether the characters between two words end a phrase:
// anything but spaces and apostrophes, and an apostrophe right after a
// word (a plural possessive, "the Adams' house", or a closing quote).
func breaks(gap string) bool {
	if strings.HasPrefix(gap, "'") || strings.HasPrefix(gap, "’") {
		return true
	}
	for _, r := range gap {
		if !unicode.IsSpace(r) && r != '\'' && r != '’' {
			return true
		}
	}
	return false
}

// startsSentence reports whether the characters before a word put it where
// a capital letter is required anyway: after a sentence end, a colon, an
// opening quote or bracket, a dash, or a line break.
func startsSentence(gap string) bool {
	return strings.ContainsAny(gap, ".!?:;\"“”«»(—–-\n•*|")
}

// hasLetter reports whether s holds a letter.
func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// isUpper reports whether w has at least two letters, all upper-case.
func isUpper(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// extraStopWords are, by language, the words news text is full of that
// the analyzer's stop list lacks and that make no keyphrase: days and
// relative dates, the abbreviated titles written before names, company
// suffixes, reporting words.
var extraStopWords = map[string]map[string]bool{
	"en": setOf(`monday tuesday wednesday thursday friday saturday sunday today tonight yesterday
		tomorrow ago soon later dr prof sen rep gov gen lt col maj capt sgt jr sr st rev hon inc
		corp co ltd plc vs etc according told including never always already almost another
		around away across along among amid despite toward towards unless beyond onto inside
		outside behind beside besides throughout every everyone everything something anything
		nothing someone anyone whatever whenever wherever either neither`),
	"de": setOf(`montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag heute gestern morgen
		januar februar märz april mai juni juli august september oktober november dezember
		sagte sagten erklärte erklärten teilte betonte hieß woche wochen jahr jahre jahren prozent
		angaben zufolge demnach laut dabei bislang bisher zudem rund etwa`),
	"fr": setOf(`lundi mardi mercredi jeudi vendredi samedi dimanche aujourd'hui hier demain
		janvier février mars avril mai juin juillet août septembre octobre novembre décembre
		selon déclaré affirmé indiqué semaine semaines année années an ans mois jour jours cent`),
	"es": setOf(`lunes martes miércoles jueves viernes sábado domingo hoy ayer mañana
		enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre
		según dijo afirmó explicó semana semanas año años mes meses día días ciento`),
	"pt": setOf(`segunda terça quarta quinta sexta sábado domingo feira hoje ontem amanhã
		janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro
		segundo disse afirmou explicou semana semanas ano anos mês meses dia dias cento`),
	"it": setOf(`lunedì martedì mercoledì giovedì venerdì sabato domenica oggi ieri domani
		gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre
		secondo detto settimana anno anni mese mesi giorno giorni cento`),
	"ru": setOf(`понедельник вторник среда среду четверг пятница пятницу суббота субботу воскресенье
		январь января февраль февраля март марта апрель апреля май мая июнь июня июль июля
		август августа сентябрь сентября октябрь октября ноябрь ноября декабрь декабря
		заявил заявила заявили сообщил сообщила сообщили отметил отметила неделе недели году года лет`),
}

// setOf returns the set of the space-separated words of s.
func setOf(s string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// ideographic reports whether w is written in Han characters, kana or
// Hangul, where a syllable carries what a word of letters does.
func ideographic(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}
