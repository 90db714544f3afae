package fetch

import (
	"context"
	"math"
	"net/netip"
	"time"

	"github.com/storyline/storyline"
)

// Defaults applied to zero fields of Options.
const (
	defaultConnectTimeout  = 10 * time.Second
	defaultHeaderTimeout   = 20 * time.Second
	defaultTimeout         = 60 * time.Second
	defaultMaxBytes        = 10 << 20
	defaultMaxRedirects    = 5
	defaultMaxConcurrent   = 16
	defaultHostConcurrency = 4
	defaultHostRate        = 4
	defaultHostBurst       = 20
	defaultHostRateMax     = 100
)

// Options configures a Client. Zero values mean the defaults given.
type Options struct {
	// UserAgent is sent with every request; default
	// "Storyline/<Version> (+https://github.com/storyline/storyline)".
	UserAgent string
	// ConnectTimeout bounds each TCP dial; default 10s.
	ConnectTimeout time.Duration
	// HeaderTimeout bounds the TLS handshake and the wait for response
	// headers; default 20s.
	HeaderTimeout time.Duration
	// Timeout bounds the whole request including reading the body, counted
	// from when the request leaves the per-host and global queues; default 60s.
	Timeout time.Duration
	// MaxBytes caps the body after decompression; default 10 MiB.
	MaxBytes int64
	// MaxRedirects is the number of redirects followed; default 5, and a
	// negative value follows none.
	MaxRedirects int
	// MaxConcurrent caps requests in flight across all hosts; default 16.
	MaxConcurrent int
	// HostConcurrency caps requests in flight to one host; default 4.
	HostConcurrency int
	// HostRate is the per-host rate in requests per second that every host
	// starts at and falls back to; default 4, and a negative value means
	// unlimited (no adaptation, no HostRateMax).
	HostRate float64
	// HostRateMax is the most requests per second one host may get. A
	// host's rate adapts between HostRate and HostRateMax: it rises ×1.25
	// after each answer whose headers arrive within 1s (any status but 429
	// and 5xx, and no Retry-After), halves (not below HostRate) after a
	// slower answer or a network failure, and drops back to HostRate at once
	// on 429, 503 or any Retry-After. Whatever the rate and burst, no host
	// gets more than HostRateMax requests in any one second. Default 100; a
	// value below HostRate is raised to it, and HostRateMax equal to
	// HostRate keeps the rate fixed. Ignored when HostRate is negative.
	HostRateMax float64
	// HostBurst is how many requests to one host may go out ahead of its
	// current rate after a quiet spell (at most HostConcurrency at a time,
	// and spaced so that HostRateMax still holds); default 20, the new
	// entries of a busy feed at its first poll.
	HostBurst int
	// AllowPrivate, when false, refuses at dial time to connect to loopback,
	// private, link-local, CGNAT, multicast, unspecified and other
	// special-purpose addresses.
	AllowPrivate bool
	// AllowCIDRs lists prefixes that are allowed even when AllowPrivate is
	// false.
	AllowCIDRs []netip.Prefix
	// IgnoreRobots, when true, skips robots.txt entirely.
	IgnoreRobots bool
	// LookupIP resolves a host name; nil means
	// net.DefaultResolver.LookupNetIP(ctx, "ip", host).
	LookupIP func(ctx context.Context, host string) ([]netip.Addr, error)
	// Now returns the current time; nil means time.Now. It is used for
	// Retry-After dates, Expires headers, robots.txt cache expiry and to
	// time answers for the adaptive host rate (the token buckets themselves
	// run on real time).
	Now func() time.Time
}

// withDefaults returns a copy of o with zero fields replaced by defaults.
func (o Options) withDefaults() Options {
	if o.UserAgent == "" {
		o.UserAgent = "Storyline/" + storyline.Version + " (+https://github.com/storyline/storyline)"
	}
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = defaultConnectTimeout
	}
	if o.HeaderTimeout <= 0 {
		o.HeaderTimeout = defaultHeaderTimeout
	}
	if o.Timeout <= 0 {
		o.Timeout = defaultTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = defaultMaxBytes
	}
	switch {
	case o.MaxRedirects == 0:
		o.MaxRedirects = defaultMaxRedirects
	case o.MaxRedirects < 0:
		o.MaxRedirects = 0
	}
	if o.MaxConcurrent <= 0 {
		o.MaxConcurrent = defaultMaxConcurrent
	}
	if o.HostConcurrency <= 0 {
		o.HostConcurrency = defaultHostConcurrency
	}
	if o.HostRate == 0 {
		o.HostRate = defaultHostRate
	}
	if !(o.HostRateMax > 0) || math.IsInf(o.HostRateMax, 1) {
		o.HostRateMax = defaultHostRateMax
	}
	if o.HostRate > 0 && o.HostRateMax < o.HostRate {
		o.HostRateMax = o.HostRate
	}
	if o.HostBurst <= 0 {
		o.HostBurst = defaultHostBurst
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	o.AllowCIDRs = append([]netip.Prefix(nil), o.AllowCIDRs...)
	return o
}
