package ask

import (
	"slices"
	"strings"
	"testing"
)

// TestAnswer asks the fixtures' stories questions their coverage answers
// and questions it does not.
func TestAnswer(t *testing.T) {
	tests := []struct {
		story, question string
		found           bool
		// When found, some passage holds every one of want and cites
		// exactly ids (nil: any).
		want []string
		ids  []int64
	}{
		{"muscat_talks.txt", "Who met in Muscat?", true, []string{"Araghchi", "Witkoff"}, []int64{101, 103}},
		{"muscat_talks.txt", "What did the Pope say?", false, nil, nil},
		{"muscat_talks.txt", "Who mediated the talks?", true, []string{"Albusaidi"}, []int64{101, 103}},
		{"muscat_talks.txt", "Who carried proposals between the delegations?", true, []string{"Albusaidi"}, []int64{101, 103}},
		{"muscat_talks.txt", "When will they meet again?", true, []string{"next Saturday"}, []int64{101}},
		{"muscat_talks.txt", "What is Iran's position on enrichment?", true, []string{"enrichment of uranium"}, []int64{102}},
		{"muscat_talks.txt", "What happened to the rial?", true, []string{"half of its value"}, []int64{102}},
		{"muscat_talks.txt", "Where will the second round take place?", true, []string{"Rome"}, []int64{102}},
		{"muscat_talks.txt", "What did Iran do?", false, nil, nil},                      // only a word in most of the coverage
		{"muscat_talks.txt", "Did Iran talk in Muscat?", true, []string{"Muscat"}, nil}, // two deciding words, however common
		{"muscat_talks.txt", "How did the stock market in Tokyo react?", false, nil, nil},
		{"muscat_talks.txt", "Was there an earthquake in Japan?", false, nil, nil},
		{"muscat_talks.txt", "Why Oman keeps hosting difficult talks", false, nil, nil}, // only in a "Read more" line
		{"muscat_talks.txt", "", false, nil, nil},
		{"muscat_talks.txt", "Who? What? When? Where? Why? How?", false, nil, nil},
		{"bridge_closure.txt", "Wer hat die Brücke gesperrt?", true, []string{"Lindenbrücke", "gesperrt"}, []int64{201, 202}},
		{"bridge_closure.txt", "Was sagte der Papst?", false, nil, nil},
		{"bridge_closure.txt", "Was haben die Ingenieure gefunden?", true, []string{"Risse"}, nil},
		{"bridge_closure.txt", "Wie viele Fahrzeuge überqueren die Brücke?", true, []string{"28.000"}, []int64{201}},
		{"bridge_closure.txt", "Wann öffnet die Brücke wieder?", true, []string{"wieder öffnet"}, []int64{202}},
		{"bridge_closure.txt", "Wer? Was? Wann? Wo? Warum? Wie?", false, nil, nil},
		{"typhoon_landfall.txt", "台风在哪里登陆？", true, []string{"平潭"}, []int64{301, 302}},
		{"typhoon_landfall.txt", "教皇说了什么？", false, nil, nil},
		{"typhoon_landfall.txt", "有多少人被转移？", true, []string{"十二万人"}, []int64{301}},
		{"typhoon_landfall.txt", "机场取消了多少航班？", true, []string{"航班"}, []int64{301}},
	}
	indexes := map[string]*Index{}
	for _, tt := range tests {
		t.Run(tt.story+"/"+tt.question, func(t *testing.T) {
			ix := indexes[tt.story]
			if ix == nil {
				s := loadStory(t, tt.story)
				ix = New(s.reports, s.lang)
				indexes[tt.story] = ix
			}
			found, ps := ix.Answer(tt.question)
			checkAnswer(t, ix, found, ps)
			if found != tt.found {
				t.Fatalf("found = %v, want %v; passages %v", found, tt.found, ps)
			}
			if !found {
				return
			}
			for _, p := range ps {
				if holdsAll(p.Text, tt.want) && (tt.ids == nil || slices.Equal(p.ArticleIDs, tt.ids)) {
					return
				}
			}
			t.Errorf("no passage holds %q citing %v: %v", tt.want, tt.ids, ps)
		})
	}
}

