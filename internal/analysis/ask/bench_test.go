package ask

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// benchStory returns a story of 20 reports of about 8 KB each: sentences
// of words drawn from a fixture's text (three in five) and made-up
// words, a fifth of them copied from an earlier report as wire text is.
func benchStory(b *testing.B) []Report {
	rng := rand.New(rand.NewPCG(1, 2))
	var vocab []string
	for _, r := range loadStory(b, "muscat_talks.txt").reports {
		vocab = append(vocab, strings.Fields(r.Text)...)
	}
	fixture := len(vocab)
	syllables := []string{"ka", "lo", "mir", "ta", "sen", "vo", "ra", "bel", "dun", "ish", "or", "pe", "gu", "nat"}
	for range 4000 {
		w := ""
		for range 2 + rng.IntN(3) {
			w += syllables[rng.IntN(len(syllables))]
		}
		vocab = append(vocab, w)
	}
	word := func() string {
		if rng.IntN(5) < 3 {
			return strings.Trim(vocab[rng.IntN(fixture)], `.,"`)
		}
		// Made-up words as often as a word's rank is low (Zipf-like).
		return vocab[fixture+int(float64(len(vocab)-fixture)*rng.Float64()*rng.Float64())]
	}
	var all []string
	reports := make([]Report, 20)
	for i := range reports {
		var sb strings.Builder
		for sb.Len() < 8<<10 {
			if len(all) > 0 && rng.IntN(5) == 0 {
				sb.WriteString(all[rng.IntN(len(all))])
			} else {
				n := 12 + rng.IntN(20)
				words := make([]string, n)
				for j := range words {
					words[j] = word()
				}
				s := strings.ToUpper(words[0][:1]) + words[0][1:] + " " + strings.Join(words[1:], " ") + "."
				all = append(all, s)
				sb.WriteString(s)
			}
			sb.WriteString(" ")
			if rng.IntN(4) == 0 {
				sb.WriteString("\n\n")
			}
		}
		reports[i] = Report{ID: int64(i + 1), Source: "Outlet", Text: sb.String(), Lang: "en"}
	}
	return reports
}

// BenchmarkNewAndAnswer indexes a story of 20 reports × 8 KB and
// answers one question, as a request for a story not yet indexed does.
func BenchmarkNewAndAnswer(b *testing.B) {
	reports := benchStory(b)
	New(reports, "en") // warm the analyzers' tables
	b.ReportAllocs()
	for b.Loop() {
		ix := New(reports, "en")
		ix.Answer("Who met in Muscat?")
	}
}

// BenchmarkAnswer answers one question on an indexed story of 20
// reports × 8 KB.
func BenchmarkAnswer(b *testing.B) {
	ix := New(benchStory(b), "en")
	b.ReportAllocs()
	for b.Loop() {
		ix.Answer("What did Araghchi and Witkoff discuss in Muscat on Saturday?")
	}
}
