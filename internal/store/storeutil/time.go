package storeutil

import (
	"math"
	"time"
)

// TimeBounds returns the range of times the stores accept: what Unix
// nanoseconds can hold (years 1678 to 2262), in UTC.
func TimeBounds() (lo, hi time.Time) {
	return time.Unix(0, math.MinInt64).UTC(), time.Unix(0, math.MaxInt64).UTC()
}

// InTimeRange reports whether t is the zero time or within TimeBounds.
func InTimeRange(t time.Time) bool {
	lo, hi := TimeBounds()
	return t.IsZero() || !t.Before(lo) && !t.After(hi)
}
