package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func TestPageCacheUnit(t *testing.T) {
	clk := &clock{t: testNow}
	var renders atomic.Int32
	release := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		renders.Add(1)
		if r.URL.Path == "/slow" {
			<-release
		}
		switch r.URL.Path {
		case "/missing":
			http.NotFound(w, r)
		case "/big":
			fmt.Fprint(w, strings.Repeat("x", 200)) // over a quarter of the cap
		case "/private":
			w.Header().Set("Cache-Control", "private, no-store")
			fmt.Fprint(w, "mine")
		default:
			w.Header().Set("Set-Cookie", "a=b")
			fmt.Fprintf(w, "page %s %d", r.URL.Path, renders.Load())
		}
	})
	c := newPageCache(10*time.Second, 400, clk.now)
	srv := httptest.NewServer(c.middleware(h))
	defer srv.Close()
	get := func(path string) (string, http.Header) {
		t.Helper()
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b strings.Builder
		_, _ = fmt.Fprint(&b, resp.StatusCode, " ")
		buf := make([]byte, 512)
		n, _ := resp.Body.Read(buf)
		b.Write(buf[:n])
		return b.String(), resp.Header
	}

	first, _ := get("/a")
	second, hdr := get("/a")
	if first != second || hdr.Get("Age") == "" || hdr.Get("Set-Cookie") != "" {
		t.Errorf("second visit %q (Age %q, Set-Cookie %q), want the cached %q", second, hdr.Get("Age"), hdr.Get("Set-Cookie"), first)
	}
	// Past the TTL the stale page is served while it is rendered again;
	// the next visits get the new one.
	clk.add(11 * time.Second)
	if third, _ := get("/a"); third != first {
		t.Errorf("just past the TTL: %q, want the stale %q", third, first)
	}
	if eventually(func() bool { b, _ := get("/a"); return b != first }) == false {
		t.Error("the stale page was never rendered again")
	}
	// Far past it, the visitor waits for a new rendering.
	refreshed, _ := get("/a")
	clk.add(staleFactor * 10 * time.Second)
	if b, _ := get("/a"); b == refreshed {
		t.Errorf("%d TTLs later: still %q", staleFactor, b)
	}
	for _, p := range []string{"/missing", "/private", "/big"} {
		get(p)
		n := renders.Load()
		get(p)
		if renders.Load() != n+1 {
			t.Errorf("%s was served from the cache", p)
		}
	}

	// Concurrent visitors of a page being rendered wait for it: one render.
	before := renders.Load()
	var wg sync.WaitGroup
	bodies := make([]string, 8)
	for i := range bodies {
		wg.Go(func() { bodies[i], _ = get("/slow") })
	}
	time.Sleep(100 * time.Millisecond)
	close(release)
	wg.Wait()
	if got := renders.Load() - before; got != 1 {
		t.Errorf("8 concurrent visitors caused %d renders, want 1", got)
	}
	for _, b := range bodies {
		if b != bodies[0] {
			t.Errorf("concurrent visitors got %q and %q", b, bodies[0])
		}
	}

	// The byte cap evicts the oldest pages.
	for i := range 30 {
		get(fmt.Sprintf("/p%d", i))
	}
	c.mu.Lock()
	if c.bytes > c.maxBytes || len(c.entries) != c.order.Len() {
		t.Errorf("cache holds %d bytes in %d entries (%d in order), cap %d", c.bytes, len(c.entries), c.order.Len(), c.maxBytes)
	}
	c.mu.Unlock()
}

