package web

import (
	"fmt"
	"time"
)

// relativeTime says how long before now t was, the way a news site does:
// "just now", "35 minutes ago", "3 hours ago", "yesterday", "4 days ago",
// then the date ("2 Mar 2026"). A time in the future (a clock skew) reads
// "just now".
func relativeTime(t, now time.Time) string {
	if t.IsZero() {
		return ""
	}
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return plural(int(d/time.Minute), "minute") + " ago"
	case d < 24*time.Hour:
		return plural(int(d/time.Hour), "hour") + " ago"
	case d < 48*time.Hour:
		return "yesterday"
	case d < 7*24*time.Hour:
		return fmt.Sprintf("%d days ago", int(d/(24*time.Hour)))
	default:
		return t.UTC().Format("2 Jan 2006")
	}
}

// exactTime is the full time, shown on hover.
func exactTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("Mon, 2 Jan 2006 15:04 MST")
}

// plural returns "1 outlet", "2 outlets".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
