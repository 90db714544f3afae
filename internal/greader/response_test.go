package greader

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// update rewrites golden files with the current output.
var update = flag.Bool("update", false, "rewrite golden files")

// checkGolden compares the JSON body got, indented, with testdata/name,
// or rewrites the file when -update is set. Indenting keeps every string
// as it was escaped.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	var b bytes.Buffer
	if err := json.Indent(&b, got, "", "  "); err != nil {
		t.Fatalf("the body is not JSON: %v\n%s", err, got)
	}
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test -update to create it): %v", err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("output differs from %s (run go test -update to accept):\ngot:\n%s\nwant:\n%s", path, b.Bytes(), want)
	}
}

// stored is when the test articles arrived.
var stored = time.Date(2026, 3, 1, 12, 0, 0, 123456000, time.UTC)

// testArticle and testFeed are an article and the feed it came through.
func testArticle() (*storyline.Article, *storyline.Feed) {
	a := &storyline.Article{
		ID:        344691561,
		URL:       "https://www.example-news.com/2026/03/01/dam-talks?x=1&y=2",
		Source:    "Example News",
		Title:     `Dam talks resume: "cautious optimism" <for now> & beyond`,
		Byline:    "Odile Brannock",
		Published: time.Date(2026, 3, 1, 10, 30, 0, 0, time.UTC),
		HTML:      "<p>Talks on the river dam resumed on Sunday.</p><p>Both sides met at 10:00.</p>",
		FeedID:    7,
		CreatedAt: stored,
		UpdatedAt: stored.Add(time.Hour),
	}
	f := &storyline.Feed{ID: 7, URL: "https://www.example-news.com/rss", Title: "Example News — World",
		SiteURL: "https://www.example-news.com/", Category: "World"}
	return a, f
}

func TestStreamContentsGolden(t *testing.T) {
	a, f := testArticle()
	items := []Item{
		NewItem(ArticleEntry(a, f, ItemState{Read: true, Starred: true})),
		NewItem(Entry{
			ID:        StoryItemID(12),
			Title:     "River dam talks",
			Author:    "Storyline",
			HTML:      "<p>Three outlets report that talks resumed.</p>",
			Stored:    stored.Add(-time.Minute),
			FeedID:    7,
			FeedTitle: "Example News — World",
			SiteURL:   "https://www.example-news.com/",
		}),
	}
	page := NewStreamContents(StateStream(StateReadingList), stored.Add(2*time.Hour), items,
		Continuation{Time: stored.Add(-time.Minute), ID: StoryItemID(12)})
	status, ctype, body := JSON(page)
	if status != 200 || ctype != ContentTypeJSON {
		t.Fatalf("JSON: %d %s", status, ctype)
	}
	checkGolden(t, "stream_contents.golden", body)
}

func TestItemIDsGolden(t *testing.T) {
	page := NewItemIDs([]ItemRef{
		NewItemRef(344691561, stored),
		NewItemRef(StoryItemID(12), stored.Add(-time.Minute)),
	}, Continuation{Time: stored.Add(-time.Minute), ID: StoryItemID(12)})
	_, _, body := JSON(page)
	checkGolden(t, "item_ids.golden", body)
}

// TestEmptyListsAreArrays checks that no constructor leaves a list null,
// which NetNewsWire's decoder refuses, and that a last page has no
// continuation.
func TestEmptyListsAreArrays(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    any
		want string
	}{
		{"stream contents", NewStreamContents(StateStream(StateStarred), time.Unix(1, 0), nil, Continuation{}),
			`{"id":"user/-/state/com.google/starred","updated":1,"items":[]}`},
		{"item IDs", NewItemIDs(nil, Continuation{}), `{"itemRefs":[]}`},
		{"subscriptions", NewSubscriptionList(nil), `{"subscriptions":[]}`},
		{"tags", NewTagList(nil), `{"tags":[{"id":"user/-/state/com.google/starred"}]}`},
		{"unread counts", NewUnreadCounts(nil),
			`{"max":0,"unreadcounts":[{"id":"user/-/state/com.google/reading-list","count":0,"newestItemTimestampUsec":"0"}]}`},
		{"item ref", NewItemRef(1, time.Time{}), `{"id":"1","directStreamIds":[],"timestampUsec":"0"}`},
	} {
		_, _, body := JSON(tc.v)
		if got := strings.TrimSuffix(string(body), "\n"); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}

func TestArticleItem(t *testing.T) {
	a, f := testArticle()
	for _, tc := range []struct {
		name  string
		edit  func(a *storyline.Article)
		feed  *storyline.Feed
		check func(t *testing.T, it Item)
	}{
		{
			name: "no URL: no links at all",
			edit: func(a *storyline.Article) { a.URL = "" },
			feed: f,
			check: func(t *testing.T, it Item) {
				_, _, body := JSON(it)
				if bytes.Contains(body, []byte("canonical")) || bytes.Contains(body, []byte("alternate")) {
					t.Errorf("links without a URL: %s", body)
				}
			},
		},
		{
			name: "no HTML: the text in paragraphs",
			edit: func(a *storyline.Article) { a.HTML, a.Text = "", "A < B & C.\n\n  \n\nSecond." },
			feed: f,
			check: func(t *testing.T, it Item) {
				if want := "<p>A &lt; B &amp; C.</p><p>Second.</p>"; it.Summary.Content != want {
					t.Errorf("summary %q, want %q", it.Summary.Content, want)
				}
			},
		},
		{
			name: "no publication date: stored stands in",
			edit: func(a *storyline.Article) { a.Published = time.Time{} },
			feed: f,
			check: func(t *testing.T, it Item) {
				if it.Published != stored.Unix() {
					t.Errorf("published %d, want %d", it.Published, stored.Unix())
				}
			},
		},
		{
			name: "no feed: the article's outlet, the default folder, unread",
			feed: nil,
			check: func(t *testing.T, it Item) {
				want := Origin{StreamID: "feed/7", Title: "Example News"}
				if it.Origin != want {
					t.Errorf("origin %+v, want %+v", it.Origin, want)
				}
				if got := strings.Join(it.Categories, " "); got != ReadingListID+" user/-/label/Uncategorized" {
					t.Errorf("categories %s", got)
				}
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := *a
			if tc.edit != nil {
				tc.edit(&a)
			}
			tc.check(t, NewItem(ArticleEntry(&a, tc.feed, ItemState{})))
		})
	}
}

