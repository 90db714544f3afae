package ingest

import (
	"testing"
	"time"

	"github.com/storyline/storyline/internal/feed"
)

func TestNewestEntries(t *testing.T) {
	t0 := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	entries := []feed.Entry{
		{GUID: "old", Published: t0},
		{GUID: "undated"},
		{GUID: "new", Published: t0.Add(2 * time.Hour)},
		{GUID: "mid", Published: t0.Add(time.Hour)},
	}
	got, cut := newestEntries(entries, 2)
	if !cut || len(got) != 2 || got[0].GUID != "new" || got[1].GUID != "mid" {
		t.Errorf("newestEntries(4, 2) = %v, %v; want new, mid", guidsOf(got), cut)
	}
	got, cut = newestEntries(entries, 4)
	if cut || len(got) != 4 || got[1].GUID != "undated" {
		t.Errorf("within the limit: %v, %v; want the feed's order untouched", guidsOf(got), cut)
	}
	if got, _ := newestEntries(entries, 3); got[2].GUID != "old" {
		t.Errorf("dated before undated: %v", guidsOf(got))
	}
}

// guidsOf lists the GUIDs of entries.
func guidsOf(entries []feed.Entry) []string {
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = e.GUID
	}
	return out
}
