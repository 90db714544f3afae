package storetest

import (
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// testStoryTimes checks that a story's times are its dated articles'
// dates: an undated article does not move them, a story with only
// undated articles takes the time its first was stored, and a merge keeps
// the dated story's times.
func testStoryTimes(t *testing.T, open Opener) {
	s := newStore(t, open)
	dated := func(url string, h int) int64 {
		a := article(url, "Wire", "Floods close the coast road", textFloods+" "+url)
		a.Published = day().Add(time.Duration(h) * time.Hour)
		return save(t, s, a).ID
	}
	undated := func(url string) int64 {
		a := article(url, "Paper", "Council vote on the bridge", textElection+" "+url)
		a.Published = time.Time{}
		return save(t, s, a).ID
	}
	join := func(article, story int64) {
		t.Helper()
		if err := s.SaveAnalysis(ctx(t), &storyline.Analysis{ArticleID: article, Version: 1, StoryID: story}); err != nil {
			t.Fatalf("SaveAnalysis(%d): %v", article, err)
		}
	}
	times := func(story int64) (time.Time, time.Time) {
		t.Helper()
		st, err := s.Story(ctx(t), story)
		if err != nil {
			t.Fatalf("Story(%d): %v", story, err)
		}
		return st.FirstSeen, st.LastUpdated
	}

	// An undated article first: the story takes its storage time, until a
	// dated article replaces it.
	u1 := undated("https://paper.example/u1")
	join(u1, 300)
	first, last := times(300)
	if first.IsZero() || !first.Equal(last) || first.Year() < 2025 {
		t.Errorf("story of one undated article: %v to %v, want its storage time", first, last)
	}
	join(dated("https://wire.example/d1", 5), 300)
	join(dated("https://wire.example/d2", 2), 300)
	join(undated("https://paper.example/u2"), 300)
	if first, last := times(300); !first.Equal(day().Add(2*time.Hour)) || !last.Equal(day().Add(5*time.Hour)) {
		t.Errorf("story with dated and undated articles: %v to %v, want the dated ones' dates", first, last)
	}

	// A merge: the dated story's times win over an undated story's.
	join(undated("https://paper.example/u3"), 400)
	if err := s.MergeStories(ctx(t), 400, []int64{300}); err != nil {
		t.Fatalf("MergeStories: %v", err)
	}
	if first, last := times(400); !first.Equal(day().Add(2*time.Hour)) || !last.Equal(day().Add(5*time.Hour)) {
		t.Errorf("merged story: %v to %v, want the dated story's times", first, last)
	}

	// An article leaving: the story it leaves is dated by what it keeps,
	// and an old story (no centroid) it leaves empty follows it, comments
	// included.
	early, late := dated("https://wire.example/e1", 1), dated("https://wire.example/e2", 100)
	join(early, 600)
	join(late, 600)
	join(late, 601)
	if first, last := times(600); !first.Equal(day().Add(time.Hour)) || !last.Equal(day().Add(time.Hour)) {
		t.Errorf("story 600 after its latest article left: %v to %v, want its remaining article's date", first, last)
	}
	u := &storyline.User{Name: "times-reader", Role: storyline.RoleMember}
	if err := s.AddUser(ctx(t), u); err != nil {
		t.Fatal(err)
	}
	if err := s.AddComment(ctx(t), &storyline.Comment{UserID: u.ID, StoryID: 601, Body: "Following."}); err != nil {
		t.Fatal(err)
	}
	join(late, 602)
	st, err := s.Story(ctx(t), 601)
	if err != nil || st.ID != 602 || st.CommentCount != 1 || !st.LastUpdated.Equal(day().Add(100*time.Hour)) {
		t.Errorf("story 601, left empty: %+v, %v; want it merged into 602 with its comment", st, err)
	}
}
