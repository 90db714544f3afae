package storyline

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// Pruned reports what one Prune removed.
type Pruned struct {
	// Articles is how many articles were deleted, copies included.
	Articles int
	// Stories is how many stories were deleted with their last articles.
	Stories int
	// StoryIDs are those stories, for the callers that keep a copy of the
	// story index.
	StoryIDs []int64
	// IndexVersion is the story index's version after the deletion, when
	// it took stories out of the index; 0 when it did not touch the index.
	IndexVersion int64
	// More is true when articles older than the cut remain that a later
	// call would delete: Prune deletes at most its limit at a time.
	More bool
}

// RetentionStore deletes old coverage, so that a store polled for years
// holds a bounded window of it.
type RetentionStore interface {
	// Prune deletes up to limit canonical articles stored before cut,
	// with their copies, analyses, feed entries and search entries, and
	// the stories they leave empty, and the reads of what it deletes. An
	// article is kept while it or one of its copies has comments or is
	// saved by a reader, while a story it belongs to has comments or is
	// saved, and while one of its copies was stored at or after cut.
	// Stories that lose articles but keep some are otherwise left as they
	// are.
	Prune(ctx context.Context, cut time.Time, limit int) (Pruned, error)
	// Reclaim gives the space deleted rows left back to the file system
	// where the store can (SQLite's incremental vacuum) and is a no-op
	// where the database reuses it itself.
	Reclaim(ctx context.Context) error
}

// MinRetention is the shortest retention age accepted: coverage younger
// than a day is still forming its stories.
const MinRetention = 24 * time.Hour

// ParseRetention reads a retention age: "0" or "" (keep everything), a
// number of days or weeks such as 90d or 12w, or a Go duration such as
// 2160h. Ages under MinRetention and over 100 years are refused.
func ParseRetention(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "0" {
		return 0, nil
	}
	var d time.Duration
	unit, num := s[len(s)-1], s[:len(s)-1]
	if n, err := strconv.Atoi(num); err == nil && (unit == 'd' || unit == 'w') {
		if n < 0 || n > 36525 {
			return 0, Errorf(EINVALID, "retention %q: want 1d to 36525d", s)
		}
		d = time.Duration(n) * 24 * time.Hour
		if unit == 'w' {
			d *= 7
		}
	} else if d, err = time.ParseDuration(s); err != nil {
		return 0, Errorf(EINVALID, "retention %q: want an age like 90d, 12w or 2160h, or 0 to keep everything", s)
	}
	switch {
	case d == 0:
		return 0, nil
	case d < MinRetention:
		return 0, Errorf(EINVALID, "retention %q: want at least 1d (or 0 to keep everything)", s)
	case d > 36525*24*time.Hour:
		return 0, Errorf(EINVALID, "retention %q: want at most 100 years", s)
	}
	return d, nil
}

// FormatRetention writes a retention age the way ParseRetention reads it:
// whole days as "90d", "0" for none.
func FormatRetention(d time.Duration) string {
	switch {
	case d <= 0:
		return "0"
	case d%(24*time.Hour) == 0:
		return strconv.FormatInt(int64(d/(24*time.Hour)), 10) + "d"
	}
	return d.String()
}

// RetentionKey is the MetaStore key of the retention age set on the
// Settings page, in FormatRetention's form; a server's --retain flag,
// when given, decides instead.
const RetentionKey = "retention"
