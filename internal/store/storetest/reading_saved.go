package storetest

import (
	"maps"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// saveItem saves an item for user at and fails the test on error.
func saveItem(t *testing.T, s storyline.Store, user int64, kind storyline.ItemKind, id int64, at time.Time) {
	t.Helper()
	if err := s.Save(ctx(t), user, kind, id, at); err != nil {
		t.Fatalf("Save(user %d, %s %d): %v", user, kind, id, err)
	}
}

// wantSaved fails the test unless SavedItems lists want.
func wantSaved(t *testing.T, s storyline.Store, what string, user int64, kind storyline.ItemKind, limit, offset int, want []storyline.Saved) {
	t.Helper()
	got, err := s.SavedItems(ctx(t), user, kind, limit, offset)
	if err != nil || !sameAt(got, want, func(v *storyline.Saved) *time.Time { return &v.SavedAt }) {
		t.Errorf("%s: SavedItems(user %d, %q, %d, %d) = %+v, %v; want %+v", what, user, kind, limit, offset, got, err, want)
	}
}

// wantSavedAmong fails the test unless user saved exactly want among
// ids of kind.
func wantSavedAmong(t *testing.T, s storyline.Store, what string, user int64, kind storyline.ItemKind, ids []int64, want map[int64]bool) {
	t.Helper()
	got, err := s.SavedAmong(ctx(t), user, kind, ids)
	if err != nil || !maps.Equal(got, want) {
		t.Errorf("%s: SavedAmong(user %d, %s, %v) = %v, %v; want %v", what, user, kind, ids, got, err, want)
	}
}

// testSaved covers Save, Unsave, SavedItems and SavedAmong: order and
// pages, the first time kept, merged stories, unknown items and kinds,
// another user's saves.
func testSaved(t *testing.T, open Opener) {
	s := newStore(t, open)
	alice := addUser(t, s, "alice", storyline.RoleAdmin)
	bob := addUser(t, s, "bob", storyline.RoleMember)
	a := storyOf(t, s, 10, 3, day())
	storyOf(t, s, 20, 1, day())
	storyOf(t, s, 30, 1, day())
	hour := func(h int) time.Time { return day().Add(time.Duration(h) * time.Hour) }

	saveItem(t, s, alice.ID, storyline.KindArticle, a[0], hour(0))
	saveItem(t, s, alice.ID, storyline.KindStory, 10, hour(1))
	saveItem(t, s, alice.ID, storyline.KindArticle, a[1], hour(2))
	saveItem(t, s, alice.ID, storyline.KindArticle, a[0], hour(3)) // again: the first time stays
	saveItem(t, s, alice.ID, storyline.KindStory, 20, hour(2))     // the same time as a[1]
	saveItem(t, s, bob.ID, storyline.KindArticle, a[2], hour(0))

	art := func(id int64, h int) storyline.Saved {
		return storyline.Saved{Kind: storyline.KindArticle, ItemID: id, SavedAt: hour(h)}
	}
	story := func(id int64, h int) storyline.Saved {
		return storyline.Saved{Kind: storyline.KindStory, ItemID: id, SavedAt: hour(h)}
	}
	all := []storyline.Saved{art(a[1], 2), story(20, 2), story(10, 1), art(a[0], 0)}
	pages := []struct {
		what          string
		kind          storyline.ItemKind
		limit, offset int
		want          []storyline.Saved
	}{
		{"all", "", 0, 0, all},
		{"articles", storyline.KindArticle, 0, 0, []storyline.Saved{art(a[1], 2), art(a[0], 0)}},
		{"stories", storyline.KindStory, 0, 0, []storyline.Saved{story(20, 2), story(10, 1)}},
		{"first page", "", 2, 0, all[:2]},
		{"second page", "", 2, 2, all[2:]},
		{"past the end", "", 2, 4, nil},
	}
	for _, p := range pages {
		wantSaved(t, s, p.what, alice.ID, p.kind, p.limit, p.offset, p.want)
	}
	wantSaved(t, s, "bob's", bob.ID, "", 0, 0, []storyline.Saved{art(a[2], 0)})
	wantSavedAmong(t, s, "alice's articles", alice.ID, storyline.KindArticle, append(a, 9999), set(a[0], a[1]))
	wantSavedAmong(t, s, "alice's stories", alice.ID, storyline.KindStory, []int64{10, 20, 30, a[0]}, set(10, 20))
	wantSavedAmong(t, s, "bob's articles", bob.ID, storyline.KindArticle, a, set(a[2]))
	wantSavedAmong(t, s, "bob's stories", bob.ID, storyline.KindStory, []int64{10, 20, 30}, set())
	wantSavedAmong(t, s, "no IDs", alice.ID, storyline.KindStory, nil, set())

	// A merge carries the saves of the story merged away, and saves of
	// merged IDs save the live story; the first time stays.
	saveItem(t, s, bob.ID, storyline.KindStory, 30, hour(5))
	if err := s.MergeStories(ctx(t), 10, []int64{20, 30}); err != nil {
		t.Fatal(err)
	}
	saveItem(t, s, alice.ID, storyline.KindStory, 30, hour(6))
	wantSaved(t, s, "alice's stories after the merge", alice.ID, storyline.KindStory, 0, 0, []storyline.Saved{story(10, 1)})
	wantSaved(t, s, "bob's stories after the merge", bob.ID, storyline.KindStory, 0, 0, []storyline.Saved{story(10, 5)})
	wantSavedAmong(t, s, "merged IDs", alice.ID, storyline.KindStory, []int64{10, 20, 30}, set(10, 20, 30))

	for _, u := range []struct {
		kind storyline.ItemKind
		id   int64
	}{{storyline.KindStory, 20}, {storyline.KindArticle, a[1]}, {storyline.KindArticle, a[2]}, {storyline.KindStory, 9999}} {
		if err := s.Unsave(ctx(t), alice.ID, u.kind, u.id); err != nil {
			t.Errorf("Unsave(%s %d): %v", u.kind, u.id, err)
		}
	}
	wantSaved(t, s, "after Unsave", alice.ID, "", 0, 0, []storyline.Saved{art(a[0], 0)})
	wantSaved(t, s, "bob's after alice's Unsave", bob.ID, "", 0, 0, []storyline.Saved{story(10, 5), art(a[2], 0)})

	long := make([]int64, 1000)
	for i := range long {
		long[i] = int64(i + 1)
	}
	wantSavedAmong(t, s, "1000 IDs", alice.ID, storyline.KindArticle, long, set(a[0]))

	errs := []struct {
		what string
		err  error
		code string
	}{
		{"Save(unknown article)", s.Save(ctx(t), alice.ID, storyline.KindArticle, 9999, day()), storyline.ENOTFOUND},
		{"Save(unknown story)", s.Save(ctx(t), alice.ID, storyline.KindStory, 9999, day()), storyline.ENOTFOUND},
		{"Save(unknown kind)", s.Save(ctx(t), alice.ID, "video", a[0], day()), storyline.EINVALID},
		{"Save(no kind)", s.Save(ctx(t), alice.ID, "", a[0], day()), storyline.EINVALID},
		{"Save(unknown user)", s.Save(ctx(t), 9999, storyline.KindArticle, a[0], day()), storyline.ENOTFOUND},
		{"Unsave(unknown kind)", s.Unsave(ctx(t), alice.ID, "video", a[0]), storyline.EINVALID},
	}
	for _, e := range errs {
		wantCode(t, e.what, e.err, e.code)
	}
	_, err := s.SavedItems(ctx(t), alice.ID, "video", 0, 0)
	wantCode(t, "SavedItems(unknown kind)", err, storyline.EINVALID)
	_, err = s.SavedItems(ctx(t), alice.ID, "", -1, 0)
	wantCode(t, "SavedItems(negative limit)", err, storyline.EINVALID)
	_, err = s.SavedAmong(ctx(t), alice.ID, "", a)
	wantCode(t, "SavedAmong(no kind)", err, storyline.EINVALID)
}

// testPruneSaved: retention keeps what users saved — an article, an
// article whose copy is saved, the articles of a saved story — while the
// rest goes, with the reads of what it deletes.
func testPruneSaved(t *testing.T, open Opener) {
	s := newStore(t, open)
	alice := addUser(t, s, "alice", storyline.RoleAdmin)
	old := func(key, text string) int64 {
		return save(t, s, article("https://old.example/"+key, "Old Paper", key, text)).ID
	}
	saved := old("saved", textFloods)
	copied := old("copied", textElection)
	dup := saveAs(t, s, withURL(article("", "Other", "Vote", textElection), "https://other.example/vote"), storyline.Copied).ID
	inStory := old("in-story", textHarbour)
	inStory2 := old("in-story-2", "The second report says the harbour reopened after repairs.")
	plain := old("plain", "A plain report says the bridge reopened after repairs.")
	gone := old("gone", "The last report says the school year starts a week late.")
	fresh := save(t, s, article("https://new.example/school", "New Paper", "School", "Teachers welcome the later start.")).ID
	cut := get(t, s, fresh).CreatedAt

	putInStory(t, s, 10, saved)
	putInStory(t, s, 20, inStory)
	putInStory(t, s, 30, plain)
	putInStory(t, s, 40, inStory2)
	putInStory(t, s, 90, gone)
	// Story 40 merged into the saved story 20 keeps its article too.
	if err := s.MergeStories(ctx(t), 20, []int64{40}); err != nil {
		t.Fatal(err)
	}
	saveItem(t, s, alice.ID, storyline.KindArticle, saved, day())
	saveItem(t, s, alice.ID, storyline.KindArticle, dup, day())
	saveItem(t, s, alice.ID, storyline.KindStory, 40, day())
	if err := s.MarkArticlesRead(ctx(t), alice.ID, []int64{saved, plain, gone}, true, day()); err != nil {
		t.Fatal(err)
	}
	markStories(t, s, alice.ID, true, 10, 30, 90)

	for {
		p, err := s.Prune(ctx(t), cut, 100)
		if err != nil {
			t.Fatalf("Prune: %v", err)
		}
		if !p.More {
			break
		}
	}
	for _, id := range []int64{saved, copied, dup, inStory, inStory2, fresh} {
		get(t, s, id)
	}
	for _, id := range []int64{plain, gone} {
		if _, err := s.Article(ctx(t), id); storyline.ErrorCode(err) != storyline.ENOTFOUND {
			t.Errorf("Article(%d) after Prune = %v, want ENOTFOUND", id, err)
		}
	}
	wantSaved(t, s, "after Prune", alice.ID, "", 0, 0, []storyline.Saved{
		{Kind: storyline.KindArticle, ItemID: dup, SavedAt: day()},
		{Kind: storyline.KindArticle, ItemID: saved, SavedAt: day()},
		{Kind: storyline.KindStory, ItemID: 20, SavedAt: day()},
	})
	wantArticlesRead(t, s, "after Prune", alice.ID, []int64{saved, plain, gone}, set(saved))
	if got := storiesRead(t, s, alice.ID, 10, 30, 90); len(got) != 1 || got[10].Seen != 1 {
		t.Errorf("story reads after Prune = %+v, want story 10's only", got)
	}
	// A new story of a pruned one's ID is not read: the reads went with
	// the story.
	storyOf(t, s, 90, 1, day())
	if got := storiesRead(t, s, alice.ID, 90); len(got) != 0 {
		t.Errorf("a new story 90 is read: %+v", got)
	}
}
