package outlet

import "testing"

func TestWire(t *testing.T) {
	tests := []struct {
		byline, text, want string
	}{
		{"", "LONDON (AP) — Britain's Conservative Party was accused on Wednesday…", "Associated Press"},
		{"", "(Reuters) - The New York State Attorney General is investigating…", "Reuters"},
		{"", "BERLIN (dpa) - Die Regierung hat…", "dpa"},
		{"", "PARIS (AFP): The minister said…", "AFP"},
		{"By Jill Lawless, Associated Press", "Britain's Conservative Party was accused…", "Associated Press"},
		{"By JILL LAWLESS Associated Press", "", "Associated Press"},
		{"Reuters Staff", "", "Reuters"},
		// Not credits: a code mid-sentence, without a dash; a word that
		// only contains a credit; a credit far into the text.
		{"", "The plan (AP) was discussed at length.", ""},
		{"", "Some (ap) — lower case is no code.", ""},
		{"By Pressure Group Staff", "", ""},
		{"", "Long lead " + string(make([]byte, 200)) + " (AP) — too late", ""},
		{"", "", ""},
		{"", "(unclosed (AP", ""},
	}
	for _, tt := range tests {
		if got := Wire(tt.byline, tt.text); got != tt.want {
			t.Errorf("Wire(%q, %.40q) = %q, want %q", tt.byline, tt.text, got, tt.want)
		}
	}
}

func FuzzWire(f *testing.F) {
	for _, s := range []string{"LONDON (AP) — x", "(Reuters) - y", "((()))", "(AP)", "By Associated Press"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, byline, text string) {
		Wire(byline, text)
	})
}
