package storyline

import (
	"strings"
	"testing"
	"unicode"
)

func FuzzNormalizeText(f *testing.F) {
	for _, s := range []string{"Hello, World!", "  Ünïcode — TEXT 2026 ", "a\x80b", "İstanbul", "ǅ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// The definition: runs of letters and digits, lower-cased rune by
		// rune, joined by single spaces.
		got := NormalizeText(s)
		want := strings.Map(unicode.ToLower, strings.Join(strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }), " "))
		if got != want {
			t.Fatalf("NormalizeText(%q) = %q, want %q", s, got, want)
		}
	})
}

func BenchmarkContentHash(b *testing.B) {
	text := strings.Repeat("The harbour works continued through the night, officials said. ", 40)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		ContentHash(text)
	}
}
