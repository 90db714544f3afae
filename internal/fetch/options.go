package fetch

import (
	"context"
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
	// HostRate is the per-host rate in requests per second; default 4, and a
	// negative value means unlimited.
	HostRate float64
	// HostBurst is how many requests to one host may start at once before
	// HostRate applies (at most HostConcurrency at a time); default 20,
	// the new entries of a busy feed at its first poll.
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
	// Retry-After dates, Expires headers and robots.txt cache expiry.
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
	if o.HostBurst <= 0 {
		o.HostBurst = defaultHostBurst
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	o.AllowCIDRs = append([]netip.Prefix(nil), o.AllowCIDRs...)
	return o
}
