package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// testAssignRecent covers what a process keeping a copy of the recent
// story index relies on: a version every write to the index raises, and
// the indexed stories, undated first, then the dated ones latest first
// down to a date.
func testAssignRecent(t *testing.T, open Opener) {
	s := lockedStore(t, open)
	version := func() int64 {
		t.Helper()
		v, err := s.StoryIndexVersion(ctx(t))
		if err != nil {
			t.Fatalf("StoryIndexVersion: %v", err)
		}
		return v
	}
	v0 := version()
	arts := saveArticles(t, s, "recent", 4)
	d := day()
	A := placement(arts[0], 0, d, d.Add(time.Hour), "harbour")
	assignStory(t, s, A)
	if A.Version != v0+1 || version() != v0+1 {
		t.Errorf("after a new story: AssignStory version %d, StoryIndexVersion %d; want %d", A.Version, version(), v0+1)
	}
	B := assignStory(t, s, placement(arts[1], 0, d.Add(48*time.Hour), d.Add(48*time.Hour), "storm"))
	C := assignStory(t, s, placement(arts[2], 0, time.Time{}, time.Time{}, "ship"))
	join := placement(arts[3], A.Centroid.StoryID, d, d.Add(24*time.Hour), "harbour", "ship")
	join.Centroid.Articles = 2
	join.Merged = []int64{C}
	assignStory(t, s, join)
	if join.Version != v0+4 {
		t.Errorf("after a join with a merge: version %d, want %d", join.Version, v0+4)
	}

	recent := func(since time.Time, limit int) []int64 {
		t.Helper()
		var ids []int64
		err := s.RecentStoryCentroids(ctx(t), since, func(c storyline.StoryCentroid) bool {
			ids = append(ids, c.StoryID)
			return len(ids) < limit
		})
		if err != nil {
			t.Fatalf("RecentStoryCentroids: %v", err)
		}
		return ids
	}
	D := assignStory(t, s, placement(arts[2], 0, time.Time{}, time.Time{}, "storm")) // undated again, new story
	for _, tt := range []struct {
		name  string
		since time.Time
		limit int
		want  []int64
	}{
		{"all", time.Time{}, 10, []int64{D, B, A.Centroid.StoryID}},
		{"since", d.Add(30 * time.Hour), 10, []int64{D, B}},
		{"stop", time.Time{}, 2, []int64{D, B}},
	} {
		if got := recent(tt.since, tt.limit); !slices.Equal(got, tt.want) {
			t.Errorf("%s: RecentStoryCentroids = %v, want %v", tt.name, got, tt.want)
		}
	}
	before := version()
	if err := s.ClearStoryIndex(ctx(t)); err != nil {
		t.Fatal(err)
	}
	if v := version(); v != before+1 {
		t.Errorf("after ClearStoryIndex: version %d, want %d", v, before+1)
	}
	if got := recent(time.Time{}, 10); len(got) != 0 {
		t.Errorf("after ClearStoryIndex: RecentStoryCentroids = %v", got)
	}
}
