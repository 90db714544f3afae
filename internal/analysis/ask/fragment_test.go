package ask

import (
	"slices"
	"testing"

	"github.com/storyline/storyline/internal/text"
)

// TestAnswerable tells whole sentences from fragments and furniture.
func TestAnswerable(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"The envoy met the minister in Muscat on Saturday.", true},
		{`"The atmosphere was calm," the minister said.`, true},
		{"Die Stadt hat die Brücke am Dienstag gesperrt.", true},
		{"台风周四凌晨在平潭沿海登陆。", true},
		{"Iran and US hold indirect talks in Oman", false},            // a headline: no full stop
		{"Will the talks go ahead next week?", false},                 // a question answers nothing
		{"said the minister, who declined to give details.", false},   // the tail of a broken sentence
		{`"We will not accept this, and we never will.`, false},       // half a quotation
		{"By Mara Ellison and John Roe, Reuters.", false},             // a byline
		{"Read more: Why Oman keeps hosting difficult talks.", false}, // a reading prompt
		{"Details at https://example.com/talks today.", false},        // a link
		{"WHAT COMES NEXT FOR THE TALKS.", false},                     // a heading in capitals
		{"Talks resume.", false},
		{"Alle Rechte vorbehalten, lesen Sie auch unseren Kommentar.", false},
		{"更多内容请阅读全文。", false},
		{"Читайте также наш репортаж из Маската.", false},                   // too short to answer
		{"„Die Lage ist ernst“, sagte die Bürgermeisterin am Abend.", true}, // German quotes
	}
	for _, tt := range tests {
		if got := answerable(tt.s, text.WordsIn("zh", tt.s)); got != tt.want {
			t.Errorf("answerable(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// TestStripDateline cuts datelines and leaves sentences that only look
// like one alone.
func TestStripDateline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"MUSCAT, Oman (Gulf Wire) — Iran's minister arrived.", "Iran's minister arrived."},
		{"MUSCAT (Gulf Wire) - Iran's minister arrived.", "Iran's minister arrived."},
		{"Haldenburg (dpa) - Die Stadt hat die Brücke gesperrt.", "Die Stadt hat die Brücke gesperrt."},
		{"BERLIN – Die Regierung hat beschlossen.", "Die Regierung hat beschlossen."},
		{"Muscat, Oman — Talks began on Saturday.", "Talks began on Saturday."},
		{"(Gulf Wire) Talks began on Saturday.", "Talks began on Saturday."},
		{"(Gulf Wire) — Talks began on Saturday.", "Talks began on Saturday."},
		{"The minister, Abbas Araghchi — Iran's top diplomat — arrived.", "The minister, Abbas Araghchi — Iran's top diplomat — arrived."},
		{"Talks began - and ended - on Saturday.", "Talks began - and ended - on Saturday."},
		{"BERLIN – und dann kam nichts.", "BERLIN – und dann kam nichts."},
		{"(", "("},
		{"", ""},
	}
	for _, tt := range tests {
		if got := stripDateline(tt.in); got != tt.want {
			t.Errorf("stripDateline(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestReportSentences mends sentences broken by a line and keeps
// paragraphs apart.
func TestReportSentences(t *testing.T) {
	body := "The envoy arrived in Muscat\non Saturday. He met the minister.\n\nHeading\n\nTalks ended late."
	want := []string{"The envoy arrived in Muscat on Saturday.", "He met the minister.", "Heading", "Talks ended late."}
	if got := reportSentences(body); !slices.Equal(got, want) {
		t.Errorf("reportSentences = %q, want %q", got, want)
	}
}
