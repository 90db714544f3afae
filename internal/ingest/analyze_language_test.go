package ingest

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/analysis/cluster"
)

// TestAnalysisLanguageFromTheText: an English article on a page declared
// German is analysed as English — its language, and hashtags free of
// English function words — while a teaser too short to tell keeps the
// declared language.
func TestAnalysisLanguageFromTheText(t *testing.T) {
	ctx := context.Background()
	db, an := newTestAnalyzer(t)
	data, err := os.ReadFile("testdata/story/harbour-reopens.txt")
	if err != nil {
		t.Fatal(err)
	}
	title, body, _ := strings.Cut(string(data), "\n")
	save := func(url, lang, text string) *storyline.Article {
		t.Helper()
		a := &storyline.Article{URL: url, Source: "Hafenblatt", Title: title, Text: text, Language: lang,
			ContentHash: storyline.ContentHash(text), WordCount: len(strings.Fields(text))}
		res, err := db.SaveArticle(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		a.ID = res.ID
		return a
	}
	tests := []struct {
		name, lang, text, want string
	}{
		{"English page declared German", "de", strings.TrimSpace(body), "en"},
		{"short teaser declared German", "de", "Der Hafen ist wieder offen.", "de"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := an.Article(ctx, save("https://hafenblatt.example/"+string(rune('a'+i)), tt.lang, tt.text))
			if err != nil {
				t.Fatal(err)
			}
			if x.Language != tt.want {
				t.Errorf("language = %q, want %q", x.Language, tt.want)
			}
			for _, k := range x.Keyphrases {
				if h := strings.ToLower(k.Hashtag); h == "#the" || h == "#and" || h == "#you" {
					t.Errorf("hashtag %s is an English function word", k.Hashtag)
				}
			}
		})
	}
}

// TestStoryCentroidKeepsItsLanguage: the language term a non-English
// article carries is stored with its story's centroid, so that the next
// article of another language, found as a candidate through the store,
// is kept out.
func TestStoryCentroidKeepsItsLanguage(t *testing.T) {
	ctx := context.Background()
	db, an := newTestAnalyzer(t)
	data, err := os.ReadFile("testdata/languages/de.txt")
	if err != nil {
		t.Fatal(err)
	}
	title, body, _ := strings.Cut(string(data), "\n")
	body = strings.TrimSpace(body)
	x := saveAndAnalyze(t, db, an, &storyline.Article{URL: "https://zeitung.example/1", Source: "Zeitung", Title: title, Text: body})
	c, err := db.StoryCentroid(ctx, x.StoryID)
	if err != nil {
		t.Fatal(err)
	}
	for _, term := range c.Terms {
		if term.Key == cluster.LanguageKey("de") {
			return
		}
	}
	t.Errorf("story %d's centroid has no German language term: %d terms", x.StoryID, len(c.Terms))
}

func TestLeadText(t *testing.T) {
	tests := []struct {
		text string
		n    int
		want string
	}{
		{"short", 100, "short"},
		{"one\n\ntwo\n\nthree", 10, "one\n\ntwo"},
		{"one\n\ntwo\n\nthree", 9, "one"},
		{"a long first paragraph\n\ntwo", 5, "a long first paragraph"},
		{"no paragraphs at all here", 5, "no paragraphs at all here"},
	}
	for _, tt := range tests {
		if got := leadText(tt.text, tt.n); got != tt.want {
			t.Errorf("leadText(%q, %d) = %q, want %q", tt.text, tt.n, got, tt.want)
		}
	}
}
