package keyphrase

import (
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/text"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		lang, in string
		want     string // tokens, "|" before one a phrase break separates
	}{
		{"en", "Iran's nuclear talks", "|Iran |nuclear talks"},
		{"en", "the Adams' house", "|the Adams |house"},
		{"en", "Grammy-winning singer", "|Grammy-winning singer"},
		{"en", "AT&T's chief", "|AT&T |chief"},
		{"en", "The U.S. talks", "|The U.S |talks"},
		{"en", "pop star - Michael, 35", "|pop star |Michael |35"},
		{"en", `singer of "Crazy Love"`, `|singer of |Crazy Love`},
		{"fr", "l'Iran et l'uranium", "|Iran et |uranium"},
		{"it", "dell'Iran", "|Iran"},
		{"en", "l'Iran", "|l'Iran"},
	}
	for _, tt := range tests {
		a := text.NewAnalyzer(tt.lang)
		d := tokenize(a, tt.lang, "", nil, tt.in, text.WordsIn(tt.lang, tt.in), stopWords{})
		var b strings.Builder
		for i, tok := range d.tokens {
			if i > 0 {
				b.WriteByte(' ')
			}
			if tok.brk {
				b.WriteByte('|')
			}
			b.WriteString(tok.text)
		}
		if b.String() != tt.want {
			t.Errorf("tokenize(%q) = %q, want %q", tt.in, b.String(), tt.want)
		}
	}
}
