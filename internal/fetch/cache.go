package fetch

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// maxMaxAge caps the freshness lifetime reported in Response.MaxAge.
const maxMaxAge = 365 * 24 * time.Hour

// freshness returns how long a response stays fresh: Cache-Control max-age
// if present, otherwise Expires minus Date (or minus now when Date is
// missing or malformed), clamped to [0, 1 year]. It is 0 when neither says.
func freshness(h http.Header, now time.Time) time.Duration {
	if d, ok := parseMaxAge(h.Values("Cache-Control")); ok {
		return d
	}
	exp := strings.TrimSpace(h.Get("Expires"))
	if exp == "" {
		return 0
	}
	t, err := http.ParseTime(exp)
	if err != nil {
		return 0 // an invalid Expires means already expired
	}
	date := now
	if d, err := http.ParseTime(strings.TrimSpace(h.Get("Date"))); err == nil {
		date = d
	}
	return clampDuration(t.Sub(date), maxMaxAge)
}

// parseMaxAge finds the max-age directive in Cache-Control header values.
func parseMaxAge(values []string) (time.Duration, bool) {
	for _, v := range values {
		for dir := range strings.SplitSeq(v, ",") {
			name, arg, _ := strings.Cut(strings.TrimSpace(dir), "=")
			if !strings.EqualFold(strings.TrimSpace(name), "max-age") {
				continue
			}
			arg = strings.Trim(strings.TrimSpace(arg), `"`)
			if arg == "" || !isInteger(arg) {
				continue
			}
			n, err := strconv.ParseInt(arg, 10, 64)
			switch {
			case err != nil && arg[0] == '-', err == nil && n <= 0:
				return 0, true
			case err != nil, n > int64(maxMaxAge/time.Second):
				return maxMaxAge, true
			}
			return time.Duration(n) * time.Second, true
		}
	}
	return 0, false
}
