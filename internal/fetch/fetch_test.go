package fetch

import (
	"context"
	"fmt"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// countingWriter counts body bytes written by a handler.
type countingWriter struct {
	http.ResponseWriter
	n *atomic.Int64
}

func (w countingWriter) Write(p []byte) (int, error) {
	w.n.Add(int64(len(p)))
	return w.ResponseWriter.Write(p)
}

func TestConditionalGet(t *testing.T) {
	t.Parallel()
	content := strings.Repeat("<item>news</item>\n", 200)
	modtime := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	var written atomic.Int64
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Content-Type", "application/rss+xml")
		http.ServeContent(countingWriter{w, &written}, r, "feed.xml", modtime, strings.NewReader(content))
	}))
	c := newTestClient(t, testOptions())
	ctx := context.Background()

	first, err := c.Get(ctx, Request{URL: srv.URL + "/feed.xml"})
	if err != nil {
		t.Fatal(err)
	}
	if first.Status != 200 || first.NotModified || string(first.Body) != content {
		t.Fatalf("first Get: status %d, NotModified %v, %d bytes", first.Status, first.NotModified, len(first.Body))
	}
	if first.ETag != `"v1"` || first.LastModified != modtime.Format(http.TimeFormat) || first.ContentType != "application/rss+xml" {
		t.Fatalf("first Get: ETag %q, LastModified %q, ContentType %q", first.ETag, first.LastModified, first.ContentType)
	}
	if got := written.Load(); got != int64(len(content)) {
		t.Fatalf("server wrote %d bytes, want %d", got, len(content))
	}

	tests := []struct {
		name string
		req  Request
	}{
		{"both", Request{ETag: first.ETag, LastModified: first.LastModified}},
		{"etag", Request{ETag: first.ETag}},
		{"last-modified", Request{LastModified: first.LastModified}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := written.Load()
			req := tt.req
			req.URL = srv.URL + "/feed.xml"
			resp, err := c.Get(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			if !resp.NotModified || resp.Status != 304 || len(resp.Body) != 0 {
				t.Fatalf("got status %d, NotModified %v, %d bytes; want 304", resp.Status, resp.NotModified, len(resp.Body))
			}
			// ServeContent drops Last-Modified from a 304 when there is an
			// ETag, so only the validators the request carried are certain.
			if resp.ETag != first.ETag {
				t.Errorf("ETag %q, want %q", resp.ETag, first.ETag)
			}
			if req.LastModified != "" && resp.LastModified != req.LastModified {
				t.Errorf("LastModified %q, want %q", resp.LastModified, req.LastModified)
			}
			if got := written.Load() - before; got != 0 {
				t.Errorf("server wrote %d body bytes for a 304", got)
			}
		})
	}

	// A stale validator gets the full body again.
	resp, err := c.Get(ctx, Request{URL: srv.URL + "/feed.xml", ETag: `"v0"`})
	if err != nil {
		t.Fatal(err)
	}
	if resp.NotModified || string(resp.Body) != content {
		t.Errorf("stale ETag: NotModified %v, %d bytes", resp.NotModified, len(resp.Body))
	}
}

func TestUnexpected304(t *testing.T) {
	t.Parallel()
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotModified)
	}))
	c := newTestClient(t, testOptions())
	_, err := c.Get(context.Background(), Request{URL: srv.URL})
	if e := wantKind(t, err, KindStatus); e.Status != 304 {
		t.Errorf("Status = %d, want 304", e.Status)
	}
}

func TestRequestHeaders(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var got []http.Header
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.Header.Clone())
		mu.Unlock()
	}))
	defaultUA := "Storyline/" + storyline.Version + " (+https://github.com/storyline/storyline)"
	tests := []struct {
		name       string
		opts       Options
		req        Request
		wantUA     string
		wantAccept string
	}{
		{"defaults", testOptions(), Request{}, defaultUA, defaultAccept},
		{"custom", func() Options { o := testOptions(); o.UserAgent = "Test/1"; return o }(),
			Request{Accept: "application/atom+xml"}, "Test/1", "application/atom+xml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mu.Lock()
			got = nil
			mu.Unlock()
			c := newTestClient(t, tt.opts)
			tt.req.URL = srv.URL + "/x"
			if _, err := c.Get(context.Background(), tt.req); err != nil {
				t.Fatal(err)
			}
			mu.Lock()
			defer mu.Unlock()
			if len(got) != 1 {
				t.Fatalf("server saw %d requests", len(got))
			}
			h := got[0]
			if ua := h.Get("User-Agent"); ua != tt.wantUA {
				t.Errorf("User-Agent = %q, want %q", ua, tt.wantUA)
			}
			if a := h.Get("Accept"); a != tt.wantAccept {
				t.Errorf("Accept = %q, want %q", a, tt.wantAccept)
			}
			if ae := h.Get("Accept-Encoding"); ae != "gzip, deflate" {
				t.Errorf("Accept-Encoding = %q", ae)
			}
			if h.Get("If-None-Match") != "" || h.Get("If-Modified-Since") != "" {
				t.Errorf("unexpected conditional headers: %v", h)
			}
		})
	}
}