func TestPageCacheServer(t *testing.T) {
	clk := &clock{t: testNow}
	asker := &fakeAsker{answer: storyline.Answer{Found: true, Text: "Engineers built it.", Generator: storyline.BuiltInBrief}}
	e := newTestEnv(t, func(c *Config) { c.PageCache = 10 * time.Second; c.Now = clk.now; c.Asker = asker })
	path := "/stories/" + itoa(e.story)
	resp, first := e.get(nil, path)
	resp2, _ := e.get(nil, path)
	if resp.Header.Get("Age") != "" || resp2.Header.Get("Age") == "" {
		t.Fatalf("visitor's second view not cached: Age %q then %q", resp.Header.Get("Age"), resp2.Header.Get("Age"))
	}
	member := e.signedIn("member", memberPassword)
	if r, _ := e.get(member, path); r.Header.Get("Age") != "" {
		t.Error("a signed-in reader got a cached page")
	}
	// A question asked by the member changes nothing: the page stays.
	if r := e.post(member, path+"/ask", url.Values{"question": {"Who built the dam?"}}); r.StatusCode != http.StatusOK {
		t.Fatalf("ask: %s", r.Status)
	}
	if r, _ := e.get(nil, path); r.Header.Get("Age") == "" {
		t.Error("a question emptied the visitors' cache")
	}
	// A comment posted by the member empties the cache: visitors see it.
	e.post(member, path+"/comments", url.Values{"body": {"Fresh remark about the dam."}})
	_, after := e.get(nil, path)
	if after == first || !strings.Contains(after, "Fresh remark about the dam.") {
		t.Error("visitors still see the page from before the comment")
	}
	// A change made elsewhere shows once the page expires.
	if err := e.db.SaveStories(context.Background(), storyline.StoryUpdate{Story: &storyline.Story{ID: e.story, Title: "Dam talks postponed"}}); err != nil {
		t.Fatal(err)
	}
	if _, b := e.get(nil, path); strings.Contains(b, "Dam talks postponed") {
		t.Error("the cached page changed before it expired")
	}
	clk.add(11 * time.Second)
	if !eventually(func() bool { _, b := e.get(nil, path); return strings.Contains(b, "Dam talks postponed") }) {
		t.Error("the page did not change after it expired")
	}
}

// eventually reports whether cond becomes true within five seconds.
func eventually(cond func() bool) bool {
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return false
}

func TestPageCachePurgeDuringRendering(t *testing.T) {
	clk := &clock{t: testNow}
	started, release := make(chan struct{}), make(chan struct{})
	var renders atomic.Int32
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if renders.Add(1) == 1 {
			close(started)
			<-release
		}
		fmt.Fprintf(w, "render %d", renders.Load())
	})
	c := newPageCache(10*time.Second, 1<<20, clk.now)
	srv := httptest.NewServer(c.middleware(h))
	defer srv.Close()
	done := make(chan struct{})
	go func() {
		defer close(done)
		if resp, err := http.Get(srv.URL + "/a"); err == nil {
			resp.Body.Close()
		}
	}()
	<-started
	c.purge() // a change lands while the page is being rendered
	close(release)
	<-done
	resp, err := http.Get(srv.URL + "/a")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if renders.Load() != 2 {
		t.Errorf("a page rendered before a change was served after it (%d renders)", renders.Load())
	}
}

func TestPageCacheKeyHasHost(t *testing.T) {
	var renders atomic.Int32
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		renders.Add(1)
		fmt.Fprint(w, "http://"+r.Host+"/feed")
	})
	c := newPageCache(10*time.Second, 1<<20, time.Now)
	for _, host := range []string{"news.example", "evil.example", "news.example"} {
		r := httptest.NewRequest(http.MethodGet, "/stories/1/feed", nil)
		r.Host = host
		w := httptest.NewRecorder()
		c.middleware(h).ServeHTTP(w, r)
		if !strings.Contains(w.Body.String(), host) {
			t.Errorf("host %s was served %q", host, w.Body.String())
		}
	}
	if renders.Load() != 2 {
		t.Errorf("%d renders, want 2 (one a host)", renders.Load())
	}
	long := httptest.NewRequest(http.MethodGet, "/?junk="+strings.Repeat("j", maxCacheKey), nil)
	c.middleware(h).ServeHTTP(httptest.NewRecorder(), long)
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.entries {
		if len(k) > maxCacheKey {
			t.Errorf("kept a page under a %d-byte key", len(k))
		}
	}
}
