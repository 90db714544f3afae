package api

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

func TestParseSince(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Time
	}{
		{"", time.Time{}},
		{"90m", now.Add(-90 * time.Minute)},
		{"12h", now.Add(-12 * time.Hour)},
		{"7d", now.AddDate(0, 0, -7)},
		{"2w", now.AddDate(0, 0, -14)},
		{"2026-01-31", time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC)},
		{"2026-01-31T10:00:00Z", time.Date(2026, 1, 31, 10, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		got, err := ParseSince(tt.in, now)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("ParseSince(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"7", "d", "7y", "-3d", "x7d", "99999999d"} {
		if _, err := ParseSince(bad, now); err == nil || !strings.Contains(err.Error(), bad) {
			t.Errorf("ParseSince(%q) error %v, want one naming the input", bad, err)
		}
	}
}

func TestNewArticle(t *testing.T) {
	a := &storyline.Article{ID: 3, Title: "T", Text: "body", HTML: "<p>body</p>", Source: "S"}
	list, err := json.Marshal(NewArticle(a, false))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(list), "body") || strings.Contains(string(list), "published") {
		t.Errorf("list form %s has body or empty published", list)
	}
	a.Published = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	full, _ := json.Marshal(NewArticle(a, true))
	for _, want := range []string{`"text":"body"`, `"published":"2026-01-02T03:04:05Z"`} {
		if !strings.Contains(string(full), want) {
			t.Errorf("full form %s lacks %s", full, want)
		}
	}
}

func TestNewArticleTruncated(t *testing.T) {
	tests := []struct {
		name      string
		truncated bool
		withBody  bool
		want      bool // "truncated":true in the JSON
	}{
		{"cut, with the body", true, true, true},
		{"cut, in a list", true, false, false},
		{"whole, with the body", false, true, false},
	}
	for _, tt := range tests {
		a := &storyline.Article{ID: 3, Title: "T", Text: "body", HTML: "<p>body</p>", Truncated: tt.truncated}
		b, err := json.Marshal(NewArticle(a, tt.withBody))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(string(b), `"truncated":true`); got != tt.want || strings.Contains(string(b), `"truncated":false`) {
			t.Errorf("%s: %s", tt.name, b)
		}
	}
}

func TestNewError(t *testing.T) {
	e := NewError(storyline.Errorf(storyline.ENOTFOUND, "article %d not found", 9))
	if e.Error.Code != storyline.ENOTFOUND || e.Error.Message != "article 9 not found" {
		t.Errorf("%+v", e)
	}
	e = NewError(errors.New("disk on fire"))
	if e.Error.Code != storyline.EINTERNAL || strings.Contains(e.Error.Message, "disk") {
		t.Errorf("internal error leaks: %+v", e)
	}
}

func TestNewStoryEmptyLists(t *testing.T) {
	b, err := json.Marshal(NewStoryDetail(&storyline.Story{ID: 1, Title: "T"}, nil, nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"outlets":[]`, `"keyphrases":[]`, `"entities":[]`, `"timeline":[]`, `"related":[]`,
		`"comment_count":0`, `"language":""`, `"other_languages":[]`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("%s lacks %s", b, want)
		}
	}
}

func TestNewStoryDetailOtherLanguages(t *testing.T) {
	st := &storyline.Story{ID: 1, Title: "Floods in Valencia", Language: "en", ArticleCount: 4}
	de := &storyline.Story{ID: 7, Title: "Unwetter in Valencia", Language: "de", ArticleCount: 3, Outlets: []string{"Zeitung"}}
	b, err := json.Marshal(NewStoryDetail(st, nil, nil, []storyline.RelatedStory{{Story: de, Score: 0.7}}))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"language":"en"`,
		`"other_languages":[{"id":7,"language":"de","title":"Unwetter in Valencia","article_count":3}]`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("%s lacks %s", b, want)
		}
	}
}

func TestNewUserLeavesOutTheHash(t *testing.T) {
	b, _ := json.Marshal(NewUser(&storyline.User{ID: 1, Name: "ana", PasswordHash: "$argon2id$secret", Role: storyline.RoleAdmin}))
	if strings.Contains(string(b), "argon2") || !strings.Contains(string(b), `"role":"admin"`) {
		t.Errorf("user JSON %s", b)
	}
}

func TestNewFeedTimes(t *testing.T) {
	f := &storyline.Feed{ID: 1, URL: "https://x.example/rss", Interval: 90 * time.Minute}
	b, _ := json.Marshal(NewFeed(f))
	if strings.Contains(string(b), "last_fetch") || strings.Contains(string(b), "next_poll") || !strings.Contains(string(b), `"interval_seconds":5400`) {
		t.Errorf("feed before its first poll: %s", b)
	}
	f.LastFetch, f.LastError, f.ErrorCount = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), "HTTP 500", 2
	b, _ = json.Marshal(NewFeed(f))
	for _, want := range []string{`"last_fetch":"2026-01-02T03:04:05Z"`, `"last_error":"HTTP 500"`, `"error_count":2`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("%s lacks %s", b, want)
		}
	}
}

func TestNewComment(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	c := NewComment(&storyline.Comment{ID: 7, UserID: 2, UserName: "ana", StoryID: 3, Body: "<b>hi</b>", CreatedAt: at, UpdatedAt: at.Add(time.Minute)})
	if !c.Edited || c.Author == nil || *c.Author != "ana" || *c.AuthorID != 2 || c.ArticleID != 0 {
		t.Errorf("%+v", c)
	}
	b, _ := json.Marshal(c)
	if strings.Contains(string(b), "<b>") || strings.Contains(string(b), "article_id") {
		t.Errorf("comment JSON %s", b)
	}
	// A deleted author's comment: author and author_id are null.
	b, _ = json.Marshal(NewComment(&storyline.Comment{ID: 8, StoryID: 3, Body: "kept", CreatedAt: at, UpdatedAt: at}))
	if !strings.Contains(string(b), `"author_id":null,"author":null`) {
		t.Errorf("a deleted author's comment JSON %s", b)
	}
}
