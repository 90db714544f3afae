package whatlanggo

import "unicode"

// isStopChar returns true if r is space, punctuation or digit.
func isStopChar(r rune) bool {
	// Storyline patch: ASCII letters first, without the Unicode tables.
	if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
		return false
	}
	if unicode.IsSymbol(r) || unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsDigit(r) {
		return true
	}
	return false
}

// abs returns the absolute value of x.
func abs(n int) int {
	if n < 0 {
		return n * -1
	}
	return n
}