func TestInvalidURL(t *testing.T) {
	t.Parallel()
	var lookups atomic.Int64
	o := testOptions()
	o.IgnoreRobots = false
	o.LookupIP = func(context.Context, string) ([]netip.Addr, error) {
		lookups.Add(1)
		return nil, fmt.Errorf("no lookups expected")
	}
	c := newTestClient(t, o)
	for _, u := range []string{"", " ", "ftp://x", "http://", "::", "mailto:a@example.com",
		"http:///path", "javascript:alert(1)", "//example.com/x", "http://[::1", "file:///etc/passwd", "http:opaque"} {
		_, err := c.Get(context.Background(), Request{URL: u})
		e := wantKind(t, err, KindInvalid)
		if e.URL != u {
			t.Errorf("%q: Error.URL = %q", u, e.URL)
		}
	}
	if n := lookups.Load(); n != 0 {
		t.Errorf("%d DNS lookups for invalid URLs", n)
	}
}

func TestStatus(t *testing.T) {
	t.Parallel()
	tests := []struct {
		code           int
		retryAfter     string
		want           Kind
		wantRetryAfter time.Duration
		wantMsg        string
	}{
		{404, "", KindNotFound, 0, "HTTP 404 Not Found"},
		{410, "", KindGone, 0, "HTTP 410 Gone"},
		{500, "", KindStatus, 0, "HTTP 500 Internal Server Error"},
		{403, "", KindStatus, 0, "HTTP 403 Forbidden"},
		{503, "", KindStatus, 0, "HTTP 503 Service Unavailable"},
		{503, "garbage", KindStatus, 0, "HTTP 503 Service Unavailable"},
		{503, "30", KindRateLimited, 30 * time.Second, "HTTP 503 Service Unavailable (retry after 30s)"},
		{429, "120", KindRateLimited, 120 * time.Second, "HTTP 429 Too Many Requests (retry after 2m0s)"},
		{429, "", KindRateLimited, 0, "HTTP 429 Too Many Requests"},
		{429, "999999999", KindRateLimited, 24 * time.Hour, "HTTP 429 Too Many Requests (retry after 24h0m0s)"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d-%s", tt.code, tt.retryAfter), func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.retryAfter != "" {
					w.Header().Set("Retry-After", tt.retryAfter)
				}
				w.WriteHeader(tt.code)
				fmt.Fprint(w, strings.Repeat("error page ", 1000))
			}))
			c := newTestClient(t, testOptions())
			u := srv.URL + "/feed"
			_, err := c.Get(context.Background(), Request{URL: u})
			e := wantKind(t, err, tt.want)
			if e.Status != tt.code || e.RetryAfter != tt.wantRetryAfter || e.URL != u {
				t.Errorf("got Status %d RetryAfter %v URL %q", e.Status, e.RetryAfter, e.URL)
			}
			if want := "fetch " + u + ": " + tt.wantMsg; err.Error() != want {
				t.Errorf("message %q, want %q", err.Error(), want)
			}
		})
	}
}

