package text

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/sentences"
)

// Sentence is one sentence of a text.
type Sentence struct {
	Text      string // trimmed, its runs of white space made one space
	Start     int    // byte offset in the text where the sentence starts
	End       int    // byte offset in the text where it ends
	Paragraph int    // index of the paragraph (blank-line separated) it is in
}

// Sentences splits text into sentences. Paragraphs (separated by blank
// lines) never share a sentence; within one, UAX #29 boundaries are used,
// except after an abbreviation ("Mr.", "Gen.", "Jan."), an initial ("J."),
// or a number marker ("No. 5"), where news text does not end a sentence.
func Sentences(text string) []Sentence {
	var out []Sentence
	para := 0
	for start := 0; start < len(text); {
		end := strings.Index(text[start:], "\n\n")
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if strings.TrimSpace(text[start:end]) != "" {
			out = appendSentences(out, text[start:end], start, para)
			para++
		}
		start = end + 2
	}
	return out
}

// appendSentences appends the sentences of one paragraph at offset off.
func appendSentences(out []Sentence, p string, off, para int) []Sentence {
	it := sentences.FromString(p)
	pending, pendingStart := "", 0
	flush := func() {
		if t := strings.TrimSpace(pending); t != "" {
			lead := len(pending) - len(strings.TrimLeft(pending, " \t\r\n"))
			start := off + pendingStart + lead
			out = append(out, Sentence{Text: strings.Join(strings.Fields(t), " "), Start: start, End: start + len(t), Paragraph: para})
		}
		pending = ""
	}
	for it.Next() {
		seg := it.Value()
		if pending == "" {
			pendingStart = it.Start()
		}
		pending += seg
		if (endsWithAbbreviation(pending) || ordinalDate(pending, p[it.End():])) && !startsParagraphLike(p[it.End():]) {
			continue
		}
		flush()
	}
	flush()
	return out
}

// endsWithAbbreviation reports whether s (a sentence candidate) ends with a
// period that belongs to an abbreviation or an initial rather than ending
// the sentence.
func endsWithAbbreviation(s string) bool {
	t := strings.TrimRight(s, " \t\r\n")
	if !strings.HasSuffix(t, ".") {
		return false
	}
	t = strings.TrimSuffix(t, ".")
	i := strings.LastIndexFunc(t, func(r rune) bool { return unicode.IsSpace(r) || r == '(' || r == '"' || r == '“' })
	last := t[i+1:]
	if last == "" {
		return false
	}
	// A single capital letter: an initial ("J. R. Smith"); several,
	// dotted: initials ("George H.W. Bush").
	if isInitials(last) {
		return true
	}
	return abbreviations[strings.ToLower(last)]
}

// ordinalDate reports whether s ends with a day written as an ordinal
// ("3.") that the month named at the start of rest follows, as German,
// Danish, Norwegian and Finnish write dates ("ab dem 3. März", "1. mai"):
// the period ends no sentence.
func ordinalDate(s, rest string) bool {
	t := strings.TrimRight(s, " \t\r\n")
	if !strings.HasSuffix(t, ".") {
		return false
	}
	t = strings.TrimSuffix(t, ".")
	day := t[strings.LastIndexFunc(t, func(r rune) bool { return !unicode.IsDigit(r) })+1:]
	if day == "" || len(day) > 2 {
		return false
	}
	if i := len(t) - len(day) - 1; i >= 0 && !unicode.IsSpace(rune(t[i])) && t[i] != '(' {
		return false // part of a longer token ("v2.", "1.3.")
	}
	word := strings.TrimLeftFunc(rest, unicode.IsSpace)
	if end := strings.IndexFunc(word, func(r rune) bool { return !unicode.IsLetter(r) }); end >= 0 {
		word = word[:end]
	}
	return monthNames()[strings.ToLower(word)]
}

// monthNames returns the month names that follow an ordinal day in the
// languages that write one with a period, lower-cased; made on first use
// and read only after that.
var monthNames = sync.OnceValue(func() map[string]bool {
	return setOf(`januar jänner februar märz april mai juni juli august september oktober november dezember
		marts maj oktober december
		mars desember
		tammikuuta helmikuuta maaliskuuta huhtikuuta toukokuuta kesäkuuta heinäkuuta elokuuta syyskuuta lokakuuta marraskuuta joulukuuta`)
})

// isInitials reports whether s is one capital letter, or several joined
// by periods ("H.W").
func isInitials(s string) bool {
	for part := range strings.SplitSeq(s, ".") {
		r, size := utf8.DecodeRuneInString(part)
		if size != len(part) || !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// startsParagraphLike reports whether what follows a candidate boundary is
// empty, so that an abbreviation at the very end still ends the sentence.
func startsParagraphLike(rest string) bool {
	return strings.TrimSpace(rest) == ""
}

// abbreviations are the words news text writes with a period that does not
// end a sentence (lower-case, without the final period).
var abbreviations = setOf(`mr mrs ms dr prof sr jr st mt ft gen lt col maj capt cmdr adm sgt cpl pvt
	gov sen rep rev hon pres supt insp det const amb
	jan feb mar apr jun jul aug sep sept oct nov dec
	no nos vol vols fig figs approx est dept univ assn bros inc corp co ltd plc
	vs v etc al cf e.g i.e u.s u.k u.n u.s.a e.u a.m p.m
	bzw ca usw vgl evtl ggf inkl bspw nr hr str abs z d z.b d.h u.a o.ä s.o
	mme mlle mm env av bd éd
	sra srta srs dra uu ee ud uds pág núm
	exma exmo
	им ул млн млрд тыс руб др т.е т.д т.п`)

// setOf returns the set of the space-separated words of s.
func setOf(s string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
