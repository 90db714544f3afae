package web

import (
	"bytes"
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// pageCache keeps the pages served to visitors (no session, no token) for
// a few seconds, as a news site's front proxy would: a burst of readers
// opening one story costs one rendering. Concurrent requests for a page
// being rendered wait for it rather than render it again. Once a page is
// older than the TTL, the next visitor still gets it while it is rendered
// again in the background (stale-while-revalidate, RFC 5861), for up to
// staleFactor TTLs; older pages are rendered while the visitor waits. A
// request that changes something (a comment, a setting) empties the
// cache, so the site never shows visitors a page older than that change.
// Signed-in readers always get fresh pages. A kept page carries an ETag
// (If-None-Match is answered 304) and is compressed at most once per
// coding, the first time a visitor asks for that coding; its compressed
// forms count towards the byte cap.
type pageCache struct {
	ttl      time.Duration
	maxBytes int
	now      func() time.Time

	mu      sync.Mutex
	entries map[string]*cachedPage
	order   *list.List // keys, oldest first
	bytes   int        // of the kept pages' keys and bodies, compressed ones too
	gen     uint64     // incremented by purge: renderings begun before are not kept
}

// maxCacheKey is the longest request (host and URI) whose page is kept;
// longer ones are rendered every time.
const maxCacheKey = 2048

// staleFactor is how many TTLs old a page may be and still be served
// while it is rendered again.
const staleFactor = 6

// verdict is what a cache does with an entry it has kept.
type verdict int

const (
	serveEntry   verdict = iota // serve it
	refreshEntry                // serve it, and render it again in the background
	dropEntry                   // drop it and render the page while the request waits
)

// judge decides about an entry kept for age with a TTL of ttl: usable
// says it may be served at all, refreshing that it is already being
// rendered again.
func judge(age, ttl time.Duration, usable, refreshing bool) verdict {
	switch {
	case !usable || age < 0 || age >= staleFactor*ttl:
		return dropEntry
	case age < ttl || refreshing:
		return serveEntry
	}
	return refreshEntry
}

// cachedPage is one cached response, or one being rendered (ready open).
type cachedPage struct {
	ready      chan struct{}
	refreshing bool   // rendered again in the background
	gen        uint64 // the cache's generation when the rendering began
	status     int
	header     http.Header
	body       []byte
	at         time.Time
	elem       *list.Element
	ok         bool // the response may be served again
	// coded holds the body compressed, by coding, made on first use;
	// codedBytes (guarded by the cache's mu) is what is counted of them.
	coded      [numCodings]codedBody
	codedBytes int
}

// codedBody is a cached body compressed in one coding: nil when that
// saves nothing.
type codedBody struct {
	once sync.Once
	body []byte
}

// newPageCache returns a cache keeping pages for ttl, up to maxBytes of
// bodies.
func newPageCache(ttl time.Duration, maxBytes int, now func() time.Time) *pageCache {
	return &pageCache{ttl: ttl, maxBytes: maxBytes, now: now, entries: map[string]*cachedPage{}, order: list.New()}
}

// cacheable reports whether r's response may come from the cache: a
// visitor's GET of a page or an Atom feed.
func cacheable(r *http.Request) bool {
	if r.Method != http.MethodGet || userFrom(r.Context()) != nil || r.Header.Get("Authorization") != "" {
		return false
	}
	p := r.URL.Path
	switch {
	case isAPI(r), appPath(p), strings.HasPrefix(p, "/static/"), strings.HasPrefix(p, "/images/"), p == "/healthz", p == "/metrics", p == "/setup", p == "/login":
		return false
	}
	return true
}

// middleware serves cacheable requests from the cache.
func (c *pageCache) middleware(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !cacheable(r) {
			h.ServeHTTP(w, r)
			return
		}
		// The host is part of the key: Atom feeds carry absolute links
		// made from it, and a request naming another host must not
		// decide what everyone else is served.
		key := themeOf(r) + " " + strings.ToLower(r.Host) + r.URL.RequestURI()
		if len(key) > maxCacheKey {
			h.ServeHTTP(w, r)
			return
		}
		e, fill, refresh := c.lookup(key)
		if fill {
			c.fill(key, e, h, w, r)
			return
		}
		if refresh {
			go c.refresh(key, e, h, r.Clone(context.WithoutCancel(r.Context())))
		}
		select {
		case <-e.ready:
		case <-r.Context().Done():
			return
		}
		if !e.ok {
			h.ServeHTTP(w, r) // the first one could not be kept: render it here
			return
		}
		c.replay(key, e, w, r)
	})
}

