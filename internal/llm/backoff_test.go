package llm

import (
	"context"
	"math/rand/v2"
	"net/http"
	"testing"
	"time"
)

// maxJitter is a rand.Source that always draws the largest value.
type maxJitter struct{}

func (maxJitter) Uint64() uint64 { return ^uint64(0) }

func TestBackoff(t *testing.T) {
	tests := []struct {
		name   string
		jitter rand.Source
		want   []time.Duration
	}{
		{"no jitter", zeroJitter{}, []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 30 * time.Second, 30 * time.Second}},
		{"most jitter", maxJitter{}, []time.Duration{375 * time.Millisecond, 750 * time.Millisecond, 1500 * time.Millisecond, 3 * time.Second, 6 * time.Second, 12 * time.Second, 22500 * time.Millisecond, 22500 * time.Millisecond}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Client{jitter: &lockedSource{src: tt.jitter}}
			for n, want := range tt.want {
				// Allow a little for float rounding.
				if got := c.backoff(n); got < want-time.Microsecond || got > want+time.Microsecond {
					t.Errorf("backoff(%d) = %v, want %v", n, got, want)
				}
			}
			if got := c.backoff(1000); got > maxBackoff || got < maxBackoff*3/4 {
				t.Errorf("backoff(1000) = %v, want within [22.5s, 30s]", got)
			}
		})
	}
}

func TestBackoffSeeded(t *testing.T) {
	a := &Client{jitter: &lockedSource{src: rand.NewPCG(1, 2)}}
	b := &Client{jitter: &lockedSource{src: rand.NewPCG(1, 2)}}
	for n := range 10 {
		da, db := a.backoff(n), b.backoff(n)
		if da != db {
			t.Errorf("backoff(%d) = %v and %v from the same seed", n, da, db)
		}
		base := min(firstBackoff<<n, maxBackoff)
		if da > base || da < base*3/4 {
			t.Errorf("backoff(%d) = %v, want within [%v, %v]", n, da, base*3/4, base)
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in     string
		want   time.Duration
		wantOK bool
	}{
		{"", 0, false},
		{"7", 7 * time.Second, true},
		{" 0 ", 0, true},
		{"59", 59 * time.Second, true},
		{"3600", maxRetryAfter, true},
		{"99999999999999999999999", maxRetryAfter, true},
		{"-5", 0, false},
		{"1.5", 0, false},
		{"soon", 0, false},
		{now.Add(30 * time.Second).Format(http.TimeFormat), 30 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		{now.Add(time.Hour).Format(http.TimeFormat), maxRetryAfter, true},
		{"Sun, 01 Mar 2026 12:00:10 GMT", 10 * time.Second, true},
	}
	for _, tt := range tests {
		got, ok := parseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("parseRetryAfter(%q) = %v, %t; want %v, %t", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestSleep(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := sleep(ctx, time.Hour); err != context.Canceled {
		t.Errorf("sleep(cancelled, 1h) = %v, want context.Canceled at once", err)
	}
	if err := sleep(t.Context(), 0); err != nil {
		t.Errorf("sleep(ctx, 0) = %v", err)
	}
	if err := sleep(t.Context(), time.Nanosecond); err != nil {
		t.Errorf("sleep(ctx, 1ns) = %v", err)
	}
}
