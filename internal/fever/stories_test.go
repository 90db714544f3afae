package fever

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/appitems"
	"github.com/storyline/storyline/internal/auth"
	"github.com/storyline/storyline/internal/greader"
)

// TestStoriesAsItems syncs as a Fever client does with an app password
// showing one item per story: the group Stories holding every feed,
// story items in their own ID space, paged by since_id, marked read
// with their articles, a group marked read.
func TestStoriesAsItems(t *testing.T) {
	e := newFeverEnv(t, nil)
	ctx := context.Background()
	// Story 1: the first report and its copy; story 2: the other two.
	for _, p := range []struct{ article, story int64 }{{e.items[0], 1}, {e.copyID, 1}, {e.items[1], 2}, {e.items[2], 2}} {
		if err := e.db.SaveAnalysis(ctx, &storyline.Analysis{ArticleID: p.article, Version: 1, StoryID: p.story}); err != nil {
			t.Fatal(err)
		}
	}
	for sid := int64(1); sid <= 2; sid++ {
		at := time.Date(2026, 3, 1, int(sid), 0, 0, 0, time.UTC)
		if err := e.db.SaveStories(ctx, storyline.StoryUpdate{Story: &storyline.Story{ID: sid, Title: "Story " + strconv.FormatInt(sid, 10),
			FirstSeen: at, LastUpdated: at}}); err != nil {
			t.Fatal(err)
		}
	}
	secret, secretHash, feverHash := auth.NewAppPassword(e.reader.Name)
	if err := e.db.AddAppPassword(ctx, &storyline.AppPassword{UserID: e.reader.ID, SecretHash: secretHash, FeverHash: feverHash,
		StoriesAsItems: true}); err != nil {
		t.Fatal(err)
	}
	e.key = auth.FeverKey(e.reader.Name, secret)
	s1, s2 := greader.StoryItemID(1), greader.StoryItemID(2)

	groups := e.call("&groups", nil, 200)
	if g := groups["groups"].([]any); len(g) != 1 || g[0].(map[string]any)["title"] != appitems.StoriesFolder {
		t.Errorf("groups %v, want Stories only", g)
	}
	fg := groups["feeds_groups"].([]any)
	if len(fg) != 1 || fg[0].(map[string]any)["feed_ids"] != list(e.tech.ID, e.news.ID) {
		t.Errorf("feeds_groups %v, want both feeds in Stories", fg)
	}

	page := e.call("&items&since_id=0", nil, 200)
	if got := ids(page); len(got) != 2 || got[0] != s1 || got[1] != s2 || page["total_items"] != 2.0 {
		t.Fatalf("items since 0: %v (total %v), want %d %d", got, page["total_items"], s1, s2)
	}
	first := page["items"].([]any)[0].(map[string]any)
	html, _ := first["html"].(string)
	if first["feed_id"] != float64(e.news.ID) || first["title"] != "Story 1" ||
		!strings.Contains(html, `<a href="https://x.example/1">`) || !strings.Contains(html, "also run by Tech") ||
		strings.Contains(html, "mirror.example") {
		t.Errorf("story 1's item: %v", first)
	}
	if got := ids(e.call("&items&since_id="+list(s1), nil, 200)); len(got) != 1 || got[0] != s2 {
		t.Errorf("items since story 1: %v", got)
	}
	if got := ids(e.call("&items&with_ids="+list(s2, e.items[0]), nil, 200)); len(got) != 1 || got[0] != s2 {
		t.Errorf("items with story 2 and an article's ID: %v, want story 2 only", got)
	}

	e.call("", url.Values{"mark": {"item"}, "as": {"read"}, "id": {list(s1)}}, 200)
	if got := e.call("&unread_item_ids", nil, 200)["unread_item_ids"]; got != list(s2) {
		t.Errorf("unread after reading story 1: %v", got)
	}
	if read, err := e.db.ArticlesRead(ctx, e.reader.ID, []int64{e.items[0], e.items[1]}); err != nil || !read[e.items[0]] || read[e.items[1]] {
		t.Errorf("articles read: %v, %v; want story 1's only", read, err)
	}
	e.call("", url.Values{"mark": {"item"}, "as": {"saved"}, "id": {list(s2)}}, 200)
	if got := e.call("&saved_item_ids", nil, 200)["saved_item_ids"]; got != list(s2) {
		t.Errorf("saved: %v", got)
	}
	future := strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10)
	e.call("", url.Values{"mark": {"group"}, "as": {"read"}, "id": {strconv.FormatInt(groupID(appitems.StoriesFolder), 10)}, "before": {future}}, 200)
	if got := e.call("&unread_item_ids", nil, 200)["unread_item_ids"]; got != "" {
		t.Errorf("unread after marking the group Stories read: %v", got)
	}
}
