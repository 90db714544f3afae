package ingest

import (
	"slices"

	"github.com/storyline/storyline/internal/feed"
)

// MaxPollEntries is the most new entries one poll of a feed stores: a
// feed of a million entries is taken a part at a time, the newest first,
// instead of one poll storing without end.
const MaxPollEntries = 5000

// newestEntries returns at most max of entries, the newest first when it
// cuts (undated ones last, then in the feed's order), and whether it cut.
func newestEntries(entries []feed.Entry, max int) ([]feed.Entry, bool) {
	if len(entries) <= max {
		return entries, false
	}
	sorted := slices.Clone(entries)
	slices.SortStableFunc(sorted, func(a, b feed.Entry) int {
		switch {
		case a.Published.IsZero() != b.Published.IsZero():
			if a.Published.IsZero() {
				return 1
			}
			return -1
		}
		return b.Published.Compare(a.Published)
	})
	return sorted[:max], true
}
