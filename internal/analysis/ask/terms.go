package ask

import (
	"strings"
	"sync"

	"github.com/storyline/storyline/internal/text"
)

// termOf returns the index term of one word in an's language, and false
// for a stop word: the analyzer's term, except that an English irregular
// verb is taken as its base form first ("met" as "meet", "held" as
// "hold": a Snowball stemmer leaves them apart), and a French, Italian or
// Catalan word loses its elided article ("l'Iran" is "Iran").
func termOf(an *text.Analyzer, word string) (string, bool) {
	switch an.Language() {
	case "en":
		if base, ok := irregularVerbs()[text.Fold(word)]; ok {
			word = base
		}
	case "fr", "it", "ca":
		word = stripElision(word)
	}
	return an.Term(word)
}

// elided reports whether w (lower case) is a word French, Italian or
// Catalan join to the next with an apostrophe.
func elided(w string) bool {
	switch w {
	case "l", "d", "j", "m", "n", "s", "t", "c", "qu", "lorsqu", "puisqu", "jusqu", "quoiqu", "presqu",
		"dell", "dall", "nell", "sull", "all", "coll", "un", "quell", "quest", "bell", "sant":
		return true
	}
	return false
}

// stripElision returns word without an elided article or preposition
// before an apostrophe ("l'Iran", "dell'Iran", "qu'il"), or word itself.
func stripElision(word string) string {
	i := strings.IndexAny(word, "'’")
	if i <= 0 || i > 8 {
		return word
	}
	rest := strings.TrimLeft(word[i:], "'’")
	if rest == "" || !elided(strings.ToLower(word[:i])) {
		return word
	}
	return rest
}

// irregularVerbs maps the past forms of common English irregular verbs
// (folded) to their base forms. Forms that are as often a word of their
// own in news ("left", "found", "saw", "lay") are not in it.
var irregularVerbs = sync.OnceValue(func() map[string]string {
	m := make(map[string]string, 160)
	for entry := range strings.SplitSeq(`meet met|hold held|say said|tell told|take took taken|make made
		go went gone|come came|give gave given|send sent|speak spoke spoken|begin began begun
		choose chose chosen|flee fled|bring brought|buy bought|sell sold|pay paid|think thought
		write wrote written|keep kept|stand stood|know knew known|shoot shot|build built|fall fell fallen
		rise rose risen|drive drove driven|fly flew flown|throw threw thrown|break broke broken|catch caught
		feel felt|hear heard|mean meant|seek sought|teach taught|understand understood
		withdraw withdrew withdrawn|swear swore sworn|sink sank sunk|steal stole stolen|freeze froze frozen
		win won|lose lost|lead led|fight fought|strike struck|forbid forbade forbidden|hide hid hidden|bite bitten|eat ate eaten
		grow grew grown|draw drew drawn|sit sat|lie lain|wake woke woken|wear wore worn|tear tore torn
		weep wept|sleep slept|sweep swept|spend spent|lend lent|bend bent|deal dealt|dig dug|hang hung
		ring rang rung|sing sang sung|swim swam swum|drink drank drunk|forget forgot forgotten
		forgive forgave forgiven|get got gotten|see seen|do did done|undertake undertook undertaken
		arise arose arisen|overtake overtook overtaken|uphold upheld|oversee oversaw overseen`, "|") {
		f := strings.Fields(entry)
		for _, form := range f[1:] {
			m[form] = f[0]
		}
	}
	return m
})
