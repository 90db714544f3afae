package readerapi

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/auth"
	"github.com/storyline/storyline/internal/greader"
)

// storiesEnv is apiEnv with the feed's six articles in three stories
// (three, two and one articles) and the reader signed in with an app
// password that shows one item per story.
func storiesEnv(t *testing.T) (*apiEnv, []int64, [][]int64) {
	t.Helper()
	e, ids := newAPIEnv(t, 6)
	ctx := context.Background()
	members := [][]int64{ids[0:3], ids[3:5], ids[5:6]}
	var stories []int64
	for i, m := range members {
		sid := int64(i + 1)
		for _, a := range m {
			if err := e.db.SaveAnalysis(ctx, &storyline.Analysis{ArticleID: a, Version: 1, StoryID: sid}); err != nil {
				t.Fatal(err)
			}
		}
		at := time.Date(2026, 11, 30, 8+i, 0, 0, 0, time.UTC)
		if err := e.db.SaveStories(ctx, storyline.StoryUpdate{Story: &storyline.Story{ID: sid, Title: "Story " + strconv.Itoa(i+1),
			Summary: "What happened in story " + strconv.Itoa(i+1) + ".", FirstSeen: at, LastUpdated: at}}); err != nil {
			t.Fatal(err)
		}
		stories = append(stories, sid)
	}
	secret, secretHash, feverHash := auth.NewAppPassword(e.user.Name)
	if err := e.db.AddAppPassword(ctx, &storyline.AppPassword{UserID: e.user.ID, Label: "phone", SecretHash: secretHash,
		FeverHash: feverHash, StoriesAsItems: true}); err != nil {
		t.Fatal(err)
	}
	resp, err := http.PostForm(e.srv.URL+"/accounts/ClientLogin", url.Values{"Email": {"reader"}, "Passwd": {secret}})
	if err != nil {
		t.Fatal(err)
	}
	_, tok, _ := strings.Cut(readBody(t, resp), "Auth=")
	e.token = strings.TrimSpace(tok)
	return e, stories, members
}

// TestStoriesAsItems syncs as NetNewsWire and Reeder do with an app
// password showing one item per story: story items in their own ID
// space, paged with the continuation, asked for in every ID form,
// marked read with their articles, counted in the folder Stories.
func TestStoriesAsItems(t *testing.T) {
	e, stories, members := storiesEnv(t)
	item := func(i int) int64 { return greader.StoryItemID(stories[i]) }
	feed := "feed/" + strconv.FormatInt(e.feed.ID, 10)

	// Newest first, two to a page: three story items, none an article's.
	got := e.walk("s=user/-/state/com.google/reading-list&n=2")
	if len(got) != 3 || got[0] != item(2) || got[1] != item(1) || got[2] != item(0) {
		t.Fatalf("story items %v, want %v %v %v", got, item(2), item(1), item(0))
	}
	for _, id := range got {
		if kind, _ := greader.SplitItemID(id); kind != greader.ItemStory {
			t.Errorf("item %d is a %s's", id, kind)
		}
	}
	if got := e.walk("s=user/-/label/Stories&n=1&r=o"); len(got) != 3 || got[0] != item(0) {
		t.Errorf("the folder Stories, oldest first: %v", got)
	}
	if got := e.walk("s=user/-/label/Uncategorized"); len(got) != 0 {
		t.Errorf("the feed's own folder is not the app's: %v", got)
	}

	hex := strconv.FormatInt(item(0), 16)
	padded := strings.Repeat("0", 16-len(hex)) + hex
	e.replay(t, "stories", []step{
		{"GET", "/reader/api/0/tag/list?output=json", nil, 200, []string{`"id":"user/-/label/Stories"`}},
		{"GET", "/reader/api/0/subscription/list?output=json", nil, 200, []string{`"id":"` + feed + `"`, `"label":"Stories"`}},
		{"GET", "/reader/api/0/unread-count?output=json", nil, 200, []string{`"id":"user/-/label/Stories","count":3`, `"max":3`}},
		// Every ID form names the story item.
		{"POST", "/reader/api/0/stream/items/contents?output=json", url.Values{"i": {greader.LongItemID(item(0)),
			"tag:google.com,2005:reader/item/" + hex, greader.ShortItemID(item(1)), padded}}, 200,
			[]string{`"id":"` + greader.LongItemID(item(0)) + `"`, `"title":"Story 1"`, `"title":"Story 2"`, `"streamId":"` + feed + `"`,
				`user/-/label/Stories`, `What happened in story 1.`, `/stories/1"`}},
		// Read in the app: the story and its three articles.
		{"POST", "/reader/api/0/edit-tag", url.Values{"i": {padded}, "a": {"user/-/state/com.google/read"}}, 200, []string{"OK"}},
		{"GET", "/reader/api/0/unread-count?output=json", nil, 200, []string{`"max":2`}},
		{"POST", "/reader/api/0/edit-tag", url.Values{"i": {greader.ShortItemID(item(1))}, "a": {"user/-/state/com.google/starred"}}, 200, []string{"OK"}},
		{"GET", "/reader/api/0/stream/items/ids?s=user/-/state/com.google/starred", nil, 200, []string{`"id":"` + greader.ShortItemID(item(1)) + `"`}},
		{"POST", "/reader/api/0/mark-all-as-read", url.Values{"s": {"user/-/label/Stories"}}, 200, []string{"OK"}},
		{"GET", "/reader/api/0/unread-count?output=json", nil, 200, []string{`"max":0`}},
	})
	read, err := e.db.ArticlesRead(context.Background(), e.user.ID, append(append([]int64{}, members[0]...), members[1]...))
	if err != nil || len(read) != 5 {
		t.Errorf("articles read after their stories were: %v, %v", read, err)
	}
	saved, err := e.db.SavedAmong(context.Background(), e.user.ID, storyline.KindStory, stories)
	if err != nil || !saved[stories[1]] || len(saved) != 1 {
		t.Errorf("saved stories %v, %v; want story %d", saved, err, stories[1])
	}

	// A report more: the story is unread again.
	text := "A late report on story 1, with a fact of its own."
	res, err := e.db.SaveArticle(context.Background(), &storyline.Article{URL: "https://feeds.example/late", Source: "Feed",
		Title: "Late", Text: text, FeedID: e.feed.ID, ContentHash: storyline.ContentHash(text)})
	if err == nil {
		err = e.db.SaveAnalysis(context.Background(), &storyline.Analysis{ArticleID: res.ID, Version: 1, StoryID: stories[0]})
	}
	if err != nil {
		t.Fatal(err)
	}
	var ids greader.ItemIDs
	e.get("/reader/api/0/stream/items/ids?s=user/-/state/com.google/reading-list&xt=user/-/state/com.google/read", &ids)
	if len(ids.ItemRefs) != 1 || ids.ItemRefs[0].ID != greader.ShortItemID(item(0)) {
		t.Errorf("unread after a new report: %+v, want story 1's item", ids.ItemRefs)
	}
}
