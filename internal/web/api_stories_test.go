package web

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// storyJSON is a story as the API gives it.
type storyJSON struct {
	ID           int64
	Title        string
	Summary      string
	ArticleCount int `json:"article_count"`
	Outlets      []string
	Keyphrases   []struct{ Text, Hashtag string }
	Entities     []struct {
		Name, Kind string
		Mentions   int
	}
	CommentCount int `json:"comment_count"`
}

func TestAPIStories(t *testing.T) {
	e := newTestEnv(t)
	tests := []struct {
		query string
		want  []int64
	}{
		{"", []int64{e.story, e.other}},
		{"outlet=Example+Wire", []int64{e.story}},
		{"source=example+daily", []int64{e.story, e.other}},
		{"outlet=Nobody", nil},
		{"hashtag=DamTalks", []int64{e.story}},
		{"hashtag=%23CupFinal", []int64{e.other}},
		{"entity=geneva", []int64{e.story}},
		{"entity=Geneva&kind=place", []int64{e.story}},
		{"entity=Geneva&kind=person", nil},
		{"since=2026-03-02", []int64{e.story}},
	}
	for _, tt := range tests {
		r := e.apiCall(nil, http.MethodGet, "/api/v1/stories?"+tt.query, "")
		var page struct {
			Stories    []storyJSON
			NextCursor *string `json:"next_cursor"`
		}
		r.decode(t, &page)
		var got []int64
		for _, s := range page.Stories {
			got = append(got, s.ID)
		}
		if r.status != 200 || !slices.Equal(got, tt.want) || page.NextCursor != nil {
			t.Errorf("?%s: status %d stories %v next %v, want %v", tt.query, r.status, got, page.NextCursor, tt.want)
		}
	}
	var page struct{ Stories []storyJSON }
	e.apiCall(nil, http.MethodGet, "/api/v1/stories", "").decode(t, &page)
	dam := page.Stories[0]
	if dam.Title != "Dam talks to resume" || dam.ArticleCount != 3 || len(dam.Outlets) != 3 ||
		len(dam.Keyphrases) != 2 || dam.Keyphrases[0].Text != "dam talks" || dam.Keyphrases[0].Hashtag != "#DamTalks" ||
		len(dam.Entities) != 2 || dam.Entities[0].Name != "Geneva" || dam.Entities[0].Kind != "place" || dam.Entities[0].Mentions != 2 {
		t.Errorf("story shape: %+v", dam)
	}
}

func TestAPITopStories(t *testing.T) {
	e := newTestEnv(t)
	var page struct {
		Stories    []storyJSON
		NextCursor *string `json:"next_cursor"`
	}
	r := e.apiCall(nil, http.MethodGet, "/api/v1/stories/top", "")
	r.decode(t, &page)
	if r.status != 200 || len(page.Stories) != 2 || page.Stories[0].ID != e.story || page.NextCursor != nil {
		t.Errorf("top: %d %+v", r.status, page)
	}
	e.apiCall(nil, http.MethodGet, "/api/v1/stories/top?limit=1&hashtag=CupFinal", "").decode(t, &page)
	if len(page.Stories) != 1 || page.Stories[0].ID != e.other {
		t.Errorf("top by hashtag: %+v", page)
	}
}

func TestAPIStory(t *testing.T) {
	e := newTestEnv(t)
	var s struct {
		storyJSON
		Coverage []struct {
			Source    string
			ArticleID int64 `json:"article_id"`
			Title     string
			Points    []struct {
				Text       string
				ArticleIDs []int64 `json:"article_ids"`
			}
		}
		Brief *struct {
			Sentences []struct {
				Text       string
				ArticleIDs []int64 `json:"article_ids"`
			}
			Generator string
			UpdatedAt time.Time `json:"updated_at"`
		}
		Timeline []struct {
			ArticleID int64 `json:"article_id"`
			CopyOf    int64 `json:"copy_of"`
			Source    string
			Title     string
			URL       string
		}
		Related []struct {
			Story storyJSON
			Score float64
		}
	}
	r := e.apiCall(nil, http.MethodGet, "/api/v1/stories/"+itoa(e.story), "")
	r.decode(t, &s)
	if r.status != 200 || s.ID != e.story || s.Summary == "" || len(s.Outlets) != 3 {
		t.Fatalf("story: %d %+v", r.status, s)
	}
	// The brief, with the articles each sentence cites; summary stays its
	// text.
	if b := s.Brief; b == nil || b.Generator != "built-in" || b.UpdatedAt.IsZero() || len(b.Sentences) != 1 ||
		b.Sentences[0].Text != s.Summary || !slices.Equal(b.Sentences[0].ArticleIDs, []int64{e.ids["wire"], e.ids["daily"]}) {
		t.Errorf("brief = %+v", s.Brief)
	}
	if c := s.Coverage; len(c) != 2 || c[0].Source != "Example Wire" || c[0].ArticleID != e.ids["wire"] || len(c[0].Points) != 1 ||
		c[0].Points[0].Text != "Talks restart in Geneva." || c[1].Points == nil || len(c[1].Points) != 0 {
		t.Errorf("coverage = %+v", s.Coverage)
	}
	var tl []int64
	for _, en := range s.Timeline {
		tl = append(tl, en.ArticleID)
	}
	if !slices.Equal(tl, []int64{e.ids["wire"], e.ids["copy"], e.ids["daily"]}) || s.Timeline[0].Source != "Example Wire" || s.Timeline[0].URL == "" ||
		s.Timeline[1].CopyOf != e.ids["wire"] || s.Timeline[0].CopyOf != 0 {
		t.Errorf("timeline: %+v", s.Timeline)
	}
	if len(s.Related) != 1 || s.Related[0].Story.ID != e.other || s.Related[0].Score <= 0 {
		t.Errorf("related: %+v", s.Related)
	}
	// Hostile text comes out as JSON strings, never as markup.
	r = e.apiCall(nil, http.MethodGet, "/api/v1/stories/"+itoa(e.other), "")
	if r.status != 200 || !strings.Contains(r.body, `\u003cscript\u003e`) || strings.Contains(r.body, "<script") {
		t.Errorf("hostile story: %s", r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
}
