package storetest

import (
	"cmp"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// storyDesk saves the articles of the story tests: each from an outlet,
// through a feed (0: none), into a story.
type storyDesk struct {
	t *testing.T
	s storyline.Store
	n int // articles saved, for unique URLs and texts
}

// report saves an article of outlet, through feed (0: none), published
// at at, puts it in story, and returns it and its ID.
func (d *storyDesk) report(story, feed int64, outlet string, at time.Time) (*storyline.Article, int64) {
	d.t.Helper()
	d.n++
	a := article(fmt.Sprintf("https://%s.example/%d", outlet, d.n), outlet, fmt.Sprintf("Story %d", story),
		fmt.Sprintf("Report %d by %s on story %d. %s", d.n, outlet, story, textHarbour))
	a.Published, a.FeedID = at, feed
	id := saveAs(d.t, d.s, a, storyline.Added).ID
	putInStory(d.t, d.s, story, id)
	return a, id
}

// syndicate saves a syndicated copy of a by outlet, through feed, puts it
// in story, and returns its ID.
func (d *storyDesk) syndicate(story, feed int64, a *storyline.Article, outlet string) int64 {
	d.t.Helper()
	d.n++
	c := withURL(a, fmt.Sprintf("https://%s.example/%d", outlet, d.n))
	c.Source, c.FeedID = outlet, feed
	id := saveAs(d.t, d.s, c, storyline.Copied).ID
	putInStory(d.t, d.s, story, id)
	return id
}

// storyRefs returns ItemRefs(q) and fails the test on error.
func storyRefs(t *testing.T, s storyline.Store, q storyline.ItemQuery) []storyline.ItemRef {
	t.Helper()
	refs, err := s.ItemRefs(ctx(t), q)
	if err != nil {
		t.Fatalf("ItemRefs(%+v): %v", q, err)
	}
	return refs
}

// wantItems fails the test unless q selects the items want, in order,
// and (when it has no limit) counts them.
func wantItems(t *testing.T, s storyline.Store, what string, q storyline.ItemQuery, want []int64) {
	t.Helper()
	var got []int64
	for _, r := range storyRefs(t, s, q) {
		got = append(got, r.ID)
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s: ItemRefs(%+v) = %v, want %v", what, q, got, want)
	}
	if q.Limit != 0 {
		return
	}
	if n, err := s.CountItems(ctx(t), q); err != nil || n != len(want) {
		t.Errorf("%s: CountItems(%+v) = %d, %v; want %d", what, q, n, err, len(want))
	}
}

// markItems runs MarkItemsRead(q, read) at day() and fails the test
// unless it changed want items.
func markItems(t *testing.T, s storyline.Store, what string, q storyline.ItemQuery, read bool, want int) {
	t.Helper()
	if n, err := s.MarkItemsRead(ctx(t), q, read, day()); err != nil || n != want {
		t.Errorf("%s: MarkItemsRead(%+v, %v) = %d, %v; want %d", what, q, read, n, err, want)
	}
}

// testStoryItems covers stories as items (ItemQuery.Stories): one item
// per live story with a canonical article of a feed, filtered by its
// lead feed, by the story's reading state, saved, by ID and time, in
// both orders, counted, unread by feed, marked read and unread as a
// whole, and across merges.
func testStoryItems(t *testing.T, open Opener) {
	s := newStore(t, open)
	wire := addFeed(t, s, "https://wire.example/rss", "World")
	paper := addFeed(t, s, "https://paper.example/rss", "World")
	daily := addFeed(t, s, "https://daily.example/rss", "Local")
	radio := addFeed(t, s, "https://radio.example/rss", "Local")
	blog := addFeed(t, s, "https://blog.example/rss", "")
	agg := addFeed(t, s, "https://aggregator.example/rss", "")
	d := &storyDesk{t: t, s: s}
	hour := func(h int) time.Time { return day().Add(time.Duration(h) * time.Hour) }

	// Story 10, covered by five outlets, one of them syndicated by an
	// aggregator: one item, of the first outlet's feed.
	var story10 []int64
	var paperReport *storyline.Article
	for i, f := range []struct {
		feed   int64
		outlet string
	}{{wire, "wire"}, {paper, "paper"}, {daily, "daily"}, {radio, "radio"}, {blog, "blog"}} {
		a, id := d.report(10, f.feed, f.outlet, hour(i))
		story10 = append(story10, id)
		if f.feed == paper {
			paperReport = a
		}
	}
	story10 = append(story10, d.syndicate(10, agg, paperReport, "aggregator"))
	// Story 20 begins with an article of no feed, syndicated through a
	// feed: its lead feed is that of its first canonical article of a
	// feed, not the copy's.
	imported, importedID := d.report(20, 0, "files", hour(5))
	story20 := []int64{importedID, d.syndicate(20, agg, imported, "aggregator")}
	_, id := d.report(20, daily, "daily", hour(5))
	story20 = append(story20, id)
	// Story 30 has no canonical article of a feed: no item.
	imported, _ = d.report(30, 0, "files", hour(6))
	d.syndicate(30, agg, imported, "aggregator")
	// Story 40, of one outlet.
	d.report(40, radio, "radio", hour(7))
	lead := map[int64]int64{10: wire, 20: daily, 40: radio}

	alice := addUser(t, s, "alice", storyline.RoleMember)
	bob := addUser(t, s, "bob", storyline.RoleMember)
	saveItem(t, s, alice.ID, storyline.KindStory, 20, day())
	stories := func(q storyline.ItemQuery) storyline.ItemQuery { q.Stories = true; return q }
	updated := func(id int64) time.Time {
		st, err := s.Story(ctx(t), id)
		if err != nil {
			t.Fatalf("Story(%d): %v", id, err)
		}
		return st.LastUpdated
	}

	// Every ref names the story's lead feed and times.
	for _, r := range storyRefs(t, s, stories(storyline.ItemQuery{})) {
		st, err := s.Story(ctx(t), r.ID)
		if err != nil {
			t.Fatalf("Story(%d): %v", r.ID, err)
		}
		if r.FeedID != lead[r.ID] || !r.Stored.Equal(st.LastUpdated) || !r.Published.Equal(st.FirstSeen) {
			t.Errorf("ref %+v, want feed %d, stored %v, published %v", r, lead[r.ID], st.LastUpdated, st.FirstSeen)
		}
	}
	tests := []struct {
		name string
		q    storyline.ItemQuery
		want []int64
	}{
		{"all, newest first", storyline.ItemQuery{}, []int64{40, 20, 10}},
		{"oldest first", storyline.ItemQuery{OldestFirst: true}, []int64{10, 20, 40}},
		{"the lead feed", storyline.ItemQuery{FeedID: wire}, []int64{10}},
		{"a feed that does not lead", storyline.ItemQuery{FeedID: paper}, nil},
		{"the feed of copies only", storyline.ItemQuery{FeedID: agg}, nil},
		{"the lead of one, not of another", storyline.ItemQuery{FeedID: daily}, []int64{20}},
		{"some feeds", storyline.ItemQuery{FeedIDs: []int64{paper, radio, 9999}}, []int64{40}},
		{"no feeds", storyline.ItemQuery{FeedIDs: []int64{}}, nil},
		{"a folder", storyline.ItemQuery{Category: "Local"}, []int64{40, 20}},
		{"a folder of the lead feed only", storyline.ItemQuery{Category: "World"}, []int64{10}},
		{"an unknown folder", storyline.ItemQuery{Category: "Nope"}, nil},
		{"these IDs (a story without a feed is not an item)", storyline.ItemQuery{IDs: []int64{10, 30, 9999}}, []int64{10}},
		{"no IDs", storyline.ItemQuery{IDs: []int64{}}, nil},
		{"after an ID", storyline.ItemQuery{AfterID: 10}, []int64{40, 20}},
		{"before an ID", storyline.ItemQuery{BeforeID: 40}, []int64{20, 10}},
		{"between IDs, oldest first", storyline.ItemQuery{AfterID: 10, BeforeID: 45, OldestFirst: true}, []int64{20, 40}},
		{"article IDs are not story IDs", storyline.ItemQuery{IDs: story10}, nil},
		{"limit", storyline.ItemQuery{Limit: 2}, []int64{40, 20}},
		{"limit, oldest first", storyline.ItemQuery{Limit: 1, OldestFirst: true}, []int64{10}},
		{"stored since", storyline.ItemQuery{StoredSince: updated(20)}, []int64{40, 20}},
		{"stored before", storyline.ItemQuery{StoredBefore: updated(20)}, []int64{10}},
		{"unread", storyline.ItemQuery{UserID: alice.ID, Unread: true}, []int64{40, 20, 10}},
		{"read", storyline.ItemQuery{UserID: alice.ID, Read: true}, nil},
		{"saved", storyline.ItemQuery{UserID: alice.ID, Saved: true}, []int64{20}},
		{"saved by another", storyline.ItemQuery{UserID: bob.ID, Saved: true}, nil},
		{"saved and of a feed", storyline.ItemQuery{UserID: alice.ID, Saved: true, FeedID: daily}, []int64{20}},
	}
	for _, tt := range tests {
		wantItems(t, s, tt.name, stories(tt.q), tt.want)
	}
	if n, err := s.CountItems(ctx(t), stories(storyline.ItemQuery{Limit: 1})); err != nil || n != 3 {
		t.Errorf("CountItems(stories, limit 1) = %d, %v; want 3 (the limit ignored)", n, err)
	}
	unread := func(ids ...int64) []storyline.FeedUnread {
		var out []storyline.FeedUnread
		for _, id := range ids {
			out = append(out, storyline.FeedUnread{FeedID: lead[id], Count: 1, Newest: updated(id)})
		}
		slices.SortFunc(out, func(a, b storyline.FeedUnread) int { return cmp.Compare(a.FeedID, b.FeedID) })
		return out
	}
	wantUnreadByFeed(t, s, "nothing read", stories(storyline.ItemQuery{UserID: alice.ID}), unread(10, 20, 40))
	wantUnreadByFeed(t, s, "nothing read, a folder", stories(storyline.ItemQuery{UserID: alice.ID, Category: "Local"}), unread(20, 40))
	wantUnreadByFeed(t, s, "nothing read, a feed that does not lead", stories(storyline.ItemQuery{UserID: alice.ID, FeedID: paper}), nil)
	// The articles of the feeds, each an item of its own.
	articles := storyline.ItemQuery{UserID: alice.ID, FeedIDs: []int64{wire, paper, agg}}
	wantUnreadByFeed(t, s, "articles", articles, []storyline.FeedUnread{
		{FeedID: wire, Count: 1, Newest: get(t, s, story10[0]).CreatedAt},
		{FeedID: paper, Count: 1, Newest: get(t, s, story10[1]).CreatedAt}})

	// Reading the stories: as they are, until one gains an article.
	markStories(t, s, alice.ID, true, 10)
	wantItems(t, s, "story 10 read: unread", stories(storyline.ItemQuery{UserID: alice.ID, Unread: true}), []int64{40, 20})
	wantItems(t, s, "story 10 read: read", stories(storyline.ItemQuery{UserID: alice.ID, Read: true}), []int64{10})
	wantItems(t, s, "story 10 read: bob's unread", stories(storyline.ItemQuery{UserID: bob.ID, Unread: true}), []int64{40, 20, 10})
	wantUnreadByFeed(t, s, "story 10 read", stories(storyline.ItemQuery{UserID: alice.ID}), unread(20, 40))
	wantArticlesRead(t, s, "story 10 read by MarkStoriesRead", alice.ID, story10, set())
	_, id = d.report(10, radio, "radio", hour(8))
	story10 = append(story10, id)
	wantItems(t, s, "story 10 with a new article: unread", stories(storyline.ItemQuery{UserID: alice.ID, Unread: true}), []int64{40, 20, 10})
	wantItems(t, s, "story 10 with a new article: read", stories(storyline.ItemQuery{UserID: alice.ID, Read: true}), nil)
	wantItems(t, s, "story 10 still led by the first outlet", stories(storyline.ItemQuery{FeedID: wire}), []int64{10})

	// Marking stories read as a whole reads their articles too, copies
	// included; marking them unread leaves the articles read.
	markItems(t, s, "mark the wire read", stories(storyline.ItemQuery{UserID: alice.ID, FeedID: wire}), true, 1)
	wantArticlesRead(t, s, "story 10 marked read", alice.ID, append(slices.Clone(story10), story20...), set(story10...))
	if r := storiesRead(t, s, alice.ID, 10)[10]; r.Seen != len(story10) || !r.ReadAt.Equal(day()) {
		t.Errorf("story 10 marked read: read %+v, want %d seen at %v", r, len(story10), day())
	}
	wantItems(t, s, "story 10 marked read", stories(storyline.ItemQuery{UserID: alice.ID, Unread: true}), []int64{40, 20})
	markItems(t, s, "mark the wire read again", stories(storyline.ItemQuery{UserID: alice.ID, FeedID: wire}), true, 0)
	markItems(t, s, "mark the read read", stories(storyline.ItemQuery{UserID: alice.ID, Read: true}), true, 0)
	markItems(t, s, "mark a folder's unread read", stories(storyline.ItemQuery{UserID: alice.ID, Category: "Local", Unread: true}), true, 2)
	wantItems(t, s, "all marked read: unread", stories(storyline.ItemQuery{UserID: alice.ID, Unread: true}), nil)
	wantItems(t, s, "all marked read: read", stories(storyline.ItemQuery{UserID: alice.ID, Read: true}), []int64{40, 20, 10})
	wantUnreadByFeed(t, s, "all marked read", stories(storyline.ItemQuery{UserID: alice.ID}), nil)
	wantArticlesRead(t, s, "story 20 marked read", alice.ID, story20, set(story20...))
	wantItems(t, s, "all marked read: bob's unread", stories(storyline.ItemQuery{UserID: bob.ID, Unread: true}), []int64{40, 20, 10})

	markItems(t, s, "mark all before 40 unread", stories(storyline.ItemQuery{UserID: alice.ID, BeforeID: 40}), false, 2)
	wantItems(t, s, "marked unread", stories(storyline.ItemQuery{UserID: alice.ID, Unread: true}), []int64{20, 10})
	if got := storiesRead(t, s, alice.ID, 10, 20, 40); len(got) != 1 {
		t.Errorf("marked unread: reads %+v, want story 40's only", got)
	}
	wantArticlesRead(t, s, "story 10 marked unread", alice.ID, story10, set(story10...))
	markItems(t, s, "mark the unread unread", stories(storyline.ItemQuery{UserID: alice.ID, Read: true, Category: "World"}), false, 0)
	markItems(t, s, "mark these unread", stories(storyline.ItemQuery{UserID: alice.ID, IDs: []int64{40, 30}}), false, 1)
	wantUnreadByFeed(t, s, "marked unread", stories(storyline.ItemQuery{UserID: alice.ID}), unread(10, 20, 40))
	markItems(t, s, "mark saved read", stories(storyline.ItemQuery{UserID: alice.ID, Saved: true}), true, 1)
	wantItems(t, s, "saved marked read", stories(storyline.ItemQuery{UserID: alice.ID, Read: true}), []int64{20})

	testStoryItemMerges(t, s, d, alice.ID, wire, paper)

	for _, bad := range []storyline.ItemQuery{{Read: true}, {Saved: true}, {Limit: -1}, {AfterID: -1}, {IDs: make([]int64, 10_001)}} {
		_, err := s.ItemRefs(ctx(t), stories(bad))
		wantCode(t, fmt.Sprintf("ItemRefs(stories, %+v)", bad), err, storyline.EINVALID)
		_, err = s.CountItems(ctx(t), stories(bad))
		wantCode(t, fmt.Sprintf("CountItems(stories, %+v)", bad), err, storyline.EINVALID)
	}
	for _, bad := range []storyline.ItemQuery{{}, {FeedID: wire}, {UserID: alice.ID, Limit: -1}, {UserID: alice.ID, FeedIDs: make([]int64, 10_001)}} {
		_, err := s.UnreadByFeed(ctx(t), stories(bad))
		wantCode(t, fmt.Sprintf("UnreadByFeed(stories, %+v)", bad), err, storyline.EINVALID)
	}
	_, err := s.MarkItemsRead(ctx(t), stories(storyline.ItemQuery{}), true, day())
	wantCode(t, "MarkItemsRead(stories, no user)", err, storyline.EINVALID)
	_, err = s.MarkItemsRead(ctx(t), stories(storyline.ItemQuery{UserID: alice.ID, BeforeID: -1}), false, day())
	wantCode(t, "MarkItemsRead(stories, bad bound)", err, storyline.EINVALID)
}

// testStoryItemMerges covers stories as items across MergeStories: the
// survivor is unread when either story was, its lead feed that of the
// first article of both, and the story merged away is no item.
func testStoryItemMerges(t *testing.T, s storyline.Store, d *storyDesk, user, wire, paper int64) {
	t.Helper()
	at := day().Add(24 * time.Hour)
	// Each pair: the story merged away is reported first.
	pairs := []struct {
		name       string
		into, from int64
		read       []int64 // of the pair, before the merge
		unread     bool    // the survivor, after
	}{
		{"the survivor read", 60, 70, []int64{60}, true},
		{"the merged story read", 80, 90, []int64{90}, true},
		{"both read", 100, 110, []int64{100, 110}, false},
		{"neither read", 120, 130, nil, true},
	}
	for _, p := range pairs {
		d.report(p.from, paper, "paper", at)
		d.report(p.into, wire, "wire", at)
		if len(p.read) > 0 {
			markItems(t, s, p.name, storyline.ItemQuery{UserID: user, Stories: true, IDs: p.read}, true, len(p.read))
		}
		if err := s.MergeStories(ctx(t), p.into, []int64{p.from}); err != nil {
			t.Fatalf("%s: MergeStories(%d, %d): %v", p.name, p.into, p.from, err)
		}
		var want []int64
		if p.unread {
			want = []int64{p.into}
		}
		pair := []int64{p.into, p.from}
		wantItems(t, s, p.name+": unread after the merge", storyline.ItemQuery{UserID: user, Stories: true, IDs: pair, Unread: true}, want)
		want = []int64{p.into}
		if p.unread {
			want = nil
		}
		wantItems(t, s, p.name+": read after the merge", storyline.ItemQuery{UserID: user, Stories: true, IDs: pair, Read: true}, want)
		refs := storyRefs(t, s, storyline.ItemQuery{Stories: true, IDs: pair})
		if len(refs) != 1 || refs[0].ID != p.into || refs[0].FeedID != paper {
			t.Errorf("%s: refs after the merge %+v, want story %d of feed %d (the merged story's)", p.name, refs, p.into, paper)
		}
	}
	wantItems(t, s, "the merged stories", storyline.ItemQuery{Stories: true, IDs: []int64{70, 90, 110, 130}}, nil)
	markItems(t, s, "mark the survivors read", storyline.ItemQuery{UserID: user, Stories: true, AfterID: 50, Unread: true}, true, 3)
	wantItems(t, s, "the survivors marked read", storyline.ItemQuery{UserID: user, Stories: true, AfterID: 50, Read: true},
		[]int64{120, 100, 80, 60})
}
