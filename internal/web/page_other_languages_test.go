package web

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// seedOtherLanguages makes the dam story English and adds its coverage in
// German (story 10, two articles) and in Persian (stories 11 and 12, one
// and two articles), all naming Geneva and the River Authority.
func (e *testEnv) seedOtherLanguages() {
	t, ctx := e.t, context.Background()
	entities := map[string]float64{"\x00place:geneva": 0.6, "\x00organization:river authority": 0.5}
	terms := func(extra float64) map[string]float64 {
		out := map[string]float64{"dam": extra}
		for k, w := range entities {
			out[k] = w
		}
		return out
	}
	dam, err := e.db.Story(ctx, e.story)
	if err != nil {
		t.Fatal(err)
	}
	dam.Language = "en"
	updates := []storyline.StoryUpdate{{Story: dam, Terms: terms(2)}}
	day := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	n := 0
	for _, st := range []struct {
		id       int64
		lang     string
		title    string
		articles int
		weight   float64
	}{
		{10, "de", "Gespräche über den Staudamm gehen weiter", 2, 1},
		{11, "fa", "مذاکرات سد در ژنو از سر گرفته می‌شود", 1, 0.5},
		{12, "fa", "ادامه گفت‌وگوها درباره سد", 2, 0.2},
	} {
		for range st.articles {
			n++
			text := fmt.Sprintf("Report %d on the dam talks in Geneva.", n)
			res, err := e.db.SaveArticle(ctx, &storyline.Article{URL: fmt.Sprintf("https://lang.example/%d", n), Source: "Lang Wire",
				Title: st.title, Text: text, ContentHash: storyline.ContentHash(text), Published: day.Add(time.Duration(n) * time.Hour)})
			if err != nil {
				t.Fatal(err)
			}
			if err := e.db.SaveAnalysis(ctx, &storyline.Analysis{ArticleID: res.ID, StoryID: st.id, Version: 1, Language: st.lang}); err != nil {
				t.Fatal(err)
			}
		}
		ts := terms(0)
		for k := range entities {
			ts[k] *= st.weight
		}
		updates = append(updates, storyline.StoryUpdate{Story: &storyline.Story{ID: st.id, Title: st.title, Language: st.lang}, Terms: ts})
	}
	if err := e.db.SaveStories(ctx, updates...); err != nil {
		t.Fatal(err)
	}
}

// TestStoryPageOtherLanguages: a story's page names the languages its
// event is covered in, each in itself, with the number of articles, and
// links to the story of that language, or to each when there are several.
func TestStoryPageOtherLanguages(t *testing.T) {
	e := newTestEnv(t)
	e.seedOtherLanguages()
	body := e.mustGet(nil, storyPath(e.story), http.StatusOK)
	assertContains(t, "English story", body,
		`Also covered in:`,
		`<a href="/stories/10" lang="de" hreflang="de" dir="auto">Deutsch</a> (2)`,
		`<span lang="fa" dir="auto">فارسی</span> (3:`,
		`<a href="/stories/11" lang="fa" hreflang="fa" dir="auto">مذاکرات سد در ژنو از سر گرفته می‌شود</a>`,
		`<a href="/stories/12" lang="fa" hreflang="fa" dir="auto">ادامه گفت‌وگوها درباره سد</a>`)
	if de, fa := strings.Index(body, ">Deutsch<"), strings.Index(body, ">فارسی<"); de < 0 || fa < de {
		t.Errorf("languages not best first: Deutsch at %d, فارسی at %d", de, fa)
	}
	if i, j := strings.Index(body, `href="/stories/11" lang`), strings.Index(body, `href="/stories/12" lang`); i < 0 || j < i {
		t.Errorf("Persian stories not best first: 11 at %d, 12 at %d", i, j)
	}

	body = e.mustGet(nil, "/stories/12", http.StatusOK)
	assertContains(t, "Persian story", body,
		`<a href="/stories/1" lang="en" hreflang="en" dir="auto">English</a> (3)`,
		`<a href="/stories/10" lang="de" hreflang="de" dir="auto">Deutsch</a> (2)`)
	if strings.Contains(body, "فارسی") {
		t.Error("Persian story: lists its own language")
	}

	// A story of unknown language, or without coverage elsewhere, shows
	// nothing.
	if body := e.mustGet(nil, storyPath(e.other), http.StatusOK); strings.Contains(body, "Also covered in") {
		t.Error("cup story: shows coverage in other languages")
	}
}

// TestAPIStoryOtherLanguages: GET /api/v1/stories/{id} gives the story's
// language and its stories in other languages, best first.
func TestAPIStoryOtherLanguages(t *testing.T) {
	e := newTestEnv(t)
	e.seedOtherLanguages()
	var s struct {
		Language       string
		OtherLanguages []struct {
			ID           int64
			Language     string
			Title        string
			ArticleCount int `json:"article_count"`
		} `json:"other_languages"`
		Related []struct {
			Story struct{ Language string }
		}
	}
	r := e.apiCall(nil, http.MethodGet, "/api/v1/stories/"+itoa(e.story), "")
	r.decode(t, &s)
	if r.status != 200 || s.Language != "en" {
		t.Fatalf("story: %d %s", r.status, r.body)
	}
	var got []string
	for _, o := range s.OtherLanguages {
		got = append(got, fmt.Sprintf("%d %s %s %d", o.ID, o.Language, o.Title, o.ArticleCount))
	}
	want := []string{"10 de Gespräche über den Staudamm gehen weiter 2", "11 fa مذاکرات سد در ژنو از سر گرفته می‌شود 1", "12 fa ادامه گفت‌وگوها درباره سد 2"}
	if !slices.Equal(got, want) {
		t.Errorf("other_languages = %q, want %q", got, want)
	}
	r = e.apiCall(nil, http.MethodGet, "/api/v1/stories/"+itoa(e.other), "")
	if r.status != 200 || !strings.Contains(r.body, `"language":""`) || !strings.Contains(r.body, `"other_languages":[]`) {
		t.Errorf("story of unknown language: %d %s", r.status, r.body)
	}
}
