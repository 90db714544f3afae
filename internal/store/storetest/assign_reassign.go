package storetest

import (
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// testAssignReassign checks what a reassignment relies on: ClearStoryIndex
// empties the index and leaves articles where they are; an article moved
// out of a story without a centroid (a story of an older release) that it
// leaves empty has that story merged into its new one, comments included;
// a story that keeps articles, or has a centroid, stays.
func testAssignReassign(t *testing.T, open Opener) {
	s := lockedStore(t, open)
	ids := saveArticles(t, s, "old", 3)
	// The older release's stories: 900 holds the first article, 901 the
	// other two; 900 has a comment.
	for i, id := range ids {
		if err := s.SaveAnalysis(ctx(t), &storyline.Analysis{ArticleID: id, Version: 1, StoryID: 900 + int64(min(i, 1))}); err != nil {
			t.Fatal(err)
		}
	}
	u := &storyline.User{Name: "reader", Role: storyline.RoleMember}
	if err := s.AddUser(ctx(t), u); err != nil {
		t.Fatal(err)
	}
	if err := s.AddComment(ctx(t), &storyline.Comment{UserID: u.ID, StoryID: 900, Body: "Watching."}); err != nil {
		t.Fatal(err)
	}
	d := day()
	kept := assignStory(t, s, placement(ids[1], 0, d, d, "harbour", "ship"))
	if st, err := s.Story(ctx(t), 901); err != nil || st.ID != 901 || st.ArticleCount != 1 {
		t.Errorf("story 901, which keeps an article: %+v, %v", st, err)
	}
	joined := placement(ids[0], kept, d, d.Add(time.Hour), "harbour", "ship")
	joined.Centroid.Articles = 2
	assignStory(t, s, joined)
	st, err := s.Story(ctx(t), 900)
	if err != nil || st.ID != kept || st.CommentCount != 1 || st.ArticleCount != 2 {
		t.Errorf("story 900, left empty: %+v, %v; want it merged into %d with its comment", st, err, kept)
	}
	if err := s.ClearStoryIndex(ctx(t)); err != nil {
		t.Fatalf("ClearStoryIndex: %v", err)
	}
	if n, counts, err := s.StoryTermCounts(ctx(t), []string{"harbour"}); err != nil || n != 0 || len(counts) != 0 {
		t.Errorf("StoryTermCounts after clearing: %d, %v, %v", n, counts, err)
	}
	if list := candidates(t, s, storyline.CandidateQuery{Terms: []storyline.WeightedTerm{{Key: "harbour", Weight: 1}}, Time: d, Window: time.Hour, Limit: 5}); len(list) != 0 {
		t.Errorf("candidates after clearing: %v", centroidIDs(list))
	}
	_, err = s.StoryCentroid(ctx(t), kept)
	wantCode(t, "StoryCentroid after clearing", err, storyline.ENOTFOUND)
	if x, err := s.Analysis(ctx(t), ids[0]); err != nil || x.StoryID != kept {
		t.Errorf("after clearing, article %d is in story %v (%v), want %d", ids[0], x, err, kept)
	}
}