// lookup returns the entry for key: a fresh one, or one being rendered
// (to wait for), or a stale one to serve while the caller renders it again
// in the background (refresh true); else a new empty one (fill true) that
// the caller must fill.
func (c *pageCache) lookup(key string) (e *cachedPage, fill, refresh bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[key]; ok {
		select {
		case <-e.ready:
			switch judge(c.now().Sub(e.at), c.ttl, e.ok, e.refreshing) {
			case dropEntry:
				c.remove(key, e)
			case serveEntry:
				return e, false, false
			case refreshEntry:
				e.refreshing = true
				return e, false, true
			}
		default:
			return e, false, false // being rendered
		}
	}
	e = &cachedPage{ready: make(chan struct{}), at: c.now(), gen: c.gen}
	c.entries[key] = e
	e.elem = c.order.PushBack(key)
	return e, true, false
}

// keepLocked decides whether e, just rendered from rec, is kept, records
// it, and marks it ready. c.mu must be held.
func (c *pageCache) keepLocked(key string, e *cachedPage, rec *recorder) {
	e.status, e.body, e.header, e.at = rec.status, rec.buf.Bytes(), rec.header, c.now()
	e.ok = rec.keep() && e.gen == c.gen && len(key)+len(e.body) <= c.maxBytes/4
	close(e.ready)
	if !e.ok {
		if c.entries[key] == e {
			c.remove(key, e)
		}
		return
	}
	c.bytes += len(key) + len(e.body)
	c.evict()
}

// refresh renders the page of stale entry old again and puts it in old's
// place, unless the cache dropped old meanwhile.
func (c *pageCache) refresh(key string, old *cachedPage, h http.Handler, r *http.Request) {
	c.mu.Lock()
	e := &cachedPage{ready: make(chan struct{}), gen: c.gen}
	c.mu.Unlock()
	rec := &recorder{ResponseWriter: discardWriter{header: http.Header{}}}
	defer func() {
		if v := recover(); v != nil {
			rec.status = 0 // keep nothing; the next visitor renders it
		}
		rec.tag()
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.entries[key] != old {
			close(e.ready)
			return
		}
		c.remove(key, old)
		c.entries[key] = e
		e.elem = c.order.PushBack(key)
		c.keepLocked(key, e, rec)
	}()
	h.ServeHTTP(rec, r)
}

// discardWriter is the response writer of a background rendering.
type discardWriter struct{ header http.Header }

// Header returns the response's headers.
func (d discardWriter) Header() http.Header { return d.header }

// Write discards b.
func (d discardWriter) Write(b []byte) (int, error) { return len(b), nil }

// WriteHeader does nothing.
func (d discardWriter) WriteHeader(int) {}

// fill renders the page into e, sending it to w as it goes.
func (c *pageCache) fill(key string, e *cachedPage, h http.Handler, w http.ResponseWriter, r *http.Request) {
	rec := &recorder{ResponseWriter: w}
	defer func() {
		rec.tag()
		c.mu.Lock()
		c.keepLocked(key, e, rec)
		c.mu.Unlock()
	}()
	h.ServeHTTP(rec, r)
}

// remove drops e, stored under key. c.mu must be held.
func (c *pageCache) remove(key string, e *cachedPage) {
	delete(c.entries, key)
	c.order.Remove(e.elem)
	if e.ok {
		c.bytes -= len(key) + len(e.body) + e.codedBytes
	}
}

