package storetest

import (
	"maps"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// storyOf saves n articles of story id (see storyArticles), published at
// at, and returns the story's article IDs in timeline order.
func storyOf(t *testing.T, s storyline.Store, id int64, n int, at time.Time) []int64 {
	t.Helper()
	storyArticles(t, s, id, 0, n, at)
	tl, err := s.Timeline(ctx(t), id)
	if err != nil {
		t.Fatalf("Timeline(%d): %v", id, err)
	}
	out := make([]int64, len(tl))
	for i, e := range tl {
		out[i] = e.ArticleID
	}
	return out
}

// set returns ids as a set.
func set(ids ...int64) map[int64]bool {
	out := make(map[int64]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out
}

// wantArticlesRead fails the test unless user reads exactly want among
// ids.
func wantArticlesRead(t *testing.T, s storyline.Store, what string, user int64, ids []int64, want map[int64]bool) {
	t.Helper()
	got, err := s.ArticlesRead(ctx(t), user, ids)
	if err != nil || !maps.Equal(got, want) {
		t.Errorf("%s: ArticlesRead(user %d, %v) = %v, %v; want %v", what, user, ids, got, err, want)
	}
}

// storiesRead returns user's reads of stories ids and fails the test on
// error.
func storiesRead(t *testing.T, s storyline.Store, user int64, ids ...int64) map[int64]storyline.StoryRead {
	t.Helper()
	got, err := s.StoriesRead(ctx(t), user, ids)
	if err != nil {
		t.Fatalf("StoriesRead(user %d, %v): %v", user, ids, err)
	}
	return got
}

// markStories marks stories read or unread by user at day() and fails
// the test on error.
func markStories(t *testing.T, s storyline.Store, user int64, read bool, ids ...int64) {
	t.Helper()
	if err := s.MarkStoriesRead(ctx(t), user, ids, read, day()); err != nil {
		t.Fatalf("MarkStoriesRead(user %d, %v, %v): %v", user, ids, read, err)
	}
}

// wantUnread fails the test unless user has want unread stories since.
func wantUnread(t *testing.T, s storyline.Store, what string, user int64, since time.Time, want int) {
	t.Helper()
	if n, err := s.CountUnreadStories(ctx(t), user, since); err != nil || n != want {
		t.Errorf("%s: CountUnreadStories(user %d, %v) = %d, %v; want %d", what, user, since, n, err, want)
	}
}

// testReadArticles covers MarkArticlesRead and ArticlesRead: round trips,
// unknown articles and users, another user's reads, long lists.
func testReadArticles(t *testing.T, open Opener) {
	s := newStore(t, open)
	alice := addUser(t, s, "alice", storyline.RoleAdmin)
	bob := addUser(t, s, "bob", storyline.RoleMember)
	ids := storyOf(t, s, 1, 3, day())
	a1, a2, a3 := ids[0], ids[1], ids[2]
	all := []int64{a1, a2, a3, 9999}

	steps := []struct {
		what string
		user int64
		ids  []int64
		read bool
		want map[int64]bool // alice's reads after
	}{
		{"read two and an unknown one", alice.ID, []int64{a1, a2, 9999}, true, set(a1, a2)},
		{"read one again", alice.ID, []int64{a2}, true, set(a1, a2)},
		{"unread one", alice.ID, []int64{a1}, false, set(a2)},
		{"unread one never read", alice.ID, []int64{a3}, false, set(a2)},
		{"bob reads one", bob.ID, []int64{a3}, true, set(a2)},
		{"nothing", alice.ID, nil, true, set(a2)},
	}
	for _, st := range steps {
		if err := s.MarkArticlesRead(ctx(t), st.user, st.ids, st.read, day()); err != nil {
			t.Fatalf("%s: MarkArticlesRead: %v", st.what, err)
		}
		wantArticlesRead(t, s, st.what, alice.ID, all, st.want)
	}
	wantArticlesRead(t, s, "bob's", bob.ID, all, set(a3))
	wantArticlesRead(t, s, "no IDs", alice.ID, nil, set())
	wantCode(t, "MarkArticlesRead(unknown user)", s.MarkArticlesRead(ctx(t), 9999, []int64{a1}, true, day()), storyline.ENOTFOUND)

	// A page's worth of IDs, and more, in one call.
	long := make([]int64, 1000)
	for i := range long {
		long[i] = int64(i + 1)
	}
	if err := s.MarkArticlesRead(ctx(t), bob.ID, long, true, day()); err != nil {
		t.Fatalf("MarkArticlesRead(1000 IDs): %v", err)
	}
	wantArticlesRead(t, s, "1000 IDs", bob.ID, long, set(a1, a2, a3))
}

// testReadStories covers MarkStoriesRead, StoriesRead and
// CountUnreadStories: new reports after an article joins a story, since,
// stories without articles, another user's reads.
func testReadStories(t *testing.T, open Opener) {
	s := newStore(t, open)
	alice := addUser(t, s, "alice", storyline.RoleAdmin)
	bob := addUser(t, s, "bob", storyline.RoleMember)
	storyOf(t, s, 1, 2, day())
	storyOf(t, s, 2, 1, day().Add(48*time.Hour))
	emptied := storyOf(t, s, 3, 1, day())
	putInStory(t, s, 0, emptied...) // story 3 keeps no article
	later := day().Add(24 * time.Hour)

	wantUnread(t, s, "nothing read", alice.ID, time.Time{}, 2)
	wantUnread(t, s, "nothing read since the next day", alice.ID, later, 1)
	markStories(t, s, alice.ID, true, 1, 3, 9999)
	got := storiesRead(t, s, alice.ID, 1, 2, 3, 9999)
	want := map[int64]storyline.StoryRead{1: {StoryID: 1, Seen: 2, ReadAt: day()}, 3: {StoryID: 3, Seen: 0, ReadAt: day()}}
	if !maps.EqualFunc(got, want, sameRead) {
		t.Errorf("StoriesRead = %+v, want %+v", got, want)
	}
	wantUnread(t, s, "story 1 read", alice.ID, time.Time{}, 1)
	wantUnread(t, s, "bob's", bob.ID, time.Time{}, 2)
	if got := storiesRead(t, s, bob.ID, 1, 2, 3); len(got) != 0 {
		t.Errorf("bob's reads = %+v, want none", got)
	}

	// A new report: the read stays as it was, the story is unread again
	// with one new report.
	storyArticles(t, s, 1, 2, 3, day())
	st, err := s.Story(ctx(t), 1)
	if err != nil {
		t.Fatal(err)
	}
	r := storiesRead(t, s, alice.ID, 1)[1]
	if r.Seen != 2 || r.NewReports(st.ArticleCount) != 1 {
		t.Errorf("after a new report: read %+v of a story of %d articles, want 2 seen and 1 new", r, st.ArticleCount)
	}
	wantUnread(t, s, "a new report", alice.ID, time.Time{}, 2)
	markStories(t, s, alice.ID, true, 1)
	if r := storiesRead(t, s, alice.ID, 1)[1]; r.Seen != 3 {
		t.Errorf("read again: Seen = %d, want 3", r.Seen)
	}
	wantUnread(t, s, "read again", alice.ID, time.Time{}, 1)
	markStories(t, s, alice.ID, true, 2)
	wantUnread(t, s, "all read", alice.ID, time.Time{}, 0)
	markStories(t, s, alice.ID, false, 2, 9999)
	wantUnread(t, s, "story 2 unread again", alice.ID, time.Time{}, 1)
	wantUnread(t, s, "story 2 unread again, since the next day", alice.ID, later, 1)
	wantUnread(t, s, "since after every story", alice.ID, day().Add(72*time.Hour), 0)
	if got := storiesRead(t, s, alice.ID, 2); len(got) != 0 {
		t.Errorf("story 2 unread: reads %+v", got)
	}
	wantCode(t, "MarkStoriesRead(unknown user)", s.MarkStoriesRead(ctx(t), 9999, []int64{1}, true, day()), storyline.ENOTFOUND)

	long := make([]int64, 1000)
	for i := range long {
		long[i] = int64(i + 1)
	}
	markStories(t, s, bob.ID, true, long...)
	if got := storiesRead(t, s, bob.ID, long...); len(got) != 3 {
		t.Errorf("bob read 1000 story IDs: StoriesRead = %d reads, want 3", len(got))
	}
}

// sameRead reports whether two reads are equal, their times as instants.
func sameRead(a, b storyline.StoryRead) bool {
	return a.StoryID == b.StoryID && a.Seen == b.Seen && a.ReadAt.Equal(b.ReadAt)
}

// testReadMerges covers story reads across merges, by MergeStories and
// by SaveAnalysis emptying a story made before the story index: a user
// who read both stories has read the sum; one who read the merged story
// only has the survivor unread; reads through merged IDs are keyed by
// the IDs asked.
func testReadMerges(t *testing.T, open Opener) {
	s := newStore(t, open)
	alice := addUser(t, s, "alice", storyline.RoleAdmin)
	bob := addUser(t, s, "bob", storyline.RoleMember)
	for id, n := range map[int64]int{10: 2, 20: 1, 30: 1, 40: 1, 50: 2, 60: 1, 80: 1} {
		storyOf(t, s, id, n, day())
	}
	legacy := storyOf(t, s, 70, 1, day())
	markStories(t, s, alice.ID, true, 10, 20, 40, 50, 70, 80)
	markStories(t, s, bob.ID, true, 20)

	merges := []struct {
		into int64
		from []int64
	}{{10, []int64{20}}, {30, []int64{40}}, {50, []int64{60}}}
	for _, m := range merges {
		if err := s.MergeStories(ctx(t), m.into, m.from); err != nil {
			t.Fatalf("MergeStories(%d, %v): %v", m.into, m.from, err)
		}
	}
	// Story 70 was made before the story index (no centroid): losing its
	// only article to story 80, it is merged into it.
	putInStory(t, s, 80, legacy...)

	tests := []struct {
		what  string
		user  int64
		id    int64
		seen  int // -1: no read
		count int // the live story's articles
	}{
		{"both read: the sum", alice.ID, 10, 3, 3},
		{"asked by the merged ID", alice.ID, 20, 3, 3},
		{"only the merged story read: unread", alice.ID, 30, -1, 2},
		{"only the merged story read, by its ID", alice.ID, 40, -1, 2},
		{"only the survivor read: new reports", alice.ID, 50, 2, 3},
		{"merged by SaveAnalysis, both read", alice.ID, 80, 2, 2},
		{"merged by SaveAnalysis, by the merged ID", alice.ID, 70, 2, 2},
		{"another user read the merged story only", bob.ID, 10, -1, 3},
	}
	for _, tt := range tests {
		got, ok := storiesRead(t, s, tt.user, tt.id)[tt.id]
		st, err := s.Story(ctx(t), tt.id)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case st.ArticleCount != tt.count:
			t.Errorf("%s: story %d has %d articles, want %d", tt.what, tt.id, st.ArticleCount, tt.count)
		case tt.seen < 0 && ok:
			t.Errorf("%s: story %d read %+v, want unread", tt.what, tt.id, got)
		case tt.seen >= 0 && (!ok || got.Seen != tt.seen || got.StoryID != st.ID):
			t.Errorf("%s: story %d read %+v (%v), want %d seen of story %d", tt.what, tt.id, got, ok, tt.seen, st.ID)
		}
	}
	// Live stories 10, 30, 50, 80: 30 never read, 50 has a new report.
	wantUnread(t, s, "after the merges", alice.ID, time.Time{}, 2)

	// Marking through a merged ID reads the live story.
	markStories(t, s, alice.ID, true, 40, 60)
	got := storiesRead(t, s, alice.ID, 30, 40, 50, 60)
	want := map[int64]storyline.StoryRead{30: {StoryID: 30, Seen: 2, ReadAt: day()}, 40: {StoryID: 30, Seen: 2, ReadAt: day()},
		50: {StoryID: 50, Seen: 3, ReadAt: day()}, 60: {StoryID: 50, Seen: 3, ReadAt: day()}}
	if !maps.EqualFunc(got, want, sameRead) {
		t.Errorf("read through merged IDs: %+v, want %+v", got, want)
	}
	wantUnread(t, s, "all read", alice.ID, time.Time{}, 0)
	markStories(t, s, alice.ID, false, 20)
	if got := storiesRead(t, s, alice.ID, 10, 20); len(got) != 0 {
		t.Errorf("unread through a merged ID: reads %+v remain", got)
	}
}

// testUnreadCount: CountUnreadStories of a user with many reads, among
// many stories, some read with new reports since.
func testUnreadCount(t *testing.T, open Opener) {
	s := newStore(t, open)
	alice := addUser(t, s, "alice", storyline.RoleAdmin)
	const stories = 30
	var read []int64
	for i := range int64(stories) {
		storyOf(t, s, i+1, 1, day().Add(time.Duration(i)*time.Hour))
		if i%3 != 0 {
			read = append(read, i+1)
		}
	}
	markStories(t, s, alice.ID, true, read...)
	wantUnread(t, s, "a third unread", alice.ID, time.Time{}, stories/3)
	storyArticles(t, s, 2, 1, 2, day())
	wantUnread(t, s, "one with a new report", alice.ID, time.Time{}, stories/3+1)
	// Story 2 now reaches back to day(), its last update stays.
	wantUnread(t, s, "since story 16", alice.ID, day().Add(15*time.Hour), 5)
	for _, tt := range []struct {
		since time.Time
		want  int
	}{{time.Time{}, stories}, {day(), stories}, {day().Add(time.Hour), stories - 1}} {
		wantUnread(t, s, "a user without reads", alice.ID+1000, tt.since, tt.want)
	}
}
