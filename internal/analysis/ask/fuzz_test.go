package ask

import (
	"slices"
	"testing"

	"github.com/storyline/storyline/internal/fuzztest"
)

// FuzzAnswer asks any question of a story made of any text: nothing may
// panic, and every answer must be well formed (see checkAnswer).
func FuzzAnswer(f *testing.F) {
	s := loadStory(f, "muscat_talks.txt")
	f.Add("Who met in Muscat?", s.reports[0].Text, uint8(0))
	f.Add("What did the Pope say?", s.reports[1].Text, uint8(0))
	f.Add("Wer hat die Brücke gesperrt?", loadStory(f, "bridge_closure.txt").reports[0].Text, uint8(1))
	f.Add("台风在哪里登陆？", loadStory(f, "typhoon_landfall.txt").reports[0].Text, uint8(2))
	f.Add("?!?!...,,,", "\xff\xfe MUSCAT (\xc3 — „Quote. «x» 「y」", uint8(3))
	f.Add("", "", uint8(0))
	langs := []string{"en", "de", "zh", "", "fr", "ru"}
	// A call costs up to a millisecond: minimizing a long input must not
	// take the whole run.
	fuzztest.LimitMinimizing(f, fuzztest.MinimizeCalls)
	f.Fuzz(func(t *testing.T, question, body string, lang uint8) {
		reports := []Report{
			{ID: 1, Text: body},
			{ID: 2, Text: body[len(body)/2:] + "\n\n" + question},
			{ID: 3, Text: body, Lang: "en"},
		}
		ix := New(reports, langs[int(lang)%len(langs)])
		found, ps := ix.Answer(question)
		checkAnswer(t, ix, found, ps)
		hits := ix.Search(question, 4)
		if len(hits) > 4 || (len(hits) > 0) != found {
			t.Fatalf("Search gave %d passages, Answer found = %v", len(hits), found)
		}
		if !slices.IsSortedFunc(hits, func(a, b Passage) int { return -cmpFloat(a.Score, b.Score) }) {
			t.Fatalf("passages not best first: %v", hits)
		}
	})
}