// evict drops the oldest kept pages until they fit in maxBytes; pages
// being rendered are passed over (they are not counted yet). c.mu must be
// held.
func (c *pageCache) evict() {
	for el := c.order.Front(); el != nil && c.bytes > c.maxBytes; {
		next := el.Next()
		key := el.Value.(string)
		if e := c.entries[key]; e.ok {
			c.remove(key, e)
		}
		el = next
	}
}

// purge empties the cache. Pages being rendered are dropped when done:
// they may show what was there before the change.
func (c *pageCache) purge() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	for key, e := range c.entries {
		select {
		case <-e.ready:
			c.remove(key, e)
		default:
		}
	}
}

// replay writes cached response e, stored under key: compressed in the
// coding the compression middleware negotiated for r (once compressed,
// kept), or 304 Not Modified when r's If-None-Match names the entity tag
// of what would be sent.
func (c *pageCache) replay(key string, e *cachedPage, w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	for k, v := range e.header {
		h[k] = v
	}
	h.Set("Age", strconv.Itoa(int(c.now().Sub(e.at)/time.Second)))
	body := e.body
	if cw := compressWriterOf(w); cw != nil && cw.coding != codingNone && compressibleType(h.Get("Content-Type")) {
		addVary(h)
		if b := c.coded(key, e, cw.coding, cw.codecs); b != nil {
			body = b
			h.Set("Content-Encoding", cw.coding.name())
			if et := h.Get("ETag"); et != "" {
				h.Set("ETag", codedETag(et, cw.coding))
			}
		} else {
			cw.coding = codingNone // too small to gain: sent plain
		}
	}
	if et := h.Get("ETag"); et != "" && etagMatch(r.Header.Get("If-None-Match"), et) {
		for _, k := range []string{"Content-Type", "Content-Length", "Content-Encoding"} {
			h.Del(k)
		}
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(e.status)
	_, _ = w.Write(body)
}

// coded returns e's body compressed in coding cd, compressing it the
// first time and counting it towards the cap while e is kept under key;
// nil when too small to gain or when compressing saves nothing.
func (c *pageCache) coded(key string, e *cachedPage, cd coding, z *codecs) []byte {
	if len(e.body) < minCompressSize {
		return nil
	}
	v := &e.coded[cd]
	v.once.Do(func() {
		v.body = z.encode(cd, e.body)
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.entries[key] == e && e.ok {
			e.codedBytes += len(v.body)
			c.bytes += len(v.body)
			c.evict()
		}
	})
	return v.body
}

// etagMatch reports whether If-None-Match header inm names entity tag et
// (the weak comparison of RFC 9110, section 13.1.2).
func etagMatch(inm, et string) bool {
	et = strings.TrimPrefix(et, "W/")
	for t := range strings.SplitSeq(inm, ",") {
		if t = strings.TrimSpace(t); t == "*" || strings.TrimPrefix(t, "W/") == et {
			return true
		}
	}
	return false
}

// recorder passes a response through while keeping a copy.
type recorder struct {
	http.ResponseWriter
	status int
	header http.Header
	buf    bytes.Buffer
}

// WriteHeader records the status and the headers of the response.
func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
		r.header = r.ResponseWriter.Header().Clone()
		r.header.Del("Set-Cookie")
	}
	r.ResponseWriter.WriteHeader(code)
}

// Write keeps a copy of b.
func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.WriteHeader(http.StatusOK)
	}
	r.buf.Write(b)
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// tag gives a response that may be kept a strong entity tag made from its
// body, unless its handler gave one.
func (r *recorder) tag() {
	if !r.keep() || r.header.Get("ETag") != "" {
		return
	}
	sum := sha256.Sum256(r.buf.Bytes())
	r.header.Set("ETag", `"`+hex.EncodeToString(sum[:12])+`"`)
}

// keep reports whether the response may be served again: a 200 that its
// handler did not mark private or uncacheable.
func (r *recorder) keep() bool {
	if r.status != http.StatusOK || r.header == nil {
		return false
	}
	cc := r.header.Get("Cache-Control")
	return !strings.Contains(cc, "no-store") && !strings.Contains(cc, "private")
}
