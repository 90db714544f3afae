package ask

import (
	"testing"

	"github.com/storyline/storyline/internal/text"
)

// TestTermOf checks the forms termOf brings together that the stemmers
// leave apart.
func TestTermOf(t *testing.T) {
	tests := []struct{ lang, a, b string }{
		{"en", "met", "meeting"},
		{"en", "held", "holds"},
		{"en", "led", "leads"},
		{"en", "spoke", "speaking"},
		{"fr", "l'Iran", "Iran"},
		{"fr", "d’Oman", "Oman"},
		{"it", "dell'Iran", "Iran"},
	}
	for _, tt := range tests {
		an := text.NewAnalyzer(tt.lang)
		ta, _ := termOf(an, tt.a)
		tb, _ := termOf(an, tt.b)
		if ta == "" || ta != tb {
			t.Errorf("%s: termOf(%q) = %q, termOf(%q) = %q, want the same", tt.lang, tt.a, ta, tt.b, tb)
		}
	}
	for _, w := range []string{"aujourd'hui", "O'Brien", "'"} {
		if got := stripElision(w); got != w {
			t.Errorf("stripElision(%q) = %q, want it unchanged", w, got)
		}
	}
}
