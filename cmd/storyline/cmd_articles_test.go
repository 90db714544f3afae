package main

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/sqlite"
)

// TestArticlesJSONHasStories: articles --json --copies --limit all lists
// every article, syndicated copies included, with its story and analysis.
func TestArticlesJSONHasStories(t *testing.T) {
	data := t.TempDir()
	if code, _, stderr := cli(t, nil, "--data", data, "import", "testdata/wire.jsonl"); code != 0 {
		t.Fatalf("import: %s", stderr)
	}
	code, out, stderr := cli(t, nil, "--data", data, "articles", "--json", "--copies", "--limit", "all")
	if code != 0 {
		t.Fatalf("articles: exit %d, %s", code, stderr)
	}
	var list []struct {
		ID       int64           `json:"id"`
		CopyOf   int64           `json:"copy_of"`
		StoryID  int64           `json:"story_id"`
		Analysis json.RawMessage `json:"analysis"`
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	if len(list) != 3 {
		t.Fatalf("%d articles, want 3 with the copy: %s", len(list), out)
	}
	stories := map[int64]int64{}
	copies := 0
	for _, a := range list {
		if a.StoryID == 0 || len(a.Analysis) == 0 {
			t.Errorf("article %d has no story or analysis", a.ID)
		}
		stories[a.ID] = a.StoryID
		if a.CopyOf != 0 {
			copies++
		}
	}
	for _, a := range list {
		if a.CopyOf != 0 && stories[a.CopyOf] != a.StoryID {
			t.Errorf("copy %d is in story %d, its original in %d", a.ID, a.StoryID, stories[a.CopyOf])
		}
	}
	if copies != 1 {
		t.Errorf("%d copies listed, want 1", copies)
	}
	code, out, _ = cli(t, nil, "--data", data, "show", "--json", fmt.Sprint(list[0].ID))
	var one struct {
		StoryID  int64           `json:"story_id"`
		Analysis json.RawMessage `json:"analysis"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &one) != nil || one.StoryID != list[0].StoryID || len(one.Analysis) == 0 {
		t.Errorf("show --json: exit %d, %s", code, out)
	}
	if code, _, stderr := cli(t, nil, "--data", data, "articles", "--limit", "0"); code != 2 {
		t.Errorf("--limit 0: exit %d, %s", code, stderr)
	}
}

// TestEachArticlePages: every article is listed once, in order, across
// pages, undated ones included.
func TestEachArticlePages(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	t0 := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	for i := range 11 {
		text := fmt.Sprintf("Report number %d on the harbour.", i)
		a := &storyline.Article{URL: fmt.Sprintf("https://a.example/%d", i), Source: "A", Title: text, Text: text,
			ContentHash: storyline.ContentHash(text)}
		if i%3 != 0 {
			a.Published = t0.Add(time.Duration(i%4) * time.Hour) // ties too
		}
		if _, err := db.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct{ limit, page, n int }{{0, 2, 11}, {0, 500, 11}, {5, 2, 5}, {11, 3, 11}} {
		var got []int64
		err := eachArticle(ctx, db, storyline.ArticleFilter{}, tc.limit, tc.page, func(a *storyline.Article) error {
			got = append(got, a.ID)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		all, _ := db.Articles(ctx, storyline.ArticleFilter{Limit: 100})
		var order []int64
		for _, a := range all[:tc.n] {
			order = append(order, a.ID)
		}
		if !slices.Equal(got, order) {
			t.Errorf("limit %d page %d: %v, want %v", tc.limit, tc.page, got, order)
		}
	}
}

// TestAnalyzeReassign: analyze --reassign puts every article in a story
// again; the stories stay as they were for a clear import.
func TestAnalyzeReassign(t *testing.T) {
	data := t.TempDir()
	if code, _, stderr := cli(t, nil, "--data", data, "import", "testdata/wire.jsonl"); code != 0 {
		t.Fatalf("import: %s", stderr)
	}
	stories := func() string {
		_, out, _ := cli(t, nil, "--data", data, "articles", "--json", "--copies", "--limit", "all")
		var list []struct {
			ID      int64 `json:"id"`
			StoryID int64 `json:"story_id"`
		}
		if err := json.Unmarshal([]byte(out), &list); err != nil {
			t.Fatal(err)
		}
		groups := map[int64]int{}
		for _, a := range list {
			if a.StoryID == 0 {
				t.Errorf("article %d has no story", a.ID)
			}
			groups[a.StoryID]++
		}
		return fmt.Sprint(len(list), len(groups))
	}
	before := stories()
	code, out, stderr := cli(t, nil, "--data", data, "analyze", "--reassign")
	if code != 0 || !strings.Contains(out, "reassigned 3 articles") {
		t.Fatalf("analyze --reassign: exit %d, %q, %s", code, out, stderr)
	}
	if after := stories(); after != before {
		t.Errorf("articles and stories %s after reassigning, %s before", after, before)
	}
	if code, _, _ := cli(t, nil, "--data", data, "analyze", "--all", "--reassign"); code != 2 {
		t.Errorf("--all --reassign: exit %d, want 2", code)
	}
}
