package fetch

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in     string
		want   time.Duration
		wantOK bool
	}{
		{"", 0, false},
		{"120", 120 * time.Second, true},
		{" 7 ", 7 * time.Second, true},
		{"0", 0, true},
		{"-5", 0, true},
		{"-99999999999999999999999", 0, true},
		{"86400", 24 * time.Hour, true},
		{"86401", 24 * time.Hour, true},
		{"99999999999999999999999", 24 * time.Hour, true},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		{now.Add(48 * time.Hour).Format(http.TimeFormat), 24 * time.Hour, true},
		{"Wednesday, 01-Jan-25 12:01:00 GMT", time.Minute, true}, // RFC 850
		{"Wed Jan  1 12:00:30 2025", 30 * time.Second, true},     // asctime
		{"1.5", 0, false},
		{"-", 0, false},
		{"soon", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"", "120", "0", "-1", "Wed, 21 Oct 2015 07:28:00 GMT",
		"99999999999999999999", "abc", "Monday, 01-Jan-25 12:01:00 GMT", " 3 "} {
		f.Add(s)
	}
	now := time.Date(2015, 10, 21, 7, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := parseRetryAfter(s, now)
		if d < 0 || d > maxRetryAfter {
			t.Fatalf("parseRetryAfter(%q) = %v out of range", s, d)
		}
		if !ok && d != 0 {
			t.Fatalf("parseRetryAfter(%q) = %v but not ok", s, d)
		}
	})
}

func TestRateLimitedBackoff(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	tests := []struct {
		name       string
		retryAfter func() string
		want       time.Duration
	}{
		{"seconds", func() string { return "120" }, 120 * time.Second},
		{"date", func() string { return clock.Now().Add(90 * time.Second).Format(http.TimeFormat) }, 90 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var hits atomic.Int64
			srv := newServer(t, counted(&hits, func(w http.ResponseWriter, r *http.Request) {
				if hits.Load() == 1 {
					w.Header().Set("Retry-After", tt.retryAfter())
					w.WriteHeader(http.StatusTooManyRequests)
				}
			}))
			o := testOptions()
			o.Now = clock.Now
			c := newTestClient(t, o)
			ctx := context.Background()

			_, err := c.Get(ctx, Request{URL: srv.URL + "/a"})
			e := wantKind(t, err, KindRateLimited)
			if e.RetryAfter != tt.want || e.Status != 429 {
				t.Fatalf("RetryAfter %v Status %d, want %v 429", e.RetryAfter, e.Status, tt.want)
			}

			// The host is left alone until the time is up.
			clock.Advance(10 * time.Second)
			_, err = c.Get(ctx, Request{URL: srv.URL + "/b"})
			e = wantKind(t, err, KindRateLimited)
			if e.RetryAfter != tt.want-10*time.Second {
				t.Errorf("second RetryAfter %v, want %v", e.RetryAfter, tt.want-10*time.Second)
			}
			if n := hits.Load(); n != 1 {
				t.Fatalf("server hit %d times while backing off", n)
			}

			clock.Advance(tt.want)
			if _, err := c.Get(ctx, Request{URL: srv.URL + "/c"}); err != nil {
				t.Fatal(err)
			}
			if n := hits.Load(); n != 2 {
				t.Errorf("server hit %d times, want 2", n)
			}
		})
	}
}

// TestBackoffWithRobots checks that a host backing off fails fast even when
// robots.txt has to be consulted first.
func TestBackoffWithRobots(t *testing.T) {
	t.Parallel()
	var hits atomic.Int64
	srv := newServer(t, counted(&hits, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "60")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	o := testOptions()
	o.IgnoreRobots = false
	c := newTestClient(t, o)
	for range 3 {
		_, err := c.Get(context.Background(), Request{URL: srv.URL + "/feed"})
		if e := wantKind(t, err, KindRateLimited); e.RetryAfter <= 0 || e.RetryAfter > time.Minute {
			t.Errorf("RetryAfter %v", e.RetryAfter)
		}
	}
	if n := hits.Load(); n != 1 {
		t.Errorf("server hit %d times, want 1 (robots.txt only)", n)
	}
}