func TestSubscriptionFromFeed(t *testing.T) {
	for _, tc := range []struct {
		feed storyline.Feed
		icon string
		want string
	}{
		{
			feed: storyline.Feed{ID: 7, URL: "https://ex.com/rss", Title: "Ex", SiteURL: "https://ex.com/", Category: "World/Europe"},
			icon: "https://storyline.example/icons/7",
			want: `{"id":"feed/7","title":"Ex","categories":[{"id":"user/-/label/World/Europe","label":"World/Europe"}],"url":"https://ex.com/rss","htmlUrl":"https://ex.com/","iconUrl":"https://storyline.example/icons/7"}`,
		},
		{
			feed: storyline.Feed{ID: 8, URL: "https://ex.com/rss", Source: "Ex Outlet"},
			want: `{"id":"feed/8","title":"Ex Outlet","categories":[{"id":"user/-/label/Uncategorized","label":"Uncategorized"}],"url":"https://ex.com/rss","htmlUrl":"","iconUrl":""}`,
		},
		{
			feed: storyline.Feed{ID: 9, URL: "https://ex.com/rss"},
			want: `{"id":"feed/9","title":"https://ex.com/rss","categories":[{"id":"user/-/label/Uncategorized","label":"Uncategorized"}],"url":"https://ex.com/rss","htmlUrl":"","iconUrl":""}`,
		},
	} {
		_, _, body := JSON(SubscriptionFromFeed(&tc.feed, tc.icon))
		if got := strings.TrimSuffix(string(body), "\n"); got != tc.want {
			t.Errorf("feed %d:\n got %s\nwant %s", tc.feed.ID, got, tc.want)
		}
	}
}

func TestNewTagList(t *testing.T) {
	got := NewTagList([]string{"World", "", "Tech", "World"})
	want := []Tag{
		{ID: StarredID},
		{ID: "user/-/label/Tech", Label: "Tech", Type: "folder"},
		{ID: "user/-/label/Uncategorized", Label: "Uncategorized", Type: "folder"},
		{ID: "user/-/label/World", Label: "World", Type: "folder"},
	}
	if len(got.Tags) != len(want) {
		t.Fatalf("tags %+v, want %+v", got.Tags, want)
	}
	for i := range want {
		if got.Tags[i] != want[i] {
			t.Errorf("tag %d: %+v, want %+v", i, got.Tags[i], want[i])
		}
	}
}

func TestNewUnreadCounts(t *testing.T) {
	t1, t2, t3 := stored, stored.Add(time.Hour), stored.Add(2*time.Hour)
	got := NewUnreadCounts([]FeedUnread{
		{FeedID: 3, Folder: "World", Count: 4, Newest: t1},
		{FeedID: 1, Count: 2, Newest: t3},
		{FeedID: 2, Folder: "World", Count: 1, Newest: t2},
		{FeedID: 4, Folder: "Tech"},
	})
	want := UnreadCounts{Max: 7, UnreadCounts: []UnreadCount{
		{ID: "feed/3", Count: 4, NewestItemTimestampUsec: usec(t1)},
		{ID: "feed/1", Count: 2, NewestItemTimestampUsec: usec(t3)},
		{ID: "feed/2", Count: 1, NewestItemTimestampUsec: usec(t2)},
		{ID: "feed/4", Count: 0, NewestItemTimestampUsec: "0"},
		{ID: "user/-/label/Tech", Count: 0, NewestItemTimestampUsec: "0"},
		{ID: "user/-/label/Uncategorized", Count: 2, NewestItemTimestampUsec: usec(t3)},
		{ID: "user/-/label/World", Count: 5, NewestItemTimestampUsec: usec(t2)},
		{ID: ReadingListID, Count: 7, NewestItemTimestampUsec: usec(t3)},
	}}
	if got.Max != want.Max || len(got.UnreadCounts) != len(want.UnreadCounts) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
	for i := range want.UnreadCounts {
		if got.UnreadCounts[i] != want.UnreadCounts[i] {
			t.Errorf("count %d: %+v, want %+v", i, got.UnreadCounts[i], want.UnreadCounts[i])
		}
	}
}

func TestNewUserInfo(t *testing.T) {
	_, _, body := JSON(NewUserInfo(&storyline.User{ID: 3, Name: "alice"}))
	want := `{"userId":"3","userName":"alice","userProfileId":"3","userEmail":"alice"}` + "\n"
	if string(body) != want {
		t.Errorf("got %s, want %s", body, want)
	}
}