// holdsAll reports whether s holds every one of subs.
func holdsAll(s string, subs []string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

// checkAnswer checks what every answer must be: found when and only when
// it has passages, one to three of them, sentences of the index in the
// order of the coverage, scoring close to the best, none repeating
// another, each citing an article.
func checkAnswer(t testing.TB, ix *Index, found bool, ps []Passage) {
	t.Helper()
	if found != (len(ps) > 0) || len(ps) > maxAnswerPassages {
		t.Fatalf("found = %v with %d passages", found, len(ps))
	}
	best := 0.0
	for _, p := range ps {
		best = max(best, p.Score)
	}
	at := make([]int, len(ps))
	for i, p := range ps {
		at[i] = slices.IndexFunc(ix.passages, func(q passage) bool { return q.text == p.Text })
		switch {
		case at[i] < 0:
			t.Fatalf("passage %q is not a sentence of the index", p.Text)
		case len(p.ArticleIDs) == 0 || !slices.Equal(p.ArticleIDs, ix.passages[at[i]].ids):
			t.Errorf("passage %q cites %v, the index %v", p.Text, p.ArticleIDs, ix.passages[at[i]].ids)
		case p.Score < closeScore*best:
			t.Errorf("passage %q scores %.3f, best %.3f", p.Text, p.Score, best)
		}
		for j := range i {
			if ix.compareOrder(at[j], at[i]) >= 0 {
				t.Errorf("passages %q and %q out of the coverage's order", ps[j].Text, p.Text)
			}
			if o := ix.overlap(at[j], at[i]); o > maxOverlap {
				t.Errorf("passages %q and %q overlap %.2f", ps[j].Text, p.Text, o)
			}
		}
	}
}

// TestSearch checks that passages come best first, at most k of them,
// and that an answer's passages are among the best.
func TestSearch(t *testing.T) {
	s := loadStory(t, "muscat_talks.txt")
	ix := New(s.reports, s.lang)
	const q = "What did Araghchi say?"
	all := ix.Search(q, 100)
	if len(all) < 3 {
		t.Fatalf("Search found %d passages, want at least 3", len(all))
	}
	if !slices.IsSortedFunc(all, func(a, b Passage) int { return -cmpFloat(a.Score, b.Score) }) {
		t.Errorf("passages not best first: %v", all)
	}
	if got := ix.Search(q, 2); len(got) != 2 || got[0].Text != all[0].Text {
		t.Errorf("Search(k=2) = %v", got)
	}
	for _, k := range []int{0, -1} {
		if got := ix.Search(q, k); got != nil {
			t.Errorf("Search(k=%d) = %v, want none", k, got)
		}
	}
	_, answer := ix.Answer(q)
	for _, p := range answer {
		if !slices.ContainsFunc(all, func(b Passage) bool { return b.Text == p.Text }) {
			t.Errorf("answer passage %q is not among the relevant ones", p.Text)
		}
	}
	// The caller's copy of the citations is its own.
	all[0].ArticleIDs[0] = -1
	if ix.Search(q, 1)[0].ArticleIDs[0] == -1 {
		t.Error("Search returned the index's own citations")
	}
}

// cmpFloat compares a and b.
func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// TestQuestionWords checks that questions made only of question words,
// stop words and framing verbs have no content, in each language with a
// list.
func TestQuestionWords(t *testing.T) {
	tests := []struct{ lang, question string }{
		{"en", "Who did what, when, where, why and how? What happened? What did they say? Tell me."},
		{"de", "Wer hat was wann wo warum und wie gesagt? Was ist passiert? Was geschah?"},
		{"fr", "Qui a dit quoi, quand, où, pourquoi et comment ? Que s'est-il passé ?"},
		{"es", "¿Quién dijo qué, cuándo, dónde, por qué y cómo? ¿Qué pasó? ¿Qué sucedió?"},
		{"it", "Chi ha detto cosa, quando, dove, perché e come? Che cosa è successo?"},
		{"pt", "Quem disse o quê, quando, onde, por que e como? O que aconteceu?"},
		{"ru", "Кто что сказал, когда, где, почему и как? Что произошло? Что случилось?"},
		{"zh", "谁说了什么？什么时候？在哪里？为什么？发生了什么？"},
		{"ja", "誰が何を言ったのか？いつ、どこで、なぜ？何が起きたのか？"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			ix := New([]Report{{ID: 1, Text: "Placeholder.", Lang: tt.lang}}, tt.lang)
			if qs := ix.questionTerms(tt.question); len(qs) != 0 {
				t.Errorf("content words of %q: %v", tt.question, qs)
			}
		})
	}
}

