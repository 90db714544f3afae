package storetest

import (
	"strings"
	"testing"

	"github.com/storyline/storyline"
)

// testSearchLanguages covers search in the language of each article:
// inflections found by their stems, Chinese found by its words without
// spaces, Arabic words with and without their article, snippets marking
// the inflected words, and SearchQuery.Lang.
func testSearchLanguages(t *testing.T, open Opener) {
	s := newStore(t, open)
	docs := []struct{ key, lang, title, text string }{
		{"de", "de", "Gespräche in Genf", "Die Verhandlungen über den Waffenstillstand dauerten bis in die Nacht."},
		{"ru", "ru", "Встреча в Женеве", "Очередной раунд переговоров завершился без соглашения."},
		{"es", "es", "Crisis en Madrid", "El precio de las viviendas subió otra vez este año."},
		{"zh", "zh", "中东局势", "伊朗与美国的谈判今天在日内瓦继续进行。"},
		{"ar", "ar", "أخبار اليوم", "استؤنفت المفاوضات في جنيف صباح اليوم."},
		{"en", "en", "Talks resume", "Negotiators met again in Geneva on Tuesday."},
	}
	id := map[string]int64{}
	for _, d := range docs {
		a := article("https://languages.example/"+d.key, "Lingua", d.title, d.text)
		a.Language = d.lang
		id[d.key] = saveAs(t, s, a, storyline.Added).ID
	}

	tests := []struct {
		query, lang string
		want        []string // keys
		marked      string   // the words the first hit's snippet marks, comma-separated
	}{
		{"Verhandlung", "", []string{"de"}, "Verhandlungen"},
		{"verhandlungen", "", []string{"de"}, "Verhandlungen"},
		{"переговоры", "", []string{"ru"}, "переговоров"},
		{"vivienda", "", []string{"es"}, "viviendas"},
		{"伊朗", "", []string{"zh"}, "伊朗"},
		{"谈判", "", []string{"zh"}, "谈判"},
		{"伊朗谈判", "", []string{"zh"}, "伊朗,谈判"},
		{"مفاوضات", "", []string{"ar"}, "المفاوضات"},
		{"المفاوضات", "", []string{"ar"}, "المفاوضات"},
		{"negotiations", "", []string{"en"}, "Negotiators"},
		{"Geneva", "", []string{"en"}, "Geneva"},
		// Lang restricts the normalisation: an English "Verhandlung"
		// is not stemmed as German.
		{"Verhandlung", "en", nil, ""},
		{"Verhandlung", "de", []string{"de"}, "Verhandlungen"},
		{"Verhandlung", "de-AT", []string{"de"}, "Verhandlungen"},
		{"vivienda", "ru", nil, ""},
		{"переговоры", "es", nil, ""},
		{"переговоры", "ru", []string{"ru"}, "переговоров"},
	}
	for _, tt := range tests {
		hits := search(t, s, storyline.SearchQuery{Text: tt.query, Lang: tt.lang})
		if !sameKeys(hitIDs(hits), tt.want, id) {
			t.Errorf("Search(%q, lang %q) = %v, want %v (%v)", tt.query, tt.lang, hitIDs(hits), tt.want, keyIDs(tt.want, id))
			continue
		}
		if len(hits) == 0 {
			continue
		}
		var marked []string
		for _, p := range hits[0].Snippet {
			if p.Match {
				marked = append(marked, p.Text)
			}
		}
		if got := strings.Join(marked, ","); got != tt.marked {
			t.Errorf("Search(%q, lang %q): snippet marks %q, want %q; snippet %q",
				tt.query, tt.lang, got, tt.marked, hits[0].Snippet.String("[", "]"))
		}
	}
}
