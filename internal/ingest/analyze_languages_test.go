package ingest

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/sqlite"
	"github.com/storyline/storyline/internal/text"
)

// TestAnalysisInEveryLanguage runs the news articles of
// testdata/languages (one per language, and an English one on a page
// declared German) through storing and analysis: each gets the language
// it is written in, at least three hashtags none of which is a stop word
// of that language, and — beyond English — the places it names; the
// German one its people.
func TestAnalysisInEveryLanguage(t *testing.T) {
	tests := []struct {
		file, declared, want string
		people               []string
	}{
		{"de.txt", "de", "de", []string{"Friedrich Merz"}},
		{"fr.txt", "fr", "fr", nil},
		{"es.txt", "es", "es", nil},
		{"pt.txt", "pt", "pt", nil},
		{"ru.txt", "ru", "ru", nil},
		{"zh.txt", "zh", "zh", nil},
		{"ar.txt", "ar", "ar", nil},
		{"fa.txt", "fa", "fa", nil},
		{"en-declared-de.txt", "de", "en", nil},
		{"de.txt", "", "de", nil},   // nothing declared
		{"zh.txt", "en", "zh", nil}, // declared wrong
	}
	db, an := newTestAnalyzer(t)
	for i, tt := range tests {
		t.Run(tt.file+"/"+tt.declared, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata/languages", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			title, body, _ := strings.Cut(string(data), "\n")
			body = strings.TrimSpace(body) + "\n\n" + strconv.Itoa(i) // distinct texts: no exact copies
			x := saveAndAnalyze(t, db, an, &storyline.Article{URL: "https://news.example/" + strconv.Itoa(i),
				Source: "Example " + strconv.Itoa(i), Title: title, Text: body, Language: tt.declared})
			if x.Language != tt.want {
				t.Errorf("language %q, want %q", x.Language, tt.want)
			}
			if len(x.Keyphrases) < 3 {
				t.Errorf("%d hashtags %v, want at least 3", len(x.Keyphrases), x.Keyphrases)
			}
			stop := text.NewAnalyzer(tt.want)
			for _, k := range x.Keyphrases {
				for _, w := range text.WordsIn(tt.want, k.Text) {
					if stop.IsStop(text.Fold(w.Text)) {
						t.Errorf("hashtag %s holds the stop word %q", k.Hashtag, w.Text)
					}
				}
			}
			places, people := 0, map[string]bool{}
			for _, e := range x.Entities {
				switch e.Kind {
				case storyline.EntityPlace:
					places++
				case storyline.EntityPerson:
					people[e.Name] = true
				}
			}
			if tt.want != "en" && places == 0 {
				t.Errorf("no places among %v", x.Entities)
			}
			for _, p := range tt.people {
				if !people[p] {
					t.Errorf("person %q not among %v", p, x.Entities)
				}
			}
		})
	}
}

// saveAndAnalyze stores article a (its content hash and word count made
// from its text), sets its ID, and analyses it, failing t on an error.
func saveAndAnalyze(t *testing.T, db *sqlite.DB, an *Analyzer, a *storyline.Article) *storyline.Analysis {
	t.Helper()
	a.ContentHash, a.WordCount = storyline.ContentHash(a.Text), text.CountWords(a.Text)
	res, err := db.SaveArticle(t.Context(), a)
	if err != nil {
		t.Fatalf("save %s: %v", a.URL, err)
	}
	a.ID = res.ID
	x, err := an.Article(t.Context(), a)
	if err != nil {
		t.Fatalf("analyse %s: %v", a.URL, err)
	}
	return x
}
