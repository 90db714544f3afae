package whatlanggo

import (
	"unicode"
)

// trigramKey is three lower-cased runes. (Storyline patch: counting by a
// fixed-size key instead of a string allocates nothing per trigram.)
type trigramKey [3]rune

// convert punctuations and digits to space.
func toTrigramChar(ch rune) rune {
	if isStopChar(ch) {
		return ' '
	}
	return ch
}

// count returns how often each trigram occurs in input, lower-cased, with
// punctuation and digits taken as spaces.
func count(input string) map[trigramKey]int {
	trigrams := make(map[trigramKey]int, len(input)/2)
	r1, r2 := ' ', ' '
	first := true
	step := func(r3 rune) {
		if !(r2 == ' ' && (r1 == ' ' || r3 == ' ')) {
			trigrams[trigramKey{r1, r2, r3}]++
		}
		r1, r2 = r2, r3
	}
	for _, ir := range input {
		r := unicode.ToLower(toTrigramChar(ir))
		if first {
			r2, first = r, false
			continue
		}
		step(r)
	}
	step(' ') // put space as the last rune
	return trigrams
}
