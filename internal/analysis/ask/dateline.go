package ask

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxDatelineBytes bounds where the dash after a dateline may be.
const maxDatelineBytes = 64

// stripDateline cuts a dateline from the front of s: a place and an
// agency before a dash ("MUSCAT, Oman (Reuters) — Iran's …", "Maskat
// (dpa) - Der …", "BERLIN – …"), or an agency in brackets alone ("(CNN)
// Iran's …"). What follows must start as a sentence does; otherwise, or
// when s starts with no dateline, s is returned unchanged.
func stripDateline(s string) string {
	if strings.HasPrefix(s, "(") {
		if j := strings.IndexByte(s, ')'); j > 1 && j <= 24 && len(strings.Fields(s[1:j])) <= 3 {
			rest := strings.TrimLeft(s[j+1:], " ")
			if d := dashPrefix(rest); d > 0 {
				rest = strings.TrimLeft(rest[d:], " ")
			}
			if startsStatement(rest) {
				return rest
			}
		}
	}
	for _, dash := range [...]string{" — ", " – ", " -- ", " - "} {
		i := strings.Index(s, dash)
		if i <= 0 || i > maxDatelineBytes {
			continue
		}
		if rest := s[i+len(dash):]; datelineHead(s[:i]) && startsStatement(rest) {
			return rest
		}
	}
	return s
}

// dashPrefix returns the length of the dash s starts with, 0 for none.
func dashPrefix(s string) int {
	for _, d := range [...]string{"--", "—", "–", "-"} {
		if strings.HasPrefix(s, d) {
			return len(d)
		}
	}
	return 0
}

// datelineHead reports whether h, what comes before a dash, is a
// dateline: at most six words, each a name (capitalized), a number or in
// brackets (an agency, which may be lower case: "dpa"), and marked as a
// dateline by capitals ("BERLIN"), a comma ("Muscat, Oman") or a
// bracket.
func datelineHead(h string) bool {
	fields := strings.Fields(h)
	if len(fields) == 0 || len(fields) > 6 {
		return false
	}
	marked := strings.ContainsAny(h, ",(")
	inBrackets := false
	for _, f := range fields {
		if strings.HasPrefix(f, "(") {
			inBrackets = true
		}
		word := strings.Trim(f, ",.()")
		r, _ := utf8.DecodeRuneInString(word)
		switch {
		case inBrackets, unicode.IsDigit(r):
		case isCapitals(word):
			marked = true
		case !unicode.IsUpper(r):
			return false
		}
		if strings.HasSuffix(f, ")") {
			inBrackets = false
		}
	}
	return marked
}

// isCapitals reports whether w has two letters or more, all capitals.
func isCapitals(w string) bool {
	upper, lower := letterCases(w)
	return upper >= 2 && !lower
}

// startsStatement reports whether s starts as a sentence does: with a
// capital, a digit, an opening quote, or a letter of a script without
// case.
func startsStatement(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	switch {
	case s == "":
		return false
	case unicode.IsUpper(r), unicode.IsDigit(r), strings.ContainsRune(`"'“‘„«`, r):
		return true
	}
	return unicode.IsLetter(r) && !unicode.IsLower(r)
}
