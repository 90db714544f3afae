package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/fetch"
)

// hostileServer serves the ways a feed's server can fail.
func hostileServer(t *testing.T) *httptest.Server {
	t.Helper()
	var bomb bytes.Buffer
	zw := gzip.NewWriter(&bomb)
	zeros := make([]byte, 1<<20)
	for range 20 { // 20 MiB of zeros, a few KB compressed
		zw.Write(zeros)
	}
	zw.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/forbidden":
			w.Header().Set("Retry-After", "600")
			http.Error(w, "go away", http.StatusForbidden)
		case "/loop":
			http.Redirect(w, r, "/loop2", http.StatusFound)
		case "/loop2":
			http.Redirect(w, r, "/loop", http.StatusFound)
		case "/bomb":
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(bomb.Bytes())
		case "/endless":
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>`))
			chunk := bytes.Repeat([]byte("<item><title>again</title></item>"), 1000)
			for r.Context().Err() == nil {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		case "/slow":
			select {
			case <-time.After(5 * time.Second):
			case <-r.Context().Done():
			}
		case "/html":
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte(`<!DOCTYPE html><html><head><title>No feed here</title></head><body><p>Hello</p></body></html>`))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestPollHostileServers(t *testing.T) {
	srv := hostileServer(t)
	tls := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	t.Cleanup(tls.Close)
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + closed.Addr().String() + "/feed.xml"
	closed.Close()

	loopback := fetch.Options{AllowPrivate: true, HostRate: -1}
	tests := []struct {
		name    string
		url     string
		opts    func(o *fetch.Options)
		wantErr string
		check   func(t *testing.T, f *storyline.Feed, start time.Time)
	}{
		{name: "DNS failure", url: "http://nowhere.test/feed.xml", opts: func(o *fetch.Options) {
			o.LookupIP = func(ctx context.Context, host string) ([]netip.Addr, error) {
				return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
			}
		}, wantErr: "no such host"},
		{name: "connection refused", url: refused, wantErr: "refused"},
		{name: "TLS error", url: tls.URL + "/feed.xml", wantErr: "certificate"},
		{name: "timeout", url: srv.URL + "/slow", opts: func(o *fetch.Options) { o.HeaderTimeout = 200 * time.Millisecond }, wantErr: "timed out"},
		{name: "403 with Retry-After", url: srv.URL + "/forbidden", wantErr: "403", check: func(t *testing.T, f *storyline.Feed, start time.Time) {
			if d := f.RetryUntil.Sub(start); d != 600*time.Second {
				t.Errorf("RetryUntil = start + %s, want 600s", d)
			}
		}},
		{name: "redirect loop", url: srv.URL + "/loop", wantErr: "redirect"},
		{name: "gzip bomb", url: srv.URL + "/bomb", wantErr: "exceeds"},
		{name: "endless body", url: srv.URL + "/endless", opts: func(o *fetch.Options) { o.MaxBytes = 1 << 20 }, wantErr: "exceeds"},
		{name: "HTML without a feed", url: srv.URL + "/html", wantErr: "not a feed"},
		{name: "public name resolving to loopback", url: "http://news.example.com:" + portOf(srv.URL) + "/feed.xml", opts: func(o *fetch.Options) {
			o.AllowPrivate = false
			o.LookupIP = func(context.Context, string) ([]netip.Addr, error) {
				return []netip.Addr{netip.MustParseAddr("127.0.0.1")}, nil
			}
		}, wantErr: "private"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := loopback
			if tt.opts != nil {
				tt.opts(&opts)
			}
			p, db := newTestPollerWith(t, opts)
			f := subscribe(t, db, &storyline.Feed{URL: tt.url})
			start := fixClock(p)
			rep := p.Poll(context.Background(), f)
			if rep.Err == nil || !strings.Contains(rep.Err.Error(), tt.wantErr) {
				t.Fatalf("Poll error = %v, want one mentioning %q", rep.Err, tt.wantErr)
			}
			got := reload(t, db, f)
			if !strings.Contains(got.LastError, tt.wantErr) || got.ErrorCount != 1 || !got.NextPoll.After(start) {
				t.Errorf("stored feed = %+v; want the error stored and counted, and a later next poll", got)
			}
			if tt.check != nil {
				tt.check(t, got, start)
			}
		})
	}
}

// portOf returns the port of a URL like http://127.0.0.1:1234.
func portOf(u string) string { return u[strings.LastIndexByte(u, ':')+1:] }

func TestPollEntryQuirks(t *testing.T) {
	const feedText = `<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0"><channel><title>Caf` + "\xe9" + ` News</title><link>/</link>
<item><title>Caf` + "\xe9" + ` owners meet the mayor</title><link>/a</link><guid>a</guid>
<pubDate>Fri, 01 Jan 2100 10:00:00 +0000</pubDate><description>Owners of the caf` + "\xe9" + ` met the mayor.</description></item>
<item><title>Undated news</title><link>/b</link><guid>b</guid><description>No date on this one.</description></item>
</channel></rss>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed.xml" {
			w.Header().Set("Content-Type", "text/xml") // no charset: the declaration says it
			w.Write([]byte(feedText))
			return
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(srv.Close)
	p, db := newTestPoller(t, false)
	f := subscribe(t, db, &storyline.Feed{URL: srv.URL + "/feed.xml"})
	now := fixClock(p)
	rep := p.Poll(context.Background(), f)
	if rep.Err != nil || rep.Added != 2 || rep.FromFeed != 2 {
		t.Fatalf("report = %+v", rep)
	}
	a, err := db.ArticleByURL(context.Background(), srv.URL+"/a")
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Café owners meet the mayor" {
		t.Errorf("title %q: the declared charset was not applied", a.Title)
	}
	if !a.Published.Equal(now) {
		t.Errorf("a date in 2100 was stored as %s, want it clamped to the fetch time %s", a.Published, now)
	}
	b, err := db.ArticleByURL(context.Background(), srv.URL+"/b")
	if err != nil || !b.Published.Equal(now) {
		t.Errorf("undated entry = %+v, %v; want it dated when it was fetched, %s", b, err, now)
	}
	if got := reload(t, db, f); got.Title != "Café News" {
		t.Errorf("feed title %q", got.Title)
	}
}
