package ingest

import (
	"testing"
	"time"
)

func TestScheduleInterval(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	every := func(gap time.Duration, n int) []time.Time {
		var ts []time.Time
		for i := range n {
			ts = append(ts, now.Add(-time.Duration(i)*gap))
		}
		return ts
	}
	s := Schedule{}
	tests := []struct {
		name        string
		published   []time.Time
		ttl, maxAge time.Duration
		want        time.Duration
	}{
		{"hourly feed polled every half hour", every(time.Hour, 10), 0, 0, 30 * time.Minute},
		{"busy feed bounded below", every(time.Minute, 20), 0, 0, 5 * time.Minute},
		{"daily feed", every(24*time.Hour, 5), 0, 0, 12 * time.Hour},
		{"weekly feed bounded above", every(7*24*time.Hour, 3), 0, 0, 24 * time.Hour},
		{"silent for a week", []time.Time{now.Add(-8 * 24 * time.Hour), now.Add(-9 * 24 * time.Hour)}, 0, 0, 24 * time.Hour},
		{"no dates", []time.Time{{}, {}}, 0, 0, time.Hour},
		{"one date", every(time.Hour, 1), 0, 0, time.Hour},
		{"future dates ignored", append(every(time.Hour, 3), now.Add(time.Hour)), 0, 0, 30 * time.Minute},
		{"TTL is a floor", every(time.Hour, 10), 2 * time.Hour, 0, 2 * time.Hour},
		{"max-age is a floor", every(time.Minute, 10), 0, 20 * time.Minute, 20 * time.Minute},
		{"TTL above the maximum", every(time.Hour, 10), 48 * time.Hour, 0, 24 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := s.Interval(tt.published, now, tt.ttl, tt.maxAge); got != tt.want {
				t.Errorf("Interval = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestScheduleBackoff(t *testing.T) {
	s := Schedule{Min: time.Minute, Max: time.Hour}
	want := []time.Duration{time.Minute, time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute,
		16 * time.Minute, 32 * time.Minute, time.Hour, time.Hour}
	for failures, w := range want {
		if got := s.Backoff(failures); got != w {
			t.Errorf("Backoff(%d) = %s, want %s", failures, got, w)
		}
	}
	if got := s.Backoff(1 << 30); got != time.Hour {
		t.Errorf("Backoff(huge) = %s, want the maximum", got)
	}
}

func TestScheduleNextJitter(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		r    float64
		want time.Duration
	}{{0, 54 * time.Minute}, {0.5, time.Hour}, {0.99999999, 66 * time.Minute}} {
		s := Schedule{Rand: func() float64 { return tt.r }}
		got := s.Next(now, time.Hour).Sub(now)
		if got < tt.want-time.Second || got > tt.want+time.Second {
			t.Errorf("Next with rand %v = +%s, want +%s", tt.r, got, tt.want)
		}
	}
}
