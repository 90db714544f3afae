package briefing

import (
	"context"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

func TestAskerReusesIndexUntilStoryChanges(t *testing.T) {
	st := talksStore()
	a := NewAsker(st, nil, nil)
	ask := func() {
		t.Helper()
		if ans, err := a.Ask(context.Background(), storyline.Question{StoryID: 7, Text: "Who met in Valdora?"}); err != nil || !ans.Found {
			t.Fatalf("ask: %+v, %v", ans, err)
		}
	}
	reads := func() int { st.mu.Lock(); defer st.mu.Unlock(); return st.reads }
	ask()
	first := reads()
	ask()
	if reads() != first {
		t.Errorf("the second question read %d articles again", reads()-first)
	}
	st.mu.Lock()
	st.stories[7].Summary = "A changed summary."
	st.mu.Unlock()
	ask()
	if reads() == first {
		t.Error("a changed story was answered from its old index")
	}
}

func TestAskCacheEvictsLeastRecent(t *testing.T) {
	c := newAskCache()
	day := time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC)
	for id := int64(1); id <= askCacheSize; id++ {
		c.put(&askEntry{story: id, articles: 1, updated: day})
	}
	if _, ok := c.get(1, 1, day, ""); !ok { // 1 is now the most recent
		t.Fatal("story 1 not kept")
	}
	c.put(&askEntry{story: askCacheSize + 1, articles: 1, updated: day})
	if _, ok := c.get(2, 1, day, ""); ok {
		t.Error("story 2, the least recently used, was kept")
	}
	for _, id := range []int64{1, askCacheSize, askCacheSize + 1} {
		if _, ok := c.get(id, 1, day, ""); !ok {
			t.Errorf("story %d not kept", id)
		}
	}
	if _, ok := c.get(1, 2, day, ""); ok {
		t.Error("an entry made at another article count was returned")
	}
}
