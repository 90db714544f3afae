package summarize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/text"
)

// verdict is what cleaning decided about one sentence.
type verdict int

const (
	// keep: a candidate for the summary.
	keep verdict = iota
	// weak: a real sentence that makes a poor summary sentence (too short
	// or too long, a question, a list lead-in); used only when there are
	// not enough candidates.
	weak
	// junk: page furniture (bylines, time stamps, promotions, credits);
	// never in a summary.
	junk
)

// junkPhrases mark a sentence as page furniture wherever they occur as
// words (matched against the lower-cased sentence).
var junkPhrases = []string{
	"published:", "updated:", "last updated", "last modified", "first published",
	"scroll down for", "click here", "read more:", "read more at", "sign up for", "sign up to",
	"subscribe to our", "share this article", "share this story", "share on facebook",
	"follow us on", "like us on facebook", "tell us what you think", "let us know in the comments",
	"comments below", "all rights reserved", "image copyright", "image caption", "copyright ©",
	"media playback is", "getty images", "ap photo", "afp photo", "reuters/", "/reuters",
	"/getty", "/ap)", "http://", "https://", "www.", "this article was amended", "this story has been updated",
	"publié le", "mis à jour le", "veröffentlicht am", "aktualisiert am", "publicado el", "actualizado el",
}

// junkIndex finds junkPhrases in a sentence.
var junkIndex = newPhraseIndex(junkPhrases)

// phraseIndex finds which of a fixed set of lower-case phrases occur in
// a text at word boundaries, looking up each word of the text rather than
// searching for each phrase. It is read-only once built.
type phraseIndex struct {
	byFirst map[string][]string // phrases by their first word
	other   []string            // phrases that do not start with a word
}

// newPhraseIndex indexes phrases.
func newPhraseIndex(phrases []string) *phraseIndex {
	x := &phraseIndex{byFirst: make(map[string][]string)}
	for _, p := range phrases {
		w := leadingWord(p)
		if w == "" {
			x.other = append(x.other, p)
			continue
		}
		x.byFirst[w] = append(x.byFirst[w], p)
	}
	return x
}

// leadingWord returns the run of letters and digits s starts with.
func leadingWord(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return !isWordRune(r) })
	if i < 0 {
		return s
	}
	return s[:i]
}

// in reports whether one of the phrases occurs in the lower-cased s,
// starting at a word start and ending at a word end.
func (x *phraseIndex) in(s string) bool {
	for _, p := range x.other {
		if containsWords(s, p) {
			return true
		}
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		w := leadingWord(s[i:])
		for _, p := range x.byFirst[w] {
			if strings.HasPrefix(s[i:], p) && endsAtWordEnd(s, i+len(p), p) {
				return true
			}
		}
		i += len(w)
	}
	return false
}

// endsAtWordEnd reports whether a match of p ending at byte end of s ends
// at a word boundary (or p ends in punctuation, which is one).
func endsAtWordEnd(s string, end int, p string) bool {
	last, _ := utf8.DecodeLastRuneInString(p)
	if end == len(s) || !isWordRune(last) {
		return true
	}
	after, _ := utf8.DecodeRuneInString(s[end:])
	return !isWordRune(after)
}

// junkStarts mark a sentence as page furniture when it starts with them
// (lower-cased).
var junkStarts = []string{
	"photo:", "photos:", "photo by", "photograph:", "picture:", "pictures:", "pictured:", "image:",
	"images:", "credit:", "source:", "video:", "watch:", "watch the video", "related:", "see also:",
	"editor's note:", "editor’s note:", "posted:", "follow @", "listen:", "(photo", "(picture", "(image",
	"[photo", "[image", "email:", "e-mail:",
}

// cleanSentences returns the texts of sents with broken sentences
// mended and furniture glued to the front of a sentence removed: a
// paragraph that starts in lower case after one that did not end a
// sentence continues it (a line break inside a sentence), and a sharing
// widget or a video notice that extraction ran into the next sentence
// ("Media playback is not supported on this deviceThe minister said …")
// is cut off.
// It also tells, for each sentence returned, the index in sents of the
// sentence it is as it was, or -1 for one joined or cut.
func cleanSentences(sents []text.Sentence) ([]string, []int) {
	out := make([]string, 0, len(sents))
	from := make([]int, 0, len(sents))
	prevPara := -1
	for i, s := range sents {
		t := s.Text
		if n := len(out); n > 0 && s.Paragraph != prevPara && startsLower(t) && !endsSentence(out[n-1]) {
			out[n-1] += " " + t
			from[n-1] = -1
			prevPara = s.Paragraph
			continue
		}
		prevPara = s.Paragraph
		out = append(out, t)
		from = append(from, i)
	}
	for i, t := range out {
		if c := stripFurniturePrefix(t); c != t {
			out[i], from[i] = c, -1
		}
	}
	return out, from
}

