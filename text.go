package storyline

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
)

// NormalizeText reduces text to what identifies its content: letters and
// digits in lower case, every other run of characters folded to one space.
// Two texts that differ only in case, punctuation or spacing normalize alike.
func NormalizeText(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	space := false
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		space = true
	}
	return b.String()
}

// ContentHash returns the hex SHA-256 of the normalized text: the identity
// of an article's content, shared by exact syndicated copies.
func ContentHash(text string) string {
	sum := sha256.Sum256([]byte(NormalizeText(text)))
	return hex.EncodeToString(sum[:])
}