// TestOddInput feeds what must not break the index: no reports, empty
// and invalid text, a question of punctuation, an endless question.
func TestOddInput(t *testing.T) {
	huge := strings.Repeat("The envoy met the minister in Muscat on Saturday. ", 40000) // 2 MB
	tests := []struct {
		name     string
		reports  []Report
		question string
	}{
		{"no reports", nil, "Who met in Muscat?"},
		{"empty reports", []Report{{ID: 1}, {ID: 2, Text: "   \n\n  "}}, "Who met in Muscat?"},
		{"invalid UTF-8", []Report{{ID: 1, Text: "The envoy \xff\xfe met the \xc3 minister in Muscat on Saturday."}}, "Who met \xff in Muscat?"},
		{"punctuation question", []Report{{ID: 1, Text: "The envoy met the minister in Muscat on Saturday."}}, strings.Repeat("?!.,;:", 84)},
		{"long question", []Report{{ID: 1, Text: "The envoy met the minister in Muscat on Saturday."}}, strings.Repeat("Muscat envoy minister Saturday pope ", 200)},
		{"huge report", []Report{{ID: 1, Text: huge}, {ID: 2, Text: huge}}, "Who met in Muscat?"},
		{"unknown language", []Report{{ID: 1, Text: "Ĝi estas bela tago en la urbo.", Lang: "xx"}}, "Kio?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := New(tt.reports, "")
			found, ps := ix.Answer(tt.question)
			checkAnswer(t, ix, found, ps)
			_ = ix.Search(tt.question, 5)
		})
	}
}

// TestConcurrent asks one index from several goroutines (run with -race).
func TestConcurrent(t *testing.T) {
	s := loadStory(t, "muscat_talks.txt")
	ix := New(s.reports, s.lang)
	want, _ := ix.Answer("Who met in Muscat?")
	done := make(chan bool)
	for range 4 {
		go func() {
			found, _ := ix.Answer("Who met in Muscat?")
			_ = ix.Search("Wer hat die Brücke gesperrt?", 3)
			done <- found
		}()
	}
	for range 4 {
		if got := <-done; got != want {
			t.Errorf("found = %v, want %v", got, want)
		}
	}
}

// TestLanguages indexes reports in two languages: each is read in its
// own, and a question finds the report in the language it is asked in.
func TestLanguages(t *testing.T) {
	en, de := loadStory(t, "muscat_talks.txt"), loadStory(t, "bridge_closure.txt")
	for _, lang := range []string{"en", "de", ""} {
		ix := New(append(slices.Clone(en.reports), de.reports...), lang)
		for _, q := range []struct {
			question string
			ids      []int64
		}{
			{"Who met in Muscat?", []int64{101, 103}},
			{"Wer hat die Brücke gesperrt?", []int64{201, 202}},
		} {
			found, ps := ix.Answer(q.question)
			checkAnswer(t, ix, found, ps)
			if !found || !slices.ContainsFunc(ps, func(p Passage) bool { return slices.Equal(p.ArticleIDs, q.ids) }) {
				t.Errorf("story in %q: %q found %v: %v, want a passage citing %v", lang, q.question, found, ps, q.ids)
			}
		}
	}
}