// furniturePrefixes are page furniture that extraction glues to the
// sentence after it: the text from start up to and including end (or
// start alone when end is empty) is cut from the front of a sentence.
var furniturePrefixes = []struct{ start, end string }{
	{"share this with", "copy this link"},
	{"media playback is not supported on this device", ""},
	{"media playback is unsupported on your device", ""},
	{"scroll down for videos", ""},
	{"scroll down for video", ""},
	{"advertisement", ""},
}

// stripFurniturePrefix cuts furniture from the front of s, as many
// times as it is there, when what follows starts like a sentence.
func stripFurniturePrefix(s string) string {
	for changed := true; changed; {
		changed = false
		for _, f := range furniturePrefixes {
			if !hasPrefixFold(s, f.start) {
				continue
			}
			cut := len(f.start)
			if f.end != "" {
				j := indexFold(s, f.end)
				if j < 0 {
					continue
				}
				cut = j + len(f.end)
			}
			rest := strings.TrimLeft(s[cut:], " :-–—|")
			if r, _ := utf8.DecodeRuneInString(rest); rest != "" && !unicode.IsUpper(r) && !unicode.IsDigit(r) && !strings.ContainsRune(`"'“‘`, r) {
				continue
			}
			s, changed = rest, true
			break
		}
	}
	return s
}

// hasPrefixFold reports whether s starts with the ASCII prefix p, ignoring
// case.
func hasPrefixFold(s, p string) bool {
	return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p)
}

// indexFold returns the byte index of the first occurrence of the ASCII
// string sub in s, ignoring case, or -1.
func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// containsWords reports whether the lower-cased s contains p starting and
// ending at word boundaries (where p starts or ends with a letter or
// digit).
func containsWords(s, p string) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], p)
		if i < 0 {
			return false
		}
		i += off
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(p):])
		first, _ := utf8.DecodeRuneInString(p)
		last, _ := utf8.DecodeLastRuneInString(p)
		if (i == 0 || !isWordRune(first) || !isWordRune(before)) &&
			(i+len(p) == len(s) || !isWordRune(last) || !isWordRune(after)) {
			return true
		}
		off = i + 1
	}
}

// isWordRune reports whether r is a letter or a digit.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// startsLower reports whether s starts with a lower-case letter.
func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// endsSentence reports whether s ends like a sentence: with a full stop,
// a question or exclamation mark, possibly inside quotes or brackets.
func endsSentence(s string) bool {
	switch lastSignificantRune(s) {
	case '.', '!', '?', '…':
		return true
	}
	return false
}

// captionMarks are what photo captions say and sentences do not
// (lower-cased).
var captionMarks = []string{
	"(pictured", "pictured)", "(left)", "(right)", "(centre)", "(center)", "(above)", "(below)",
	"(top)", "(bottom)", "(inset)", "(file photo", "(file picture", "pictured left", "pictured right",
	"pictured above", "pictured below", "pictured here", ", pictured", "(l-r)", "(left to right)", "from left:",
}

// classify decides whether a sentence (dateline already stripped) is a
// summary candidate, given its word count and the limits.
func classify(s string, words, minWords, maxWords int) verdict {
	lower := strings.ToLower(s)
	for _, p := range junkStarts {
		if strings.HasPrefix(lower, p) {
			return junk
		}
	}
	if junkIndex.in(lower) {
		return junk
	}
	if strings.HasPrefix(lower, "follow ") && (strings.Contains(lower, "@") || strings.Contains(lower, "twitter")) {
		return junk
	}
	switch {
	case words == 0, isByline(s), isTimestamp(s), isShouting(s), isHandleOrTagList(s):
		return junk
	case words < minWords, words > maxWords:
		return weak
	}
	last := lastSignificantRune(s)
	switch last {
	case ':', ';', ',', '?', '…':
		// A list lead-in, a cut-off fragment or a question (to the
		// reader, or quoted): poor summary sentences.
		return weak
	}
	if startsLower(s) || strings.Count(s, `"`)%2 == 1 {
		// Starts mid-sentence, or holds half a quotation: a fragment.
		return weak
	}
	for _, m := range captionMarks {
		if strings.Contains(lower, m) {
			return weak
		}
	}
	return keep
}

// lastSignificantRune returns the last rune of s that is not a closing
// quote, bracket or space.
func lastSignificantRune(s string) rune {
	t := strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(`"'”’»)]`, r)
	})
	r, _ := utf8.DecodeLastRuneInString(t)
	return r
}

