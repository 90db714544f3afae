package appitems

import (
	"slices"
	"testing"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/greader"
)

func TestStoreQuery(t *testing.T) {
	story := greader.StoryItemID
	beyond := greader.StoryItemID(greader.MaxStoryID) + 1
	for _, tt := range []struct {
		name    string
		stories bool
		in      storyline.ItemQuery
		want    storyline.ItemQuery
		ok      bool
	}{
		{"articles: no bounds", false, storyline.ItemQuery{}, storyline.ItemQuery{}, true},
		{"articles: article bounds", false, storyline.ItemQuery{AfterID: 5, BeforeID: 9}, storyline.ItemQuery{AfterID: 5, BeforeID: 9}, true},
		{"articles: after a story", false, storyline.ItemQuery{AfterID: story(3)}, storyline.ItemQuery{}, false},
		{"articles: before a story", false, storyline.ItemQuery{BeforeID: story(3)}, storyline.ItemQuery{}, true},
		{"articles: before the first", false, storyline.ItemQuery{BeforeID: 1}, storyline.ItemQuery{}, false},
		{"articles: IDs", false, storyline.ItemQuery{IDs: []int64{4, story(4), -1}}, storyline.ItemQuery{IDs: []int64{4}}, true},
		{"stories: no bounds", true, storyline.ItemQuery{}, storyline.ItemQuery{Stories: true}, true},
		{"stories: story bounds", true, storyline.ItemQuery{AfterID: story(2), BeforeID: story(8)},
			storyline.ItemQuery{Stories: true, AfterID: 2, BeforeID: 8}, true},
		{"stories: after an article", true, storyline.ItemQuery{AfterID: 77}, storyline.ItemQuery{Stories: true}, true},
		{"stories: after 2^52", true, storyline.ItemQuery{AfterID: greader.MaxArticleID + 1}, storyline.ItemQuery{Stories: true}, true},
		{"stories: after every story", true, storyline.ItemQuery{AfterID: beyond}, storyline.ItemQuery{}, false},
		{"stories: before an article", true, storyline.ItemQuery{BeforeID: 77}, storyline.ItemQuery{}, false},
		{"stories: before the first story", true, storyline.ItemQuery{BeforeID: story(1)}, storyline.ItemQuery{}, false},
		{"stories: before beyond every story", true, storyline.ItemQuery{BeforeID: beyond}, storyline.ItemQuery{Stories: true}, true},
		{"stories: IDs", true, storyline.ItemQuery{IDs: []int64{4, story(4), story(9)}}, storyline.ItemQuery{Stories: true, IDs: []int64{4, 9}}, true},
		{"stories: article IDs only", true, storyline.ItemQuery{IDs: []int64{4}}, storyline.ItemQuery{Stories: true, IDs: []int64{}}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := View{Stories: tt.stories}.storeQuery(tt.in)
			if ok != tt.ok {
				t.Fatalf("storeQuery(%+v) ok = %v, want %v", tt.in, ok, tt.ok)
			}
			if !ok {
				return
			}
			if got.Stories != tt.want.Stories || got.AfterID != tt.want.AfterID || got.BeforeID != tt.want.BeforeID ||
				!slices.Equal(got.IDs, tt.want.IDs) || (got.IDs == nil) != (tt.want.IDs == nil) {
				t.Errorf("storeQuery(%+v) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestSplit(t *testing.T) {
	articles, stories := split([]int64{5, greader.StoryItemID(5), 5, 0, -3, greader.StoryItemID(2)})
	if !slices.Equal(articles, []int64{5}) || !slices.Equal(stories, []int64{5, 2}) {
		t.Errorf("split = %v, %v; want [5], [5 2]", articles, stories)
	}
}

func TestFeeds(t *testing.T) {
	feeds := []*storyline.Feed{{ID: 1, Category: "Tech"}, {ID: 2}}
	if got := (View{}).Feeds(feeds); got[0].Category != "Tech" || got[1].Category != "" {
		t.Errorf("articles' feeds changed: %+v", got)
	}
	got := View{Stories: true}.Feeds(feeds)
	if got[0].Category != StoriesFolder || got[1].Category != StoriesFolder || feeds[0].Category != "Tech" {
		t.Errorf("stories' feeds = %+v %+v (site's %+v); want all in %s, the site's unchanged", got[0], got[1], feeds[0], StoriesFolder)
	}
}
