package fetch

import (
	"context"
	"net"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// minHostSweep is the table size at which idle host records are first swept.
const minHostSweep = 4096

// hostState holds the limits for one host:port.
type hostState struct {
	sem     chan struct{} // one slot per request in flight
	limiter *rate.Limiter // the adaptive rate, with HostBurst
	ceiling *rate.Limiter // spaces requests for HostRateMax; nil when unlimited

	// Guarded by hostTable.mu.
	refs      int       // Get calls holding this record
	notBefore time.Time // the host asked us not to come back before this
	rate      float64   // limiter's current rate in requests per second
}

// hostTable maps host:port to its hostState.
type hostTable struct {
	concurrency int
	base        float64 // HostRate; negative means unlimited
	max         float64 // HostRateMax
	burst       int

	mu      sync.Mutex
	m       map[string]*hostState
	sweepAt int
}

func newHostTable(o Options) *hostTable {
	return &hostTable{
		concurrency: o.HostConcurrency,
		base:        o.HostRate,
		max:         o.HostRateMax,
		burst:       o.HostBurst,
		m:           make(map[string]*hostState),
		sweepAt:     minHostSweep,
	}
}

// limited reports whether requests to a host are paced at all.
func (t *hostTable) limited() bool { return t.base >= 0 }

// hostKey returns the lower-case host:port of u, with the scheme's default
// port filled in.
func hostKey(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = "80"
		if strings.EqualFold(u.Scheme, "https") {
			port = "443"
		}
	}
	return net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

// get returns the record for key, creating it if needed. The caller must
// call put when done with it.
func (t *hostTable) get(key string, now time.Time) *hostState {
	t.mu.Lock()
	defer t.mu.Unlock()
	h := t.lookupLocked(key, now)
	h.refs++
	return h
}

func (t *hostTable) lookupLocked(key string, now time.Time) *hostState {
	if h, ok := t.m[key]; ok {
		return h
	}
	if len(t.m) >= t.sweepAt {
		t.sweepLocked(now)
	}
	h := &hostState{sem: make(chan struct{}, t.concurrency)}
	if t.limited() {
		h.rate = t.base
		h.limiter = rate.NewLimiter(rate.Limit(t.base), t.burst)
		h.ceiling = rate.NewLimiter(rate.Limit(t.max/ceilingSlack), 1)
	} else {
		h.limiter = rate.NewLimiter(rate.Inf, t.burst)
	}
	t.m[key] = h
	return h
}

// sweepLocked forgets records that carry no state: unused, not backing off
// and with full token buckets. A host whose rate had climbed starts again
// from HostRate when it comes back.
func (t *hostTable) sweepLocked(now time.Time) {
	for k, h := range t.m {
		if h.refs == 0 && !now.Before(h.notBefore) && (!t.limited() ||
			h.limiter.Tokens() >= float64(t.burst) && h.ceiling.Tokens() >= 1) {
			delete(t.m, k)
		}
	}
	t.sweepAt = max(minHostSweep, 2*len(t.m))
}

// put releases a record obtained from get.
func (t *hostTable) put(h *hostState) {
	t.mu.Lock()
	h.refs--
	t.mu.Unlock()
}

// backoff returns how long the host still wants us to wait, or 0.
func (t *hostTable) backoff(h *hostState, now time.Time) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	if now.Before(h.notBefore) {
		return h.notBefore.Sub(now)
	}
	return 0
}

// setBackoff records that the host behind key must not be asked before until.
func (t *hostTable) setBackoff(key string, until, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	h := t.lookupLocked(key, now)
	if until.After(h.notBefore) {
		h.notBefore = until
	}
}

// acquire waits for a host slot, the host's adaptive rate limiter and a
// global slot, in that order, and returns the function that releases the
// slots. The HostRateMax spacing comes later, once the request has its
// connection (see ceilingTrace).
func (c *Client) acquire(ctx context.Context, h *hostState) (release func(), err error) {
	select {
	case h.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if err := h.limiter.Wait(ctx); err != nil {
		<-h.sem
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		// The wait would outlast ctx's deadline.
		return nil, &wrapped{outer: context.DeadlineExceeded, inner: err}
	}
	select {
	case c.global <- struct{}{}:
	case <-ctx.Done():
		<-h.sem
		return nil, ctx.Err()
	}
	return func() {
		<-c.global
		<-h.sem
	}, nil
}
