// Package fetch is Storyline's polite and safe HTTP fetcher, used for
// everything that touches the network.
//
// A Client refuses to connect to private and reserved addresses (checked at
// dial time, so redirects and DNS answers cannot sneak past), honours
// robots.txt, limits concurrency per host and globally, paces each host at
// a rate that adapts to how fast it answers (between Options.HostRate and
// Options.HostRateMax), backs off when a host answers 429, 503 (or 403)
// with Retry-After, caps decoded bodies and reports every failure as a
// *Error with a Kind.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"time"
)

// defaultAccept is sent when Request.Accept is empty.
const defaultAccept = "text/html, application/xhtml+xml, application/rss+xml, " +
	"application/atom+xml, application/feed+json, application/xml;q=0.9, " +
	"text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"

// Request is one GET.
type Request struct {
	URL          string
	ETag         string // sent as If-None-Match when set
	LastModified string // sent as If-Modified-Since when set
	Accept       string // Accept header; "" means a sensible default for HTML and feeds
	SkipRobots   bool   // for fetches a person asked for directly (not crawling), e.g. a single URL added by hand
}

// Response is a completed GET.
type Response struct {
	URL          string        // final URL after redirects
	Status       int           // 200, or 304 when NotModified
	NotModified  bool          // the server answered 304 to a conditional request; Body is empty
	Body         []byte        // decoded (gzip/deflate removed), at most MaxBytes
	ContentType  string        // the Content-Type header
	ETag         string        // the ETag header (for a 304 without one, the request's)
	LastModified string        // the Last-Modified header (for a 304 without one, the request's)
	MaxAge       time.Duration // from Cache-Control max-age, or Expires minus Date; 0 if none
	Header       http.Header   // all response headers
}

// Client fetches URLs politely and safely. Safe for concurrent use.
type Client struct {
	opts      Options
	dialer    *dialer
	transport *http.Transport
	http      *http.Client
	global    chan struct{} // one slot per request in flight
	hosts     *hostTable
	robots    *robotsCache
}

// New returns a Client configured by opts; zero fields take their defaults.
func New(opts Options) *Client {
	o := opts.withDefaults()
	d := newDialer(o)
	tr := &http.Transport{
		Proxy:                  nil, // an environment proxy would bypass the address checks
		DialContext:            d.DialContext,
		ForceAttemptHTTP2:      true,
		DisableCompression:     true,
		TLSHandshakeTimeout:    o.HeaderTimeout,
		ResponseHeaderTimeout:  o.HeaderTimeout,
		ExpectContinueTimeout:  time.Second,
		MaxIdleConns:           100,
		MaxIdleConnsPerHost:    o.HostConcurrency,
		IdleConnTimeout:        90 * time.Second,
		MaxResponseHeaderBytes: 1 << 20,
	}
	return &Client{
		opts:      o,
		dialer:    d,
		transport: tr,
		http: &http.Client{
			Transport:     tr,
			CheckRedirect: checkRedirect(o.MaxRedirects),
		},
		global: make(chan struct{}, o.MaxConcurrent),
		hosts:  newHostTable(o),
		robots: newRobotsCache(),
	}
}

// CloseIdleConnections closes connections kept alive for reuse.
func (c *Client) CloseIdleConnections() { c.transport.CloseIdleConnections() }

// Get fetches req.URL. Every failure is a *Error.
func (c *Client) Get(ctx context.Context, req Request) (*Response, error) {
	u, err := parseURL(req.URL)
	if err != nil {
		return nil, &Error{URL: req.URL, Kind: KindInvalid, Err: err}
	}
	if err := ctx.Err(); err != nil {
		return nil, ctxError(req.URL, err, nil)
	}
	if !c.opts.IgnoreRobots && !req.SkipRobots {
		if err := c.checkRobots(ctx, req.URL, u); err != nil {
			return nil, err
		}
	}
	resp, err := c.do(ctx, u, req, c.opts.MaxBytes, false)
	if err != nil {
		return nil, err
	}
	return resp, nil
}

// parseURL accepts absolute http and https URLs with a host.
func parseURL(raw string) (*url.URL, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, errors.New("empty URL")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, err
	}
	switch u.Scheme {
	case "http", "https":
	case "":
		return nil, errors.New("missing scheme")
	default:
		return nil, fmt.Errorf("unsupported scheme %q", u.Scheme)
	}
	if u.Hostname() == "" {
		return nil, errors.New("missing host")
	}
	u.Fragment, u.RawFragment = "", ""
	return u, nil
}

// checkRedirect follows at most limit redirects, to http and https URLs only.
func checkRedirect(limit int) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
			return &redirectError{msg: fmt.Sprintf("redirect to unsupported scheme %q", req.URL.Scheme)}
		}
		if len(via) > limit {
			return &redirectError{msg: fmt.Sprintf("stopped after %d redirects", limit)}
		}
		next := req.URL.String()
		for _, prev := range via {
			if prev.URL.String() == next {
				return &redirectError{msg: "redirect loop at " + next}
			}
		}
		return nil
	}
}

