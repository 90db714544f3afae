package storetest

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// testItems covers the queries of feed-reading apps (storyline.ItemStore):
// the canonical articles of feeds, by feed, folder, reading state, time
// and ID bounds, in both orders, counted, by ID, unread by feed, and
// marked read as a whole.
func testItems(t *testing.T, open Opener) {
	s := newStore(t, open)
	news := &storyline.Feed{URL: "https://news.example/rss", Title: "News", Category: "News"}
	tech := &storyline.Feed{URL: "https://tech.example/rss", Title: "Tech", Category: "Tech"}
	for _, f := range []*storyline.Feed{news, tech} {
		if err := s.AddFeed(ctx(t), f); err != nil {
			t.Fatalf("AddFeed(%q): %v", f.URL, err)
		}
	}
	inFeed := func(a *storyline.Article, f *storyline.Feed) *storyline.Article { a.FeedID = f.ID; return a }
	a1 := save(t, s, inFeed(article("https://news.example/1", "News", "One", "The first report of the day."), news)).ID
	a2 := save(t, s, inFeed(article("https://news.example/2", "News", "Two", "The second report of the day."), news)).ID
	a3 := save(t, s, inFeed(article("https://tech.example/3", "Tech", "Three", "A gadget report."), tech)).ID
	copied := save(t, s, inFeed(article("https://tech.example/copy", "Tech", "One again", "The first report of the day."), tech))
	if copied.CopyOf != a1 {
		t.Fatalf("the copy's CopyOf = %d, want %d", copied.CopyOf, a1)
	}
	save(t, s, article("https://files.example/5", "Files", "Imported", "An article from a file, in no feed."))
	u := addUser(t, s, "reader", storyline.RoleMember)
	if err := s.MarkArticlesRead(ctx(t), u.ID, []int64{a2}, true, day()); err != nil {
		t.Fatal(err)
	}
	if err := s.Save(ctx(t), u.ID, storyline.KindArticle, a3, day()); err != nil {
		t.Fatal(err)
	}
	stored := func(id int64) storyline.ItemQuery {
		a, err := s.Article(ctx(t), id)
		if err != nil {
			t.Fatal(err)
		}
		return storyline.ItemQuery{StoredSince: a.CreatedAt}
	}

	tests := []struct {
		name string
		q    storyline.ItemQuery
		want []int64
	}{
		{"all, newest first", storyline.ItemQuery{}, []int64{a3, a2, a1}},
		{"oldest first", storyline.ItemQuery{OldestFirst: true}, []int64{a1, a2, a3}},
		{"one feed", storyline.ItemQuery{FeedID: news.ID}, []int64{a2, a1}},
		{"a folder", storyline.ItemQuery{Category: "Tech"}, []int64{a3}},
		{"some feeds", storyline.ItemQuery{FeedIDs: []int64{tech.ID, 9999}}, []int64{a3}},
		{"no feeds", storyline.ItemQuery{FeedIDs: []int64{}}, nil},
		{"an unknown folder", storyline.ItemQuery{Category: "Nope"}, nil},
		{"an unknown feed", storyline.ItemQuery{FeedID: 9999}, nil},
		{"unread", storyline.ItemQuery{UserID: u.ID, Unread: true}, []int64{a3, a1}},
		{"read", storyline.ItemQuery{UserID: u.ID, Read: true}, []int64{a2}},
		{"saved", storyline.ItemQuery{UserID: u.ID, Saved: true}, []int64{a3}},
		{"after an ID", storyline.ItemQuery{AfterID: a1}, []int64{a3, a2}},
		{"before an ID", storyline.ItemQuery{BeforeID: a3}, []int64{a2, a1}},
		{"these IDs (a copy is not an item)", storyline.ItemQuery{IDs: []int64{a1, a3, copied.ID}}, []int64{a3, a1}},
		{"no IDs", storyline.ItemQuery{IDs: []int64{}}, nil},
		{"limit", storyline.ItemQuery{Limit: 1}, []int64{a3}},
		{"stored since", stored(a2), []int64{a3, a2}},
		{"stored before", storyline.ItemQuery{StoredBefore: stored(a2).StoredSince}, []int64{a1}},
	}
	for _, tt := range tests {
		refs, err := s.ItemRefs(ctx(t), tt.q)
		if err != nil {
			t.Errorf("%s: ItemRefs: %v", tt.name, err)
			continue
		}
		var got []int64
		for _, r := range refs {
			got = append(got, r.ID)
			if r.FeedID == 0 || r.Stored.IsZero() || !r.Published.Equal(day()) {
				t.Errorf("%s: ref %+v lacks its feed or times", tt.name, r)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: ItemRefs = %v, want %v", tt.name, got, tt.want)
		}
		q := tt.q
		q.Limit = 0
		if n, err := s.CountItems(ctx(t), q); err != nil || (tt.q.Limit == 0 && n != len(tt.want)) {
			t.Errorf("%s: CountItems = %d, %v; want %d", tt.name, n, err, len(tt.want))
		}
	}

	list, err := s.ArticlesByID(ctx(t), []int64{a3, 9999, a1, a3})
	if err != nil || len(list) != 2 || list[0].ID != a3 || list[1].ID != a1 || list[1].Text == "" {
		t.Errorf("ArticlesByID = %v, %v; want articles %d then %d with their text", list, err, a3, a1)
	}
	newest := func(id int64) time.Time { return get(t, s, id).CreatedAt }
	for _, tt := range []struct {
		name string
		q    storyline.ItemQuery
		want []storyline.FeedUnread
	}{
		{"every feed", storyline.ItemQuery{UserID: u.ID},
			[]storyline.FeedUnread{{FeedID: news.ID, Count: 1, Newest: newest(a1)}, {FeedID: tech.ID, Count: 1, Newest: newest(a3)}}},
		{"one feed", storyline.ItemQuery{UserID: u.ID, FeedID: news.ID}, []storyline.FeedUnread{{FeedID: news.ID, Count: 1, Newest: newest(a1)}}},
		{"a folder", storyline.ItemQuery{UserID: u.ID, Category: "Tech"}, []storyline.FeedUnread{{FeedID: tech.ID, Count: 1, Newest: newest(a3)}}},
		{"limit and order ignored", storyline.ItemQuery{UserID: u.ID, Limit: 1, OldestFirst: true},
			[]storyline.FeedUnread{{FeedID: news.ID, Count: 1, Newest: newest(a1)}, {FeedID: tech.ID, Count: 1, Newest: newest(a3)}}},
		{"before an ID", storyline.ItemQuery{UserID: u.ID, BeforeID: a3}, []storyline.FeedUnread{{FeedID: news.ID, Count: 1, Newest: newest(a1)}}},
		{"saved", storyline.ItemQuery{UserID: u.ID, Saved: true}, []storyline.FeedUnread{{FeedID: tech.ID, Count: 1, Newest: newest(a3)}}},
	} {
		wantUnreadByFeed(t, s, tt.name, tt.q, tt.want)
	}

	n, err := s.MarkItemsRead(ctx(t), storyline.ItemQuery{UserID: u.ID, FeedID: news.ID}, true, day())
	if err != nil || n != 1 {
		t.Errorf("MarkItemsRead(news feed) = %d, %v; want 1 (one was read already)", n, err)
	}
	wantArticlesRead(t, s, "after marking the news feed read", u.ID, []int64{a1, a2, a3}, set(a1, a2))
	n, err = s.MarkItemsRead(ctx(t), storyline.ItemQuery{UserID: u.ID, BeforeID: a3}, false, day())
	if err != nil || n != 2 {
		t.Errorf("MarkItemsRead(unread, before %d) = %d, %v; want 2", a3, n, err)
	}
	wantArticlesRead(t, s, "after marking all but the newest unread", u.ID, []int64{a1, a2, a3}, set())

	for _, bad := range []storyline.ItemQuery{{Limit: -1}, {AfterID: -1}, {Unread: true}, {IDs: make([]int64, 10_001)}} {
		_, err := s.ItemRefs(ctx(t), bad)
		wantCode(t, "ItemRefs(bad query)", err, storyline.EINVALID)
	}
	for _, bad := range []storyline.ItemQuery{{}, {FeedID: news.ID}, {UserID: u.ID, Limit: -1}, {UserID: u.ID, BeforeID: -1}} {
		_, err := s.UnreadByFeed(ctx(t), bad)
		wantCode(t, fmt.Sprintf("UnreadByFeed(%+v)", bad), err, storyline.EINVALID)
	}
	_, err = s.MarkItemsRead(ctx(t), storyline.ItemQuery{}, true, day())
	wantCode(t, "MarkItemsRead(no user)", err, storyline.EINVALID)
}

// sameUnread reports whether two lists of unread counts are equal, their
// times as instants.
func sameUnread(a, b []storyline.FeedUnread) bool {
	return slices.EqualFunc(a, b, func(x, y storyline.FeedUnread) bool {
		return x.FeedID == y.FeedID && x.Count == y.Count && x.Newest.Equal(y.Newest)
	})
}

// wantUnreadByFeed fails the test unless UnreadByFeed(q) is want.
func wantUnreadByFeed(t *testing.T, s storyline.Store, what string, q storyline.ItemQuery, want []storyline.FeedUnread) {
	t.Helper()
	if got, err := s.UnreadByFeed(ctx(t), q); err != nil || !sameUnread(got, want) {
		t.Errorf("%s: UnreadByFeed(%+v) = %+v, %v; want %+v", what, q, got, err, want)
	}
}
