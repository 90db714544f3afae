package fetch

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// robotsServer serves robots.txt with the given status and body and counts
// hits on robots.txt and on every other path.
type robotsServer struct {
	robotsHits, pageHits atomic.Int64
	url                  string
}

func newRobotsServer(t *testing.T, status int, robots string) *robotsServer {
	t.Helper()
	rs := &robotsServer{}
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			rs.robotsHits.Add(1)
			if ua := r.Header.Get("User-Agent"); !strings.HasPrefix(ua, "Storyline/") {
				t.Errorf("robots.txt fetched with User-Agent %q", ua)
			}
			w.WriteHeader(status)
			fmt.Fprint(w, robots)
			return
		}
		rs.pageHits.Add(1)
		fmt.Fprint(w, "page")
	}))
	rs.url = srv.URL
	return rs
}

func robotsOptions() Options {
	o := testOptions()
	o.IgnoreRobots = false
	return o
}

func TestRobots(t *testing.T) {
	t.Parallel()
	const disallowPrivate = "User-agent: *\nDisallow: /private\n"
	tests := []struct {
		name   string
		status int
		robots string
		path   string
		skip   bool
		ignore bool
		want   Kind
	}{
		{"disallowed", 200, disallowPrivate, "/private/page", false, false, KindRobots},
		{"allowed", 200, disallowPrivate, "/public/page", false, false, KindNone},
		{"root", 200, disallowPrivate, "", false, false, KindNone},
		{"our-group", 200, "User-agent: Storyline\nDisallow: /\n\nUser-agent: *\nAllow: /\n", "/news", false, false, KindRobots},
		{"our-group-case", 200, "User-agent: storyline\nDisallow: /news\n", "/news", false, false, KindRobots},
		{"other-group", 200, "User-agent: OtherBot\nDisallow: /\n", "/news", false, false, KindNone},
		{"our-group-allows", 200, "User-agent: *\nDisallow: /\n\nUser-agent: Storyline\nAllow: /\n", "/news", false, false, KindNone},
		{"query", 200, "User-agent: *\nDisallow: /*?session=\n", "/page?session=1", false, false, KindRobots},
		{"query-other", 200, "User-agent: *\nDisallow: /*?session=\n", "/page?id=1", false, false, KindNone},
		{"empty", 200, "", "/news", false, false, KindNone},
		{"garbage", 200, "<html>not robots</html>", "/news", false, false, KindNone},
		{"404", 404, "", "/news", false, false, KindNone},
		{"403", 403, "", "/news", false, false, KindNone},
		{"410", 410, "", "/news", false, false, KindNone},
		{"500", 500, "", "/news", false, false, KindRobots},
		{"503", 503, "", "/news", false, false, KindRobots},
		{"skip-500", 500, "", "/news", true, false, KindNone},
		{"skip-disallowed", 200, disallowPrivate, "/private/page", true, false, KindNone},
		{"ignore-disallowed", 200, disallowPrivate, "/private/page", false, true, KindNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rs := newRobotsServer(t, tt.status, tt.robots)
			o := robotsOptions()
			o.IgnoreRobots = tt.ignore
			c := newTestClient(t, o)
			u := rs.url + tt.path
			resp, err := c.Get(context.Background(), Request{URL: u, SkipRobots: tt.skip})
			wantRobotsHits := int64(1)
			if tt.skip || tt.ignore {
				wantRobotsHits = 0
			}
			if n := rs.robotsHits.Load(); n != wantRobotsHits {
				t.Errorf("robots.txt fetched %d times, want %d", n, wantRobotsHits)
			}
			if tt.want == KindNone {
				if err != nil {
					t.Fatal(err)
				}
				if string(resp.Body) != "page" {
					t.Errorf("body %q", resp.Body)
				}
				return
			}
			e := wantKind(t, err, tt.want)
			if e.URL != u || !strings.Contains(err.Error(), "disallowed by robots.txt") {
				t.Errorf("error %q for URL %q", err, e.URL)
			}
			if n := rs.pageHits.Load(); n != 0 {
				t.Errorf("page handler hit %d times despite robots.txt", n)
			}
		})
	}
}

func TestRobotsFetchedOnce(t *testing.T) {
	t.Parallel()
	rs := newRobotsServer(t, 200, "User-agent: *\nDisallow: /private\n")
	c := newTestClient(t, robotsOptions())
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := range 40 {
		wg.Go(func() {
			path := fmt.Sprintf("/public/%d", i)
			if i%2 == 1 {
				path = fmt.Sprintf("/private/%d", i)
			}
			_, err := c.Get(context.Background(), Request{URL: rs.url + path})
			if (i%2 == 1) != (KindOf(err) == KindRobots) || (i%2 == 0 && err != nil) {
				errs <- fmt.Errorf("%s: %v", path, err)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := rs.robotsHits.Load(); n != 1 {
		t.Errorf("robots.txt fetched %d times, want 1", n)
	}
	if n := rs.pageHits.Load(); n != 20 {
		t.Errorf("pages hit %d times, want 20", n)
	}
}

func TestRobotsExpiry(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		status  int
		fresh   time.Duration // still cached after this long
		expired time.Duration // refetched after this long
	}{
		{"ok", 200, 23 * time.Hour, 25 * time.Hour},
		{"server-error", 500, 9 * time.Minute, 11 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			rs := newRobotsServer(t, tt.status, "User-agent: *\nDisallow:\n")
			o := robotsOptions()
			o.Now = clock.Now
			c := newTestClient(t, o)
			get := func() { c.Get(context.Background(), Request{URL: rs.url + "/x"}) }
			get()
			start := clock.Now()
			clock.Advance(tt.fresh)
			get()
			if n := rs.robotsHits.Load(); n != 1 {
				t.Fatalf("after %v: robots.txt fetched %d times, want 1", tt.fresh, n)
			}
			clock.Advance(tt.expired - clock.Now().Sub(start))
			get()
			if n := rs.robotsHits.Load(); n != 2 {
				t.Fatalf("after %v: robots.txt fetched %d times, want 2", tt.expired, n)
			}
		})
	}
}

func TestRobotsRedirectedAndTruncated(t *testing.T) {
	t.Parallel()
	big := "User-agent: *\nDisallow: /private\n" + strings.Repeat("# padding\n", 100<<10)
	var mux http.ServeMux
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/real-robots.txt", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/real-robots.txt", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, big) })
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "page") })
	srv := newServer(t, &mux)
	c := newTestClient(t, robotsOptions())
	_, err := c.Get(context.Background(), Request{URL: srv.URL + "/private/x"})
	wantKind(t, err, KindRobots)
	if _, err := c.Get(context.Background(), Request{URL: srv.URL + "/public"}); err != nil {
		t.Fatal(err)
	}
}

func TestRobotsWaitCanceled(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer close(release)
	c := newTestClient(t, robotsOptions())
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	_, err := c.Get(ctx, Request{URL: srv.URL + "/x"})
	wantKind(t, err, KindCanceled)
	if !errorsIsCanceled(err) {
		t.Errorf("errors.Is(%v, context.Canceled) = false", err)
	}
}