// do performs one GET of u under the per-host and global limits, without
// consulting robots.txt. Errors name req.URL. A body longer than maxBytes
// fails with KindTooLarge, or is cut short when truncate is set.
func (c *Client) do(ctx context.Context, u *url.URL, req Request, maxBytes int64, truncate bool) (*Response, error) {
	raw := req.URL
	key := hostKey(u)
	h := c.hosts.get(key, c.opts.Now())
	defer c.hosts.put(h)

	if err := c.backingOff(raw, h); err != nil {
		return nil, err
	}
	release, err := c.acquire(ctx, h)
	if err != nil {
		return nil, classify(ctx, ctx, raw, err)
	}
	defer release()
	// Another request may have been told to back off while this one queued.
	if err := c.backingOff(raw, h); err != nil {
		return nil, err
	}

	rctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	if h.ceiling != nil {
		rctx = httptrace.WithClientTrace(rctx, ceilingTrace(rctx, h.ceiling))
	}
	hreq, err := http.NewRequestWithContext(rctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, &Error{URL: raw, Kind: KindInvalid, Err: err}
	}
	accept := req.Accept
	if accept == "" {
		accept = defaultAccept
	}
	hreq.Header.Set("User-Agent", c.opts.UserAgent)
	hreq.Header.Set("Accept", accept)
	hreq.Header.Set("Accept-Encoding", "gzip, deflate")
	if req.ETag != "" {
		hreq.Header.Set("If-None-Match", req.ETag)
	}
	if req.LastModified != "" {
		hreq.Header.Set("If-Modified-Since", req.LastModified)
	}

	start := c.opts.Now()
	resp, err := c.http.Do(hreq)
	if err != nil {
		e := classify(ctx, rctx, raw, err)
		if ctx.Err() == nil {
			c.hosts.adapt(h, failureOutcome(e.Kind))
		}
		return nil, e
	}
	defer resp.Body.Close()
	c.hosts.adapt(h, answerOutcome(resp.StatusCode, resp.Header.Get("Retry-After") != "", c.opts.Now().Sub(start)))
	return c.response(ctx, rctx, req, resp, maxBytes, truncate)
}

// backingOff fails fast while the host has asked us to stay away.
func (c *Client) backingOff(raw string, h *hostState) error {
	if d := c.hosts.backoff(h, c.opts.Now()); d > 0 {
		return &Error{URL: raw, Kind: KindRateLimited, RetryAfter: d,
			Err: fmt.Errorf("host asked us to wait %s", d)}
	}
	return nil
}

// response turns an HTTP response into a Response or a *Error.
func (c *Client) response(ctx, rctx context.Context, req Request, resp *http.Response, maxBytes int64, truncate bool) (*Response, error) {
	raw := req.URL
	code := resp.StatusCode
	conditional := req.ETag != "" || req.LastModified != ""
	now := c.opts.Now()
	switch {
	case code >= 200 && code < 300:
		body, err := readBody(resp, maxBytes, truncate)
		if err != nil {
			e := classify(ctx, rctx, raw, err)
			e.Status = code
			return nil, e
		}
		return newResponse(resp, body, now), nil
	case code == http.StatusNotModified && conditional:
		r := newResponse(resp, nil, now)
		r.NotModified = true
		if r.ETag == "" {
			r.ETag = req.ETag
		}
		if r.LastModified == "" {
			r.LastModified = req.LastModified
		}
		return r, nil
	}

	_, _ = io.CopyN(io.Discard, resp.Body, errorBodyDrain)
	e := &Error{URL: raw, Kind: KindStatus, Status: code}
	switch code {
	case http.StatusNotFound:
		e.Kind = KindNotFound
	case http.StatusGone:
		e.Kind = KindGone
	default:
		// Retry-After is honoured on any refusal that carries it: 429 and
		// 503 by the standard, 403 by some rate limiters.
		d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), now)
		if code == http.StatusTooManyRequests || (code == http.StatusServiceUnavailable && ok) {
			e.Kind = KindRateLimited
		}
		if ok {
			e.RetryAfter = d
			if d > 0 {
				c.hosts.setBackoff(hostKey(resp.Request.URL), now.Add(d), now)
			}
		}
	}
	return nil, e
}

func newResponse(resp *http.Response, body []byte, now time.Time) *Response {
	if body == nil {
		body = []byte{}
	}
	return &Response{
		URL:          resp.Request.URL.String(),
		Status:       resp.StatusCode,
		Body:         body,
		ContentType:  resp.Header.Get("Content-Type"),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
		MaxAge:       freshness(resp.Header, now),
		Header:       resp.Header,
	}
}
