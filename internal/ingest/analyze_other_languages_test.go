package ingest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/analysis/cluster"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// Two reports of one event, written for this test: floods in Valencia,
// in German and in Spanish, naming the same places and people.
const (
	floodsDETitle = "Unwetter in Valencia: Pedro Sánchez besucht Paiporta"
	floodsDE      = `Nach den schweren Überschwemmungen in Valencia hat der spanische Ministerpräsident Pedro Sánchez am Sonntag die Stadt Paiporta besucht. Gemeinsam mit Regionalpräsident Carlos Mazón sprach er mit Anwohnern, die bei der Flut ihre Häuser verloren haben.

In Paiporta standen die Straßen auch vier Tage nach dem Unwetter noch unter Schlamm. Freiwillige aus ganz Spanien halfen beim Räumen. Pedro Sánchez versprach der Region Valencia schnelle Hilfe aus Madrid.

Carlos Mazón sagte, die Aufräumarbeiten in Paiporta und den Nachbarorten würden noch Wochen dauern. Die Behörden in Valencia zählten bis Sonntagabend mehr als zweihundert Tote.`

	floodsESTitle = "Pedro Sánchez visita Paiporta tras la riada en Valencia"
	floodsES      = `El presidente del Gobierno, Pedro Sánchez, visitó el domingo Paiporta, uno de los municipios más afectados por las inundaciones en Valencia. Acompañado por el presidente de la Generalitat, Carlos Mazón, habló con vecinos que lo perdieron todo en la riada.

Las calles de Paiporta seguían cubiertas de barro cuatro días después del temporal. Voluntarios llegados de toda España ayudaron a limpiar. Pedro Sánchez prometió desde Paiporta una ayuda rápida para Valencia.

Carlos Mazón afirmó que la limpieza de Paiporta y de los pueblos vecinos durará semanas. Las autoridades de Valencia cifraban el domingo por la noche en más de doscientos los muertos.`
)

// TestStoriesInOtherLanguages: a German and a Spanish report of one event
// make two stories, each of its language, and each story's coverage in
// other languages is the other.
func TestStoriesInOtherLanguages(t *testing.T) {
	if storeutil.EntityTermPrefix != cluster.EntityPrefix {
		t.Fatalf("storeutil.EntityTermPrefix %q is not cluster.EntityPrefix %q", storeutil.EntityTermPrefix, cluster.EntityPrefix)
	}
	ctx := context.Background()
	db, an := newTestAnalyzer(t)
	at := time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)
	var stories []int64
	for _, a := range []*storyline.Article{
		{URL: "https://zeitung.example/valencia", Source: "Zeitung", Language: "de", Title: floodsDETitle, Text: floodsDE, Published: at},
		{URL: "https://diario.example/valencia", Source: "Diario", Language: "es", Title: floodsESTitle, Text: floodsES, Published: at.Add(3 * time.Hour)},
	} {
		x := saveAndAnalyze(t, db, an, a)
		t.Logf("article %d: language %s, entities %v", a.ID, x.Language, x.Entities)
		stories = append(stories, x.StoryID)
	}
	if err := an.Flush(ctx); err != nil {
		t.Fatalf("Flush: %v", err)
	}
	if stories[0] == stories[1] {
		t.Fatalf("the German and the Spanish report are both in story %d", stories[0])
	}
	for i, want := range []string{"de", "es"} {
		st, err := db.Story(ctx, stories[i])
		if err != nil || st.Language != want {
			t.Errorf("story %d = %+v, %v; want language %s", stories[i], st, err, want)
		}
	}
	for i, id := range stories {
		other := stories[1-i]
		list, err := db.OtherLanguages(ctx, id, 5)
		if err != nil || len(list) != 1 || list[0].Story.ID != other {
			t.Errorf("OtherLanguages(%d) = %+v, %v; want story %d", id, list, err, other)
		}
	}
}

func TestStoryLanguage(t *testing.T) {
	for _, tt := range []struct {
		langs []string
		want  string
	}{
		{nil, ""},
		{[]string{"", ""}, ""},
		{[]string{"", "de"}, "de"},
		{[]string{"de", "es", "es"}, "es"},
		{[]string{"es", "de", "de", "es"}, "es"}, // a tie: the older article's
		{[]string{"", "", "fr", "en"}, "fr"},
	} {
		if got := storyLanguage(tt.langs); got != tt.want {
			t.Errorf("storyLanguage(%q) = %q, want %q", tt.langs, got, tt.want)
		}
	}
}

func TestStoryTermsKeepTheStoryEntities(t *testing.T) {
	// Tehran and Oman are named by every story (an IDF near 0), and the
	// story has more distinctive words than storyTermsForLink: IDF
	// weighing alone drops the two.
	tehran, oman := cluster.EntityPrefix+"place:tehran", cluster.EntityPrefix+"place:oman"
	snap := storyline.StoryCentroid{Terms: []storyline.CentroidTerm{{Key: tehran, Mass: 1}, {Key: oman, Mass: 1}}}
	idfs := map[string]float64{tehran: 0.01, oman: 0.01}
	for i := range storyTermsForLink + 5 {
		k := fmt.Sprintf("word%d", i)
		snap.Terms = append(snap.Terms, storyline.CentroidTerm{Key: k, Mass: 1})
		idfs[k] = 2
	}
	if _, ok := relatedTerms(weighted(snap, idfs), storyTermsForLink)[tehran]; ok {
		t.Fatal("the test's entities are among the heaviest terms: it tests nothing")
	}
	entities := []storyline.Entity{{Name: "Tehran", Kind: storyline.EntityPlace, Count: 7}, {Name: "Oman", Kind: storyline.EntityPlace, Count: 3}}
	for i := range storyEntitiesForLink {
		entities = append(entities, storyline.Entity{Name: fmt.Sprintf("Town %d", i), Kind: storyline.EntityPlace, Count: 1})
	}
	terms := storyTerms(snap, idfs, entities)
	for _, k := range []string{tehran, oman} {
		if w, ok := terms[k]; !ok || w >= 0.01 {
			t.Errorf("story terms give %q weight %g (kept %v), want it kept, too light to move related stories", k, w, ok)
		}
	}
	if len(terms) != storyTermsForLink+storyEntitiesForLink {
		t.Errorf("%d story terms, want %d: the %d most named entities", len(terms), storyTermsForLink+storyEntitiesForLink, storyEntitiesForLink)
	}
}
