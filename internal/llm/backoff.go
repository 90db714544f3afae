package llm

import (
	"context"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Waits between attempts.
const (
	firstBackoff  = 500 * time.Millisecond // before the first retry
	maxBackoff    = 30 * time.Second       // the longest backoff
	maxRetryAfter = time.Minute            // the longest a Retry-After is honoured
)

// lockedSource makes a rand.Source safe for concurrent use.
type lockedSource struct {
	mu  sync.Mutex
	src rand.Source
}

// below returns a duration in [0, d), drawn from the source.
func (l *lockedSource) below(d time.Duration) time.Duration {
	l.mu.Lock()
	u := l.src.Uint64()
	l.mu.Unlock()
	return time.Duration(float64(u>>11) / (1 << 53) * float64(d))
}

// backoff returns the wait before retry number n (0 for the first):
// 0.5 s doubled n times, at most 30 s, less up to a quarter for jitter.
func (c *Client) backoff(n int) time.Duration {
	d := maxBackoff
	if n < 16 {
		d = min(firstBackoff<<n, maxBackoff)
	}
	return d - c.jitter.below(d/4)
}

// parseRetryAfter reads a Retry-After value, delta-seconds or an HTTP
// date taken relative to now, clamped to [0, maxRetryAfter]. ok is false
// when v is empty or not a valid value.
func parseRetryAfter(v string, now time.Time) (d time.Duration, ok bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if v[0] >= '0' && v[0] <= '9' {
		n, err := strconv.ParseUint(v, 10, 64)
		switch {
		case err == nil && n < uint64(maxRetryAfter/time.Second):
			return time.Duration(n) * time.Second, true
		case err == nil, isDigits(v): // too many seconds to hold
			return maxRetryAfter, true
		}
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return min(max(t.Sub(now), 0), maxRetryAfter), true
}

// isDigits reports whether s is all ASCII digits.
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// sleep waits for d or until ctx ends, whichever is first, and returns
// ctx's error if it ended.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
