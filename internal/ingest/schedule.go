package ingest

import (
	"math/rand/v2"
	"slices"
	"time"
)

// Schedule decides when a feed is polled next. Its zero value is usable:
// zero fields take the defaults below.
type Schedule struct {
	Min time.Duration // shortest interval; default 5 minutes
	Max time.Duration // longest interval and longest back-off; default 24 hours
	// Default is the interval of a feed whose entries carry too few dates
	// to tell its pace; default 1 hour.
	Default time.Duration
	// Jitter spreads polls by up to this fraction either way, so that
	// feeds added together do not stay in step; default 0.1.
	Jitter float64
	// Rand returns a number in [0, 1); nil means math/rand/v2.
	Rand func() float64
}

// Schedule defaults.
const (
	defaultMinInterval     = 5 * time.Minute
	defaultMaxInterval     = 24 * time.Hour
	defaultDefaultInterval = time.Hour
	defaultJitter          = 0.1
)

// withDefaults returns s with its zero fields set.
func (s Schedule) withDefaults() Schedule {
	if s.Min <= 0 {
		s.Min = defaultMinInterval
	}
	if s.Max <= 0 {
		s.Max = defaultMaxInterval
	}
	if s.Max < s.Min {
		s.Max = s.Min
	}
	if s.Default <= 0 {
		s.Default = defaultDefaultInterval
	}
	if s.Jitter <= 0 {
		s.Jitter = defaultJitter
	}
	if s.Rand == nil {
		s.Rand = rand.Float64
	}
	return s
}

// Interval returns the polling interval for a feed whose entries were
// published at the given times (zero times are ignored), as of now: half
// the average gap between its recent entries, so that a new entry waits
// half a gap on average; the longest interval for a feed silent for a
// week. The server's own hints — an RSS TTL, a Cache-Control max-age —
// are floors: a feed is not polled more often than its server asks.
// The result lies in [Min, Max].
func (s Schedule) Interval(published []time.Time, now time.Time, ttl, maxAge time.Duration) time.Duration {
	s = s.withDefaults()
	var dates []time.Time
	for _, t := range published {
		if !t.IsZero() && !t.After(now) {
			dates = append(dates, t)
		}
	}
	slices.SortFunc(dates, func(a, b time.Time) int { return b.Compare(a) })
	const recent = 20
	if len(dates) > recent {
		dates = dates[:recent]
	}
	interval := s.Default
	switch {
	case len(dates) > 0 && now.Sub(dates[0]) > 7*24*time.Hour:
		interval = s.Max
	case len(dates) >= 2:
		span := dates[0].Sub(dates[len(dates)-1])
		interval = span / time.Duration(len(dates)-1) / 2
	}
	interval = max(interval, ttl, maxAge)
	return min(max(interval, s.Min), s.Max)
}

// Backoff returns how long to wait after a feed's failures-th failure in a
// row: Min doubled for each further failure, at most Max.
func (s Schedule) Backoff(failures int) time.Duration {
	s = s.withDefaults()
	d := s.Min
	for i := 1; i < failures && d < s.Max; i++ {
		d *= 2
	}
	return min(d, s.Max)
}

// Next returns the time of the next poll after now for an interval, with
// jitter.
func (s Schedule) Next(now time.Time, interval time.Duration) time.Time {
	s = s.withDefaults()
	spread := (s.Rand()*2 - 1) * s.Jitter
	return now.Add(interval + time.Duration(float64(interval)*spread))
}
