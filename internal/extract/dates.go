package extract

import (
	"strings"
	"time"
)

// dateLayouts are the timestamp forms pages use, most precise first.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z0700",
	"2006-01-02 15:04:05 -07:00",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"2006-01-02",
	"20060102",
	"2006/01/02",
}

// parseTime parses a declared publication timestamp in one of the common
// forms; ok is false when it matches none.
func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, plausibleYear(t)
		}
	}
	return time.Time{}, false
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