// isByline reports whether s is an author line: "By Jane Doe", "By Jane
// Doe and John Roe, Political Correspondents", "By . Daily Mail Reporter".
// Such a line starts with "By" (or "Par", "Von", "Por") followed by name
// words only: capitalized words, initials and joining words, with no verb
// or sentence after them.
func isByline(s string) bool {
	first, _, _ := strings.Cut(s, " ")
	switch first {
	case "By", "BY", "by", "Par", "Von", "Por", "Di":
	default:
		return false
	}
	fields := strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == '|' || r == '·' })
	if len(fields) < 2 || len(fields) > 12 {
		return false
	}
	names := 0
	for _, f := range fields[1:] {
		f = strings.Trim(f, ".:;-–—()")
		switch {
		case f == "":
		case strings.EqualFold(f, "and") || f == "&" || strings.EqualFold(f, "in") || strings.EqualFold(f, "for") ||
			strings.EqualFold(f, "of") || strings.EqualFold(f, "the") || f == "et" || f == "und" || f == "y":
		case strings.HasPrefix(f, "@"):
			names++
		case isCapitalized(f):
			names++
		default:
			return false
		}
	}
	return names > 0
}

// isTimestamp reports whether s is a date or time line with no sentence:
// every word is a number, a month or weekday name, a time-zone or clock
// word, and at least one is a number.
func isTimestamp(s string) bool {
	if len(s) > 160 || strings.IndexFunc(s, unicode.IsDigit) < 0 {
		return false
	}
	words := 0
	for f := range strings.FieldsFuncSeq(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",.|/-–—:()", r)
	}) {
		words++
		if words > 14 || strings.IndexFunc(f, unicode.IsDigit) < 0 && !dateWords[strings.ToLower(f)] {
			return false
		}
	}
	return true
}

// dateWords are the words a date or time line is made of besides numbers.
var dateWords = setOf(`january february march april may june july august september october november december
	jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
	mon tue tues wed thu thur thurs fri sat sun am pm a.m p.m gmt bst utc est edt cst cdt pst pdt cet cest aest
	et pt st nd rd th at on updated published posted last modified`)

// isShouting reports whether s is a heading in capitals: a dozen
// capitals or more and no lower-case letter (scripts without case never
// are).
func isShouting(s string) bool {
	upper := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return upper >= 12
}

// isHandleOrTagList reports whether s is mostly @handles or #hashtags.
func isHandleOrTagList(s string) bool {
	fields := strings.Fields(s)
	tags := 0
	for _, f := range fields {
		if strings.HasPrefix(f, "@") || strings.HasPrefix(f, "#") {
			tags++
		}
	}
	return tags > 0 && 2*tags >= len(fields)
}

// isCapitalized reports whether w starts with an upper-case letter.
func isCapitalized(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// stripDateline removes a leading dateline from s: "(CNN)", "LONDON
// (Reuters) -", "WASHINGTON —", "PARIS, France (AP) --". A dateline is
// a place in capitals (optionally followed by ", Country") and then a
// bracketed agency, a dash or both; or a bracketed agency alone. What
// follows must start like a sentence, else s is returned unchanged.
func stripDateline(s string) string {
	rest, hasPlace := s, false
	if i := capitalsPrefix(s); i > 0 {
		rest, hasPlace = s[i:], true
		if strings.HasPrefix(rest, ",") {
			// ", England" or ", Calif." before the agency or dash.
			j := strings.IndexAny(rest, "(-—–")
			if j < 0 || j > 30 {
				return s
			}
			rest = rest[j:]
		}
	}
	rest = strings.TrimLeft(rest, " ")
	agency := false
	if strings.HasPrefix(rest, "(") {
		j := strings.IndexByte(rest, ')')
		if j < 0 || j > 40 {
			return s
		}
		inner := rest[1:j]
		if !isCapitalized(inner) || strings.Count(inner, " ") > 3 {
			return s
		}
		agency, rest = true, strings.TrimLeft(rest[j+1:], " ")
	}
	dash := false
	for _, d := range []string{"--", "—", "–", "-"} {
		if strings.HasPrefix(rest, d) {
			dash, rest = true, strings.TrimLeft(rest[len(d):], " ")
			break
		}
	}
	if !agency && !(hasPlace && dash) {
		return s
	}
	if rest == "" {
		return ""
	}
	if r, _ := utf8.DecodeRuneInString(rest); !unicode.IsUpper(r) && !unicode.IsDigit(r) && !strings.ContainsRune(`"'“‘`, r) {
		return s
	}
	return rest
}

// capitalsPrefix returns the byte length of the leading place name in
// capitals of s ("LONDON", "NEW YORK", "WINSTON-SALEM", "ST. PAUL"), or
// 0 when s does not start with words in capitals of at least two letters
// in all.
func capitalsPrefix(s string) int {
	end, letters := 0, 0
	for i := 0; i < len(s); {
		j, wordLetters := i, 0
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if r == ' ' || r == ',' || r == '(' {
				break
			}
			if unicode.IsUpper(r) {
				wordLetters++
			} else if !strings.ContainsRune(".'’-", r) {
				wordLetters = 0
				break
			}
			j += size
		}
		if wordLetters == 0 {
			break
		}
		letters += wordLetters
		end = j
		if j >= len(s) || s[j] != ' ' {
			break
		}
		i = j + 1
	}
	if letters < 2 {
		return 0
	}
	return end
}

// setOf returns the set of the space-separated words of s.
func setOf(s string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
