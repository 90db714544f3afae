package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// testPrune covers retention: old articles go with their copies and the
// stories they leave empty; commented coverage, and articles with a copy
// stored since the cut, stay.
func testPrune(t *testing.T, open Opener) {
	t.Run("Indexed", func(t *testing.T) { testPruneIndexed(t, lockedStore(t, open)) })
	s := newStore(t, open)
	alice := addUser(t, s, "alice", storyline.RoleAdmin)
	old := func(key, text string) int64 {
		return save(t, s, article("https://old.example/"+key, "Old Paper", key, text)).ID
	}
	floods := old("floods", textFloods)
	floodsCopy := saveAs(t, s, withURL(article("", "Other", "Floods", textFloods), "https://other.example/floods"), storyline.Copied).ID
	vote := old("vote", textElection)
	harbour := old("harbour", textHarbour)
	fourth := old("fourth", "The fourth report says the bridge reopened after repairs.")
	fifth := old("fifth", "The fifth report says traffic returned to the bridge at noon.")
	sixth := old("sixth", "The sixth report says the school year starts a week late.")
	seventh := old("seventh", "The seventh report says the museum doubled its visitors.")

	fresh := save(t, s, article("https://new.example/school", "New Paper", "School", "A new report: teachers welcome the later start of the school year.")).ID
	seventhCopy := saveAs(t, s, withURL(article("", "Late", "Museum",
		"The seventh report says the museum doubled its visitors."), "https://late.example/museum"), storyline.Copied).ID
	cut := get(t, s, fresh).CreatedAt
	for _, id := range []int64{floods, floodsCopy, vote, harbour, fourth, fifth, sixth, seventh} {
		if at := get(t, s, id).CreatedAt; !at.Before(cut) {
			t.Fatalf("article %d stored at %v, not before the cut %v: the store's clock did not advance", id, at, cut)
		}
	}

	putInStory(t, s, 10, floods)
	putInStory(t, s, 30, harbour)
	putInStory(t, s, 40, fourth, fifth)
	putInStory(t, s, 60, sixth, fresh)
	putInStory(t, s, 70, seventh)
	for _, c := range []*storyline.Comment{
		{UserID: alice.ID, ArticleID: vote, Body: "On the vote."},
		{UserID: alice.ID, StoryID: 30, Body: "On the harbour story."},
	} {
		if err := s.AddComment(ctx(t), c); err != nil {
			t.Fatalf("AddComment: %v", err)
		}
	}

	if _, err := s.Prune(ctx(t), cut, 0); storyline.ErrorCode(err) != storyline.EINVALID {
		t.Errorf("Prune(limit 0) = %v, want EINVALID", err)
	}
	var total storyline.Pruned
	for i := 0; ; i++ {
		p, err := s.Prune(ctx(t), cut, 2)
		if err != nil {
			t.Fatalf("Prune: %v", err)
		}
		if p.Stories != len(p.StoryIDs) || p.IndexVersion != 0 {
			t.Errorf("Prune = %+v: want as many story IDs as stories, and the index untouched (no centroids)", p)
		}
		total.Articles += p.Articles
		total.Stories += p.Stories
		total.StoryIDs = append(total.StoryIDs, p.StoryIDs...)
		if !p.More {
			break
		}
		if i > 10 {
			t.Fatal("Prune keeps reporting more to delete")
		}
	}
	if slices.Sort(total.StoryIDs); !slices.Equal(total.StoryIDs, []int64{10, 40}) {
		t.Errorf("Prune deleted stories %v, want [10 40]", total.StoryIDs)
	}
	if total.Articles != 5 || total.Stories != 2 {
		t.Errorf("Prune deleted %d articles and %d stories, want 5 (floods, its copy, fourth, fifth, sixth) and 2 (10, 40)",
			total.Articles, total.Stories)
	}
	for _, id := range []int64{floods, floodsCopy, fourth, fifth, sixth} {
		if _, err := s.Article(ctx(t), id); storyline.ErrorCode(err) != storyline.ENOTFOUND {
			t.Errorf("Article(%d) after Prune = %v, want ENOTFOUND", id, err)
		}
	}
	for _, id := range []int64{vote, harbour, seventh, seventhCopy, fresh} {
		get(t, s, id)
	}
	for _, id := range []int64{10, 40} {
		if _, err := s.Story(ctx(t), id); storyline.ErrorCode(err) != storyline.ENOTFOUND {
			t.Errorf("Story(%d) after Prune = %v, want ENOTFOUND", id, err)
		}
	}
	for id, n := range map[int64]int{30: 1, 60: 1, 70: 1} {
		st, err := s.Story(ctx(t), id)
		if err != nil || st.ArticleCount != n {
			t.Errorf("Story(%d) after Prune = %+v, %v; want %d article(s)", id, st, err, n)
		}
	}
	if hits := search(t, s, storyline.SearchQuery{Text: "flooded"}); len(hits) != 0 {
		t.Errorf("search finds %d pruned articles", len(hits))
	}
	if p, err := s.Prune(ctx(t), cut, 100); err != nil || p.Articles != 0 || p.More {
		t.Errorf("second Prune = %+v, %v; want nothing left to delete", p, err)
	}
	if err := s.Reclaim(ctx(t)); err != nil {
		t.Errorf("Reclaim: %v", err)
	}
	if p, err := s.Prune(ctx(t), time.Time{}, 10); err != nil || p.Articles != 0 {
		t.Errorf("Prune(zero time) = %+v, %v; want nothing deleted", p, err)
	}
}

// testPruneIndexed: deleting a story in the story index takes its centroid
// out, and reports the index's new version, so that a process keeping a
// copy of the index can follow instead of reloading it.
func testPruneIndexed(t *testing.T, s storyline.Store) {
	ids := saveArticles(t, s, "indexed", 1)
	story := assignStory(t, s, placement(ids[0], 0, day(), day(), "harbour", "ship"))
	before, err := s.StoryIndexVersion(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Prune(ctx(t), time.Now().Add(time.Hour), 10)
	if err != nil || !slices.Contains(p.StoryIDs, story) || p.IndexVersion != before+1 {
		t.Fatalf("Prune = %+v, %v; want story %d deleted and the index at version %d", p, err, story, before+1)
	}
	if after, err := s.StoryIndexVersion(ctx(t)); err != nil || after != p.IndexVersion {
		t.Errorf("StoryIndexVersion = %d, %v; want %d", after, err, p.IndexVersion)
	}
	if _, err := s.StoryCentroid(ctx(t), story); storyline.ErrorCode(err) != storyline.ENOTFOUND {
		t.Errorf("StoryCentroid(%d) after Prune = %v, want ENOTFOUND", story, err)
	}
}