func TestRedirects(t *testing.T) {
	t.Parallel()
	var mux http.ServeMux
	mux.HandleFunc("/r/{n}", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.PathValue("n"))
		if n == 0 {
			fmt.Fprint(w, "arrived")
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/r/%d", n-1), http.StatusFound)
	})
	mux.HandleFunc("/loop/a", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop/b", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/loop/b", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop/a", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/self", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/self", http.StatusTemporaryRedirect)
	})
	mux.HandleFunc("/ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://example.com/x", http.StatusFound)
	})
	srv := newServer(t, &mux)

	tests := []struct {
		name      string
		max       int
		path      string
		want      Kind
		wantFinal string
		wantMsg   string
	}{
		{"five", 0, "/r/5", KindNone, "/r/0", ""},
		{"six", 0, "/r/6", KindRedirects, "", "stopped after 5 redirects"},
		{"loop", 0, "/loop/a", KindRedirects, "", "redirect loop"},
		{"self", 0, "/self", KindRedirects, "", "redirect loop"},
		{"scheme", 0, "/ftp", KindRedirects, "", "unsupported scheme"},
		{"none-needed", -1, "/r/0", KindNone, "/r/0", ""},
		{"none-allowed", -1, "/r/1", KindRedirects, "", "stopped after 0 redirects"},
		{"two", 2, "/r/3", KindRedirects, "", "stopped after 2 redirects"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			o := testOptions()
			o.MaxRedirects = tt.max
			c := newTestClient(t, o)
			resp, err := c.Get(context.Background(), Request{URL: srv.URL + tt.path})
			if tt.want == KindNone {
				if err != nil {
					t.Fatal(err)
				}
				if resp.URL != srv.URL+tt.wantFinal || string(resp.Body) != "arrived" {
					t.Errorf("final URL %q body %q", resp.URL, resp.Body)
				}
				return
			}
			wantKind(t, err, tt.want)
			if !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("message %q lacks %q", err.Error(), tt.wantMsg)
			}
		})
	}
}

func TestMaxAgeFromServer(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/cc":
			w.Header().Set("Cache-Control", "public, max-age=300")
		case "/expires":
			w.Header().Set("Expires", clock.Now().Add(time.Hour).Format(http.TimeFormat))
			w.Header()["Date"] = []string{clock.Now().Format(http.TimeFormat)}
		}
	}))
	o := testOptions()
	o.Now = clock.Now
	c := newTestClient(t, o)
	for path, want := range map[string]time.Duration{"/cc": 5 * time.Minute, "/expires": time.Hour, "/none": 0} {
		resp, err := c.Get(context.Background(), Request{URL: srv.URL + path})
		if err != nil {
			t.Fatal(err)
		}
		if resp.MaxAge != want {
			t.Errorf("%s: MaxAge %v, want %v", path, resp.MaxAge, want)
		}
	}
}

func TestFreshness(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	date := func(d time.Duration) string { return now.Add(d).Format(http.TimeFormat) }
	tests := []struct {
		cc, expires, date string
		want              time.Duration
	}{
		{"", "", "", 0},
		{"max-age=60", "", "", time.Minute},
		{"no-cache, MAX-AGE = \"90\"", "", "", 90 * time.Second},
		{"s-maxage=10, max-age=20", "", "", 20 * time.Second},
		{"max-age=-5", "", "", 0},
		{"max-age=abc", date(time.Hour), "", time.Hour},
		{"max-age=99999999999999999999999", "", "", maxMaxAge},
		{"max-age=60", date(time.Hour), "", time.Minute},
		{"", date(2 * time.Hour), date(time.Hour), time.Hour},
		{"", date(-time.Hour), "", 0},
		{"", "0", "", 0},
		{"", date(time.Hour), "nonsense", time.Hour},
	}
	for _, tt := range tests {
		h := http.Header{}
		for k, v := range map[string]string{"Cache-Control": tt.cc, "Expires": tt.expires, "Date": tt.date} {
			if v != "" {
				h.Set(k, v)
			}
		}
		if got := freshness(h, now); got != tt.want {
			t.Errorf("freshness(cc=%q expires=%q date=%q) = %v, want %v", tt.cc, tt.expires, tt.date, got, tt.want)
		}
	}
}

func FuzzFreshness(f *testing.F) {
	f.Add("max-age=60", "", "")
	f.Add("", "Wed, 21 Oct 2015 07:28:00 GMT", "Wed, 21 Oct 2015 07:20:00 GMT")
	f.Add("max-age=\"", "0", "x")
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, cc, expires, date string) {
		h := http.Header{"Cache-Control": {cc}, "Expires": {expires}, "Date": {date}}
		if got := freshness(h, now); got < 0 || got > maxMaxAge {
			t.Fatalf("freshness = %v out of range", got)
		}
	})
}
