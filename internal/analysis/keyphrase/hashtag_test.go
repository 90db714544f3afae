package keyphrase

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestHashtag(t *testing.T) {
	tests := map[string]string{
		"Iran talks":             "#IranTalks",
		"nuclear talks":          "#NuclearTalks",
		"Iran":                   "#Iran",
		"G20 summit":             "#G20Summit",
		"Apollo 11":              "#Apollo11",
		"McDonald's":             "#McDonalds",
		"O’Brien":                "#OBrien",
		"U.S. sanctions":         "#USSanctions",
		"al-Qaeda":               "#AlQaeda",
		"10-year-old son":        "#10YearOld" + "Son",
		"São Paulo":              "#SãoPaulo",
		"Genève":                 "#Genève",
		"e\u0301lection":         "#E\u0301lection", // combining accent kept with its letter
		"Женева":                 "#Женева",
		"東京":                     "#東京",
		"  spaced\tout\nwords  ": "#SpacedOutWords",
		"AT&T deal":              "#ATTDeal",
		"#already a tag":         "#AlreadyATag",
		"2011":                   "",
		"3.5 %":                  "",
		"!!! ... ???":            "",
		"":                       "",
		"\xff\xfe":               "",
		"\u0301":                 "",
		strings.Repeat("a", 101): "",
	}
	for in, want := range tests {
		if got := Hashtag(in); got != want {
			t.Errorf("Hashtag(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzHashtag(f *testing.F) {
	for _, s := range []string{"Iran talks", "G20 summit", "McDonald's", "", "2011", "e\u0301", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h := Hashtag(s)
		if h == "" {
			return
		}
		checkHashtag(t, h)
		if again := Hashtag(h); again != h {
			t.Errorf("Hashtag(%q) = %q, not stable: %q", s, h, again)
		}
	})
}

// checkHashtag checks that h is "#" and letters, digits and combining
// marks, with at least one letter and at most 100 characters.
func checkHashtag(t *testing.T, h string) {
	t.Helper()
	if !strings.HasPrefix(h, "#") || !utf8.ValidString(h) {
		t.Fatalf("hashtag %q", h)
	}
	letters := 0
	for _, r := range h[1:] {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r), unicode.IsMark(r):
		default:
			t.Fatalf("hashtag %q holds %q", h, r)
		}
	}
	if letters == 0 || utf8.RuneCountInString(h) > maxHashtagRunes+1 {
		t.Fatalf("hashtag %q", h)
	}
}
