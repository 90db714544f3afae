package fetch

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// maxRetryAfter caps how long a Retry-After can keep us away from a host.
const maxRetryAfter = 24 * time.Hour

// parseRetryAfter parses a Retry-After value, either delta-seconds or an
// HTTP-date taken relative to now. The result is clamped to [0, 24h]. ok is
// false when v is empty or malformed.
func parseRetryAfter(v string, now time.Time) (d time.Duration, ok bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if isInteger(v) {
		n, err := strconv.ParseInt(v, 10, 64)
		switch {
		case err != nil && v[0] == '-', err == nil && n <= 0:
			return 0, true
		case err != nil, n > int64(maxRetryAfter/time.Second):
			return maxRetryAfter, true
		}
		return time.Duration(n) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return clampDuration(t.Sub(now), maxRetryAfter), true
}

// isInteger reports whether s is an optional minus sign and one or more
// ASCII digits.
func isInteger(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// clampDuration limits d to [0, limit].
func clampDuration(d, limit time.Duration) time.Duration {
	return min(max(d, 0), limit)
}
