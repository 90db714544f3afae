package sqlite

import "strings"

// porterStem returns the stem of a lower-case word by the Porter (1980)
// algorithm, the one FTS5's porter tokenizer applies, so that snippets mark
// the words the index matched: "running" and "runs" both stem to "run".
// Words with other than ASCII letters are returned as they are, as FTS5
// does.
func porterStem(w string) string {
	if len(w) <= 2 {
		return w
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return w
		}
	}
	b := []byte(w)
	b = step1a(b)
	b = step1b(b)
	b = step1c(b)
	b = step2(b)
	b = step3(b)
	b = step4(b)
	b = step5(b)
	return string(b)
}

// isCons reports whether b[i] is a consonant: not a, e, i, o, u, and not a
// y after a consonant.
func isCons(b []byte, i int) bool {
	switch b[i] {
	case 'a', 'e', 'i', 'o', 'u':
		return false
	case 'y':
		return i == 0 || !isCons(b, i-1)
	}
	return true
}

// measure returns m, the number of vowel-consonant sequences in b.
func measure(b []byte) int {
	n, i := 0, 0
	for i < len(b) && isCons(b, i) {
		i++
	}
	for i < len(b) {
		for i < len(b) && !isCons(b, i) {
			i++
		}
		if i >= len(b) {
			break
		}
		for i < len(b) && isCons(b, i) {
			i++
		}
		n++
	}
	return n
}

// hasVowel reports whether b contains a vowel.
func hasVowel(b []byte) bool {
	for i := range b {
		if !isCons(b, i) {
			return true
		}
	}
	return false
}

// doubleCons reports whether b ends in a double consonant.
func doubleCons(b []byte) bool {
	n := len(b)
	return n >= 2 && b[n-1] == b[n-2] && isCons(b, n-1)
}

// cvc reports whether b ends consonant-vowel-consonant, the last not w, x
// or y.
func cvc(b []byte) bool {
	n := len(b)
	if n < 3 || !isCons(b, n-1) || isCons(b, n-2) || !isCons(b, n-3) {
		return false
	}
	switch b[n-1] {
	case 'w', 'x', 'y':
		return false
	}
	return true
}

// replace replaces suffix by repl when the rest has a measure above min,
// and reports whether b ended in suffix.
func replace(b *[]byte, suffix, repl string, min int) bool {
	if !strings.HasSuffix(string(*b), suffix) {
		return false
	}
	stem := (*b)[:len(*b)-len(suffix)]
	if measure(stem) > min {
		*b = append(stem, repl...)
	}
	return true
}

func step1a(b []byte) []byte {
	s := string(b)
	switch {
	case strings.HasSuffix(s, "sses"), strings.HasSuffix(s, "ies"):
		return b[:len(b)-2]
	case strings.HasSuffix(s, "ss"):
		return b
	case strings.HasSuffix(s, "s"):
		return b[:len(b)-1]
	}
	return b
}

func step1b(b []byte) []byte {
	s := string(b)
	if strings.HasSuffix(s, "eed") {
		if measure(b[:len(b)-3]) > 0 {
			return b[:len(b)-1]
		}
		return b
	}
	var stem []byte
	switch {
	case strings.HasSuffix(s, "ed") && hasVowel(b[:len(b)-2]):
		stem = b[:len(b)-2]
	case strings.HasSuffix(s, "ing") && hasVowel(b[:len(b)-3]):
		stem = b[:len(b)-3]
	default:
		return b
	}
	t := string(stem)
	switch {
	case strings.HasSuffix(t, "at"), strings.HasSuffix(t, "bl"), strings.HasSuffix(t, "iz"):
		return append(stem, 'e')
	case doubleCons(stem):
		switch stem[len(stem)-1] {
		case 'l', 's', 'z':
			return stem
		}
		return stem[:len(stem)-1]
	case measure(stem) == 1 && cvc(stem):
		return append(stem, 'e')
	}
	return stem
}

func step1c(b []byte) []byte {
	if n := len(b); b[n-1] == 'y' && hasVowel(b[:n-1]) {
		b[n-1] = 'i'
	}
	return b
}

func step2(b []byte) []byte {
	for _, r := range [][2]string{
		{"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"}, {"anci", "ance"},
		{"izer", "ize"}, {"bli", "ble"}, {"alli", "al"}, {"entli", "ent"}, {"eli", "e"},
		{"ousli", "ous"}, {"ization", "ize"}, {"ation", "ate"}, {"ator", "ate"},
		{"alism", "al"}, {"iveness", "ive"}, {"fulness", "ful"}, {"ousness", "ous"},
		{"aliti", "al"}, {"iviti", "ive"}, {"biliti", "ble"}, {"logi", "log"},
	} {
		if replace(&b, r[0], r[1], 0) {
			break
		}
	}
	return b
}

func step3(b []byte) []byte {
	for _, r := range [][2]string{
		{"icate", "ic"}, {"ative", ""}, {"alize", "al"}, {"iciti", "ic"},
		{"ical", "ic"}, {"ful", ""}, {"ness", ""},
	} {
		if replace(&b, r[0], r[1], 0) {
			break
		}
	}
	return b
}

func step4(b []byte) []byte {
	for _, suffix := range []string{
		"al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
		"ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize",
	} {
		if !strings.HasSuffix(string(b), suffix) {
			continue
		}
		stem := b[:len(b)-len(suffix)]
		if suffix == "ion" && (len(stem) == 0 || (stem[len(stem)-1] != 's' && stem[len(stem)-1] != 't')) {
			return b
		}
		if measure(stem) > 1 {
			return stem
		}
		return b
	}
	return b
}

func step5(b []byte) []byte {
	if n := len(b); b[n-1] == 'e' {
		stem := b[:n-1]
		if m := measure(stem); m > 1 || (m == 1 && !cvc(stem)) {
			b = stem
		}
	}
	if n := len(b); b[n-1] == 'l' && doubleCons(b) && measure(b) > 1 {
		b = b[:n-1]
	}
	return b
}
