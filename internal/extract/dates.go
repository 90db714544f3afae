package extract

import (
	"time"

	"github.com/storyline/storyline/internal/timeparse"
)

// parseTime parses a declared publication timestamp in one of the common
// forms; ok is false when it matches none or is implausible for news.
func parseTime(s string) (time.Time, bool) {
	t, err := timeparse.Parse(s)
	if err != nil || t.IsZero() {
		return time.Time{}, false
	}
	return t, plausibleYear(t)
}

// plausibleYear rejects timestamps no news page carries.
func plausibleYear(t time.Time) bool {
	return t.Year() >= 1990 && t.Year() <= 2200
}

// firstTime returns the first of candidates that parses as a timestamp,
// or the zero time.
func firstTime(candidates ...string) time.Time {
	for _, c := range candidates {
		if t, ok := parseTime(c); ok {
			return t
		}
	}
	return time.Time{}
}
