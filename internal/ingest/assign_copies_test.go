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
	c := newCopyIndex(30 * day)
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
