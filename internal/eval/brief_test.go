package eval

import (
	"testing"

	"github.com/storyline/storyline"
)

func TestScoreBriefs(t *testing.T) {
	words := func(n int) string {
		s := "Ferries"
		for i := 1; i < n; i++ {
			s += " sailed"
		}
		return s + "."
	}
	brief := func(sents ...storyline.BriefSentence) *storyline.Brief { return &storyline.Brief{Sentences: sents} }
	stories := []BriefStory{
		{Name: "good", Lang: "en", Reports: 2, Stories: 1, TextWords: 400, Brief: brief(
			storyline.BriefSentence{Text: "Dock workers at Port Arlen walked out on Monday over pay, halting cargo traffic. " + words(30), ArticleIDs: []int64{1, 2}},
			storyline.BriefSentence{Text: "Two container lines will divert ships to Northgate while the strike lasts.", ArticleIDs: []int64{2}},
			storyline.BriefSentence{Text: "It is unclear how long the stoppage will last.", ArticleIDs: []int64{1}},
		)},
		{Name: "bad", Lang: "en", Reports: 2, Stories: 2, TextWords: 400, Brief: brief(
			storyline.BriefSentence{Text: "Dock workers at Port Arlen walked out on Monday.", ArticleIDs: []int64{1}},
			storyline.BriefSentence{Text: "Dock workers walked out at Port Arlen on Monday.", ArticleIDs: []int64{2}}, // the same fact
			storyline.BriefSentence{Text: "But he declined to say more.", ArticleIDs: nil},                            // dangling, uncited
		)},
		{Name: "de", Lang: "de", Reports: 1, Stories: 1, TextWords: 40, Brief: brief(
			storyline.BriefSentence{Text: "Das hat der Stadtrat entschieden.", ArticleIDs: []int64{3}},
		)},
		{Name: "none", Lang: "en", Reports: 1, Stories: 1, TextWords: 300},
		{Name: "one", Lang: "en", Reports: 1, Stories: 1, TextWords: 30, Reference: "The ferry resumed on Tuesday.",
			Brief: brief(storyline.BriefSentence{Text: "The ferry resumed service on Tuesday.", ArticleIDs: []int64{4}})},
	}
	rep := ScoreBriefs(stories)
	rows := map[string]BriefRow{}
	for _, r := range rep.Rows {
		rows[r.Name] = r
	}
	if r := rows["good"]; r.Redundant != 0 || r.Dangling != 0 || r.Cited != 3 || !r.LengthOK {
		t.Errorf("good brief scored %+v", r)
	}
	if r := rows["bad"]; r.Redundant != 1 || r.Dangling != 1 || r.Cited != 2 || r.LengthOK {
		t.Errorf("bad brief scored %+v", r)
	}
	if r := rows["de"]; r.Dangling != 1 || !r.LengthOK {
		t.Errorf("German brief scored %+v (\"Das hat …\" points back; 40 words of text owe no 60-word brief)", r)
	}
	if rows["one"].Rouge == nil || rows["one"].Rouge.R1.F1 < 0.5 || rep.Rouged != 1 {
		t.Errorf("ROUGE of the one-article story: %+v", rows["one"].Rouge)
	}
	if rep.Missing != 1 || rep.Split != 1 || rep.Sentences != 8 || rep.Cited != 7 || rep.OutOfBounds != 2 {
		t.Errorf("totals %+v", rep)
	}
}

func TestDanglingOpener(t *testing.T) {
	tests := []struct {
		lang, s string
		want    bool
	}{
		{"en", "He said no.", true},
		{"en", "However, ships arrived.", true},
		{"en", "It is unclear why.", false},
		{"en", "It was his last day.", false},
		{"en", "It rained.", true},
		{"en", "This week the port reopened.", false},
		{"en", "The port reopened.", false},
		{"de", "Aber die Stadt zahlt.", true},
		{"de", "Das Gericht entschied.", false},
		{"de", "Das hat die Stadt entschieden.", true},
		{"fr", "Mais la ville paie.", true},
	}
	for _, tt := range tests {
		if got := DanglingOpener(tt.s, tt.lang); got != tt.want {
			t.Errorf("DanglingOpener(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}
