package api

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ParseSince reads a "since" filter: an age such as 90m, 12h, 7d or 2w
// (counted back from now), or a date such as 2026-01-31 or an RFC 3339
// time. The empty string means no filter (the zero time).
func ParseSince(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	unit := s[len(s)-1]
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n < 0 || n > 100_000 {
		return time.Time{}, fmt.Errorf("invalid since %q: want an age like 12h, 7d, 2w or a date like 2026-01-31", s)
	}
	var d time.Duration
	switch unit {
	case 'm':
		d = time.Minute
	case 'h':
		d = time.Hour
	case 'd':
		d = 24 * time.Hour
	case 'w':
		d = 7 * 24 * time.Hour
	default:
		return time.Time{}, fmt.Errorf("invalid since %q: unit must be m, h, d or w", s)
	}
	return now.Add(-time.Duration(n) * d), nil
}
