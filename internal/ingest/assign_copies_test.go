package ingest

import (
	"testing"
	"time"

	"github.com/storyline/storyline/internal/analysis/dedup"
	"github.com/storyline/storyline/internal/text"
)

// TestCopyIndexForgetsOldSignatures: the copy index keeps what came in
// within its window, drops the rest as new signatures come, and an
// article removed and added again is kept from its new time.
func TestCopyIndexForgetsOldSignatures(t *testing.T) {
	ta := text.NewAnalyzer("en")
	sig := func(s string) dedup.Signature {
		return dedup.Sign(s+" the harbour authority said ships would wait outside the port until the storm passed", ta)
	}
	t0 := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	c := newCopyIndex(30*day, 100)
	c.add(1, sig("one"), t0)
	c.add(2, sig("two"), t0.Add(10*day))
	c.remove(1)
	c.add(1, sig("one again"), t0.Add(20*day))
	for _, tt := range []struct {
		at   time.Duration
		id   int64
		want int
	}{
		{29 * day, 3, 3},  // nothing older than 30 days
		{35 * day, 4, 4},  // article 1's first entry expires, but it was added again
		{45 * day, 5, 4},  // article 2 expires
		{55 * day, 6, 4},  // article 1 expires
		{100 * day, 7, 1}, // all but the newest
	} {
		c.add(tt.id, sig(string(rune('a'+tt.id))), t0.Add(tt.at))
		if got := c.Len(); got != tt.want {
			t.Errorf("after adding article %d on day %d: %d signatures, want %d", tt.id, int(tt.at/day), got, tt.want)
		}
	}
	if _, _, ok := c.Match(sig(string(rune('a' + 7)))); !ok {
		t.Error("the newest signature is not found")
	}
}

// TestCopyIndexKeepsTheNewestUpToItsLimit: beyond its limit the copy
// index drops the articles that came in first, whatever their age, and
// an article added again counts from its new time.
func TestCopyIndexKeepsTheNewestUpToItsLimit(t *testing.T) {
	ta := text.NewAnalyzer("en")
	texts := []string{"",
		"the harbour authority said ships would wait outside the port until the storm passed",
		"the city council voted to close the old bridge to lorries after engineers found cracks",
		"the league fined both clubs after supporters threw flares onto the pitch in the final",
		"researchers counted fewer swifts nesting in the valley than in any year since records began",
		"the airline cancelled its morning flights when a strike by baggage handlers spread to two airports",
	}
	sig := func(id int64) dedup.Signature { return dedup.Sign(texts[id], ta) }
	t0 := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	c := newCopyIndex(30*24*time.Hour, 3)
	for id := int64(1); id <= 3; id++ {
		c.add(id, sig(id), t0.Add(time.Duration(id)*time.Minute))
	}
	c.remove(1)
	c.add(1, sig(1), t0.Add(4*time.Minute)) // now the newest
	c.add(4, sig(4), t0.Add(5*time.Minute)) // article 2 goes
	c.add(5, sig(5), t0.Add(6*time.Minute)) // article 3 goes
	if got := c.Len(); got != 3 {
		t.Fatalf("%d signatures, want 3", got)
	}
	for id, want := range map[int64]bool{1: true, 2: false, 3: false, 4: true, 5: true} {
		got, _, ok := c.Match(sig(id))
		if found := ok && got == id; found != want {
			t.Errorf("article %d found: %v, want %v", id, found, want)
		}
	}
}
