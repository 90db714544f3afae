package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

const (
	// robotsAgent is the product token matched against User-agent lines.
	robotsAgent = "Storyline"
	// robotsMaxBytes is how much of robots.txt is read; the rest is ignored
	// (RFC 9309 asks crawlers to parse at least 500 KiB).
	robotsMaxBytes = 512 << 10
	// robotsTTL is how long a fetched robots.txt is trusted.
	robotsTTL = 24 * time.Hour
	// robotsErrorTTL is how long an unreachable robots.txt blocks the host.
	robotsErrorTTL = 10 * time.Minute
	// robotsAccept is the Accept header of robots.txt requests.
	robotsAccept = "text/plain, */*;q=0.1"
	// minRobotsSweep is the cache size at which expired entries are first swept.
	minRobotsSweep = 4096
)

// robotsEntry is one host's robots.txt verdict. Its other fields are written
// before done is closed and never after.
type robotsEntry struct {
	done    chan struct{}
	rules   *robotstxt.RobotsData // nil when err is set
	err     *Error                // requests to the host fail like this
	expires time.Time
}

// robotsCache holds robots.txt verdicts by scheme://host:port.
type robotsCache struct {
	mu      sync.Mutex
	m       map[string]*robotsEntry
	sweepAt int
}

func newRobotsCache() *robotsCache {
	return &robotsCache{m: make(map[string]*robotsEntry), sweepAt: minRobotsSweep}
}

// entry returns the current entry for key. When there is none, or it has
// expired, it installs a new one and reports that the caller must load it.
func (rc *robotsCache) entry(key string, now time.Time) (e *robotsEntry, load bool) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if e := rc.m[key]; e != nil {
		select {
		case <-e.done:
			if now.Before(e.expires) {
				return e, false
			}
		default:
			return e, false // being loaded
		}
	}
	if len(rc.m) >= rc.sweepAt {
		for k, old := range rc.m {
			select {
			case <-old.done:
				if !now.Before(old.expires) {
					delete(rc.m, k)
				}
			default:
			}
		}
		rc.sweepAt = max(minRobotsSweep, 2*len(rc.m))
	}
	e = &robotsEntry{done: make(chan struct{})}
	rc.m[key] = e
	return e, true
}

// checkRobots returns nil when robots.txt lets us fetch u, and otherwise the
// error for rawURL. Concurrent callers for one host share a single load of
// robots.txt, which is not abandoned when one of them gives up.
func (c *Client) checkRobots(ctx context.Context, rawURL string, u *url.URL) error {
	key := u.Scheme + "://" + hostKey(u)
	e, load := c.robots.entry(key, c.opts.Now())
	if load {
		go c.loadRobots(context.WithoutCancel(ctx), u, e)
	}
	select {
	case <-e.done:
	case <-ctx.Done():
		return ctxError(rawURL, ctx.Err(), nil)
	}
	if e.err != nil {
		return &Error{URL: rawURL, Kind: e.err.Kind, Status: e.err.Status, RetryAfter: e.err.RetryAfter, Err: e.err.Err}
	}
	if !e.rules.TestAgent(u.RequestURI(), robotsAgent) {
		return &Error{URL: rawURL, Kind: KindRobots, Err: errRobotsDisallowed}
	}
	return nil
}

// loadRobots fetches robots.txt for u's host and fills in e.
func (c *Client) loadRobots(ctx context.Context, u *url.URL, e *robotsEntry) {
	ru := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	resp, err := c.do(ctx, ru, Request{URL: ru.String(), Accept: robotsAccept}, robotsMaxBytes, true)
	var ttl time.Duration
	e.rules, e.err, ttl = robotsVerdict(resp, err)
	e.expires = c.opts.Now().Add(ttl)
	close(e.done)
}

// robotsVerdict interprets the outcome of fetching robots.txt per RFC 9309:
// a 2xx body is parsed; other 4xx answers (and too many redirects) allow
// everything; 5xx answers and network failures disallow everything for a
// short while; a rate limit is passed on and not cached.
func robotsVerdict(resp *Response, err error) (*robotstxt.RobotsData, *Error, time.Duration) {
	if err == nil {
		rules, perr := robotstxt.FromBytes(resp.Body)
		if perr != nil {
			return allowAllRobots(), nil, robotsTTL
		}
		return rules, nil, robotsTTL
	}
	var fe *Error
	if !errors.As(err, &fe) {
		fe = &Error{Kind: KindNetwork, Err: err}
	}
	switch fe.Kind {
	case KindNotFound, KindGone, KindRedirects:
		return allowAllRobots(), nil, robotsTTL
	case KindStatus:
		if fe.Status >= 500 {
			return nil, &Error{Kind: KindRobots, Err: fmt.Errorf("robots.txt unavailable: %s", statusText(fe.Status))}, robotsErrorTTL
		}
		return allowAllRobots(), nil, robotsTTL
	case KindRateLimited:
		return nil, fe, 0
	default:
		return nil, fe, robotsErrorTTL
	}
}

// allowAllRobots returns rules that allow everything.
func allowAllRobots() *robotstxt.RobotsData {
	rules, _ := robotstxt.FromStatusAndBytes(404, nil)
	return rules
}
