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
	limiter *rate.Limiter

	// Guarded by hostTable.mu.
	refs      int       // Get calls holding this record
	notBefore time.Time // the host asked us not to come back before this
}

// hostTable maps host:port to its hostState.
type hostTable struct {
	concurrency int
	limit       rate.Limit
	burst       int

	mu      sync.Mutex
	m       map[string]*hostState
	sweepAt int
}

func newHostTable(o Options) *hostTable {
	limit := rate.Limit(o.HostRate)
	if o.HostRate < 0 {
		limit = rate.Inf
	}
	return &hostTable{
		concurrency: o.HostConcurrency,
		limit:       limit,
		burst:       o.HostBurst,
		m:           make(map[string]*hostState),
		sweepAt:     minHostSweep,
	}
}

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
	h := &hostState{
		sem:     make(chan struct{}, t.concurrency),
		limiter: rate.NewLimiter(t.limit, t.burst),
	}
	t.m[key] = h
	return h
}

// sweepLocked forgets records that carry no state: unused, not backing off
// and with a full token bucket.
func (t *hostTable) sweepLocked(now time.Time) {
	for k, h := range t.m {
		if h.refs == 0 && !now.Before(h.notBefore) &&
			(t.limit == rate.Inf || h.limiter.Tokens() >= float64(t.burst)) {
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

// acquire waits for a host slot, the host's rate limiter and a global slot,
// in that order, and returns the function that releases the slots.
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
