package images

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/fetch"
	"github.com/storyline/storyline/internal/imaging"
)

// TestFetchPending runs one round over one article's image, served as
// each case says, into a real SQLite store, and checks what it recorded.
func TestFetchPending(t *testing.T) {
	webp, err := os.ReadFile("../imaging/testdata/lossy.webp")
	if err != nil {
		t.Fatal(err)
	}
	oversized := append([]byte("\xff\xd8\xff\xe0"), bytes.Repeat([]byte{0}, 1536<<10)...)
	corrupt := append(pngHeader(800, 600), []byte("not a zlib stream")...)
	unavailable := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
	})
	const (
		kept    = "kept"
		failed  = "failed"
		pending = "pending"
	)
	tests := []struct {
		name     string
		handler  http.Handler
		robots   http.Handler // nil: 404, everything allowed
		refuse   bool         // the client refuses private addresses, as in production
		maxBytes int64        // the client's body cap; 0: fetch's default
		want     string
		wantErr  string // in Err, after "URL: "
		page     [2]int // the page rendition's size, when kept
	}{
		{name: "PNG kept", handler: serve("image/png", pngBytes(t, 800, 600)), want: kept, page: [2]int{800, 600}},
		{name: "JPEG as octet-stream kept and fitted to 960 px", handler: serve("application/octet-stream", jpegBytes(t, 1200, 800)),
			want: kept, page: [2]int{960, 640}},
		{name: "GIF without a Content-Type kept", handler: serve("", gifBytes(t, 640, 480)), want: kept, page: [2]int{640, 480}},
		{name: "too many bytes", handler: serve("image/jpeg", oversized), want: failed,
			wantErr: "image is 1.5 MiB, more than the 1 MiB allowed"},
		{name: "over the fetch cap", handler: serve("image/png", pngBytes(t, 800, 600)), maxBytes: 1 << 10, want: failed,
			wantErr: "image is too large (body exceeds 1 KiB)"},
		{name: "too many pixels, refused before decoding", handler: serve("image/png", pngHeader(20000, 20000)), want: failed,
			wantErr: "image is 20000×20000 px, more than the 40 Mpx allowed"},
		{name: "HTML by its Content-Type", handler: serve("text/html; charset=utf-8", []byte("<!doctype html><p>Not found")), want: failed,
			wantErr: "the server sent text/html, not an image"},
		{name: "HTML served as image/png", handler: serve("image/png", []byte("<!doctype html><html><body><p>Sign in")), want: failed,
			wantErr: "text/html; charset=utf-8 is not an image type storyline accepts"},
		{name: "SVG", handler: serve("image/svg+xml", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"></svg>`)), want: failed,
			wantErr: "image/svg+xml is not an image type storyline accepts"},
		{name: "WebP below 200 px", handler: serve("image/webp", webp), want: failed,
			wantErr: "image is 150×100 px, smaller than the 200 px"},
		{name: "tracking pixel", handler: serve("image/gif", gifBytes(t, 1, 1)), want: failed,
			wantErr: "image is 1×1 px, smaller than the 200 px"},
		{name: "corrupt", handler: serve("image/png", corrupt), want: failed, wantErr: "cannot decode the image/png image"},
		{name: "empty", handler: serve("image/png", nil), want: failed, wantErr: "the server sent an empty body"},
		{name: "not found", handler: http.NotFoundHandler(), want: failed, wantErr: "the server answered 404 (not found)"},
		{name: "private address refused", handler: serve("image/png", pngBytes(t, 800, 600)), refuse: true, want: failed,
			wantErr: "the address is on a private network"},
		{name: "disallowed by robots.txt", handler: serve("image/png", pngBytes(t, 800, 600)),
			robots: serve("text/plain", []byte("User-agent: *\nDisallow: /img/\n")), want: failed,
			wantErr: "the site's robots.txt does not allow fetching it"},
		{name: "503 left pending", handler: unavailable, want: pending},
		{name: "429 left pending", handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Retry-After", "120")
			w.WriteHeader(http.StatusTooManyRequests)
		}), want: pending},
		{name: "robots.txt unavailable: left pending", handler: serve("image/png", pngBytes(t, 800, 600)), robots: unavailable, want: pending},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			routes := map[string]http.Handler{"/img/lead": tt.handler}
			if tt.robots != nil {
				routes["/robots.txt"] = tt.robots
			}
			base := newServer(t, routes)
			db := openStore(t)
			url := base + "/img/lead"
			id := addArticle(t, db, "https://news.example/a", url)
			rec := newRecorder(db)
			f, err := New(Config{Store: rec, Client: testClient(t, !tt.refuse, tt.maxBytes),
				Limits: imaging.Limits{MaxBytes: 1 << 20}})
			if err != nil {
				t.Fatal(err)
			}
			n, err := f.FetchPending(ctx)
			if err != nil {
				t.Fatal(err)
			}
			img, saved := rec.get(id)
			left, err := db.PendingImages(ctx, 10)
			if err != nil {
				t.Fatal(err)
			}
			switch tt.want {
			case pending:
				if n != 0 || saved {
					t.Fatalf("recorded %d (%+v), want it left pending", n, img.Err)
				}
				if len(left) != 1 || left[0] != (storyline.ImageTask{ArticleID: id, URL: url}) {
					t.Fatalf("pending %v, want article %d's image", left, id)
				}
				return
			case failed:
				if n != 1 || !saved {
					t.Fatalf("recorded %d, saved %v; want the failure recorded", n, saved)
				}
				if !strings.HasPrefix(img.Err, url+": ") || !strings.Contains(img.Err, tt.wantErr) {
					t.Fatalf("Err %q, want %q after the URL", img.Err, tt.wantErr)
				}
				t.Logf("Err: %s", img.Err)
				if img.Thumb != nil || img.Page != nil {
					t.Fatal("a failure has renditions")
				}
				if _, err := db.Image(ctx, id, storyline.ImageThumb); storyline.ErrorCode(err) != storyline.ENOTFOUND {
					t.Fatalf("Image of a failure: %v, want ENOTFOUND", err)
				}
			case kept:
				if n != 1 || !saved || img.Err != "" {
					t.Fatalf("recorded %d, saved %v, Err %q; want the image kept", n, saved, img.Err)
				}
				refs, err := db.ArticleImages(ctx, []int64{id})
				if err != nil {
					t.Fatal(err)
				}
				ref := refs[id]
				if ref.ThumbWidth != 320 || ref.ThumbHeight != 180 || [2]int{ref.PageWidth, ref.PageHeight} != tt.page || ref.Hash == "" {
					t.Fatalf("ref %+v, want a 320×180 thumbnail and a %v page", ref, tt.page)
				}
				for _, size := range []storyline.ImageSize{storyline.ImageThumb, storyline.ImagePage} {
					d, err := db.Image(ctx, id, size)
					if err != nil {
						t.Fatal(err)
					}
					if imaging.Sniff(d.Data) != imaging.JPEG || d.Hash != ref.Hash {
						t.Fatalf("%s: %s with hash %q, want JPEG with %q", size, imaging.Sniff(d.Data), d.Hash, ref.Hash)
					}
				}
			}
			if len(left) != 0 {
				t.Fatalf("still pending: %v", left)
			}
		})
	}
}

// TestRetry checks that a failure that may pass leaves the image pending
// without fetching it again before its back-off ends, and that it is
// recorded after the last attempt, or kept when the server recovers.
func TestRetry(t *testing.T) {
	tests := []struct {
		name     string
		failures int // requests answered 503 before the image
		want     string
	}{
		{name: "server recovers", failures: 2, want: ""},
		{name: "server stays down", failures: 100, want: ": the server answered 503 (service unavailable) (after 3 tries)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var hits atomic.Int32
			body := pngBytes(t, 400, 300)
			base := newServer(t, map[string]http.Handler{"/lead.png": http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if int(hits.Add(1)) <= tt.failures {
					http.Error(w, "busy", http.StatusServiceUnavailable)
					return
				}
				serve("image/png", body)(w, r)
			})})
			task := storyline.ImageTask{ArticleID: 7, URL: base + "/lead.png"}
			store := newMemStore(task)
			clk := &clock{now: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)}
			f, err := New(Config{Store: store, Client: testClient(t, true, 0), MaxAttempts: 3, RetryAfter: time.Minute, Now: clk.Now})
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			round := func(wantHits int32) int {
				t.Helper()
				n, err := f.FetchPending(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if got := hits.Load(); got != wantHits {
					t.Fatalf("requests %d, want %d", got, wantHits)
				}
				return n
			}
			round(1)
			if _, ok := store.get(7); ok {
				t.Fatal("a 503 was recorded")
			}
			round(1) // waiting: not fetched
			clk.Add(59 * time.Second)
			round(1)
			clk.Add(time.Second)
			round(2)
			clk.Add(time.Minute) // the second wait is two minutes
			round(2)
			clk.Add(time.Minute)
			if n := round(3); n != 1 {
				t.Fatalf("third attempt recorded %d, want 1", n)
			}
			img, ok := store.get(7)
			if !ok {
				t.Fatal("nothing recorded after the third attempt")
			}
			if tt.want == "" && (img.Err != "" || img.Page == nil) {
				t.Fatalf("Err %q, want the image kept", img.Err)
			}
			if tt.want != "" && img.Err != task.URL+tt.want {
				t.Fatalf("Err %q, want %q", img.Err, task.URL+tt.want)
			}
			round(3) // recorded: never fetched again
		})
	}
}

// TestWaitingImagesDoNotCrowdOut checks that images waiting for a retry
// do not take a round's batch from the others.
func TestWaitingImagesDoNotCrowdOut(t *testing.T) {
	base := newServer(t, map[string]http.Handler{
		"/down/":  http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusBadGateway) }),
		"/ok.png": serve("image/png", pngBytes(t, 400, 300)),
	})
	store := newMemStore(
		storyline.ImageTask{ArticleID: 3, URL: base + "/down/3.png"},
		storyline.ImageTask{ArticleID: 2, URL: base + "/down/2.png"},
		storyline.ImageTask{ArticleID: 1, URL: base + "/ok.png"},
	)
	clk := &clock{now: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)}
	f, err := New(Config{Store: store, Client: testClient(t, true, 0), Batch: 2, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if n, err := f.FetchPending(ctx); n != 0 || err != nil {
		t.Fatalf("first round: %d, %v; want both images left pending", n, err)
	}
	if n, err := f.FetchPending(ctx); n != 1 || err != nil {
		t.Fatalf("second round: %d, %v; want the third image kept", n, err)
	}
	if img, ok := store.get(1); !ok || img.Err != "" {
		t.Fatalf("article 1: %+v, want its image kept", img)
	}
}

// TestRun checks that Run goes straight on after a full batch and
// pauses Interval otherwise, so that a failing host cannot make it spin,
// and stops when ctx ends.
func TestRun(t *testing.T) {
	var hits atomic.Int32
	body := pngBytes(t, 400, 300)
	base := newServer(t, map[string]http.Handler{
		"/ok/": http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			hits.Add(1)
			serve("image/png", body)(w, r)
		}),
		"/down.png": http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			hits.Add(1)
			w.WriteHeader(http.StatusServiceUnavailable)
		}),
	})
	store := newMemStore(
		storyline.ImageTask{ArticleID: 4, URL: base + "/ok/4.png"},
		storyline.ImageTask{ArticleID: 3, URL: base + "/ok/3.png"},
		storyline.ImageTask{ArticleID: 2, URL: base + "/ok/2.png"},
		storyline.ImageTask{ArticleID: 1, URL: base + "/down.png"},
	)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var sleeps []time.Duration
	f, err := New(Config{Store: store, Client: testClient(t, true, 0), Batch: 1, Interval: 42 * time.Second,
		RetryAfter: time.Nanosecond, // due again at once: only the interval holds it back
		Sleep: func(ctx context.Context, d time.Duration) error {
			sleeps = append(sleeps, d)
			if len(sleeps) == 3 {
				cancel()
			}
			return ctx.Err()
		}})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Run(ctx); err != nil {
		t.Fatal(err)
	}
	for _, d := range sleeps {
		if d != 42*time.Second {
			t.Fatalf("slept %v, want the interval", d)
		}
	}
	// Three rounds kept an image each without pausing; then each round
	// tried the failing image once and paused.
	if got := hits.Load(); got != 6 {
		t.Fatalf("%d requests, want 3 images and 3 tries of the failing one", got)
	}
	for id := int64(2); id <= 4; id++ {
		if img, ok := store.get(id); !ok || img.Err != "" {
			t.Fatalf("article %d: %+v, want kept", id, img)
		}
	}
}

// TestStoreErrors checks that the store's errors end the round and are
// returned, and that an article deleted meanwhile is no error.
func TestStoreErrors(t *testing.T) {
	base := newServer(t, map[string]http.Handler{"/ok.png": serve("image/png", pngBytes(t, 400, 300))})
	task := storyline.ImageTask{ArticleID: 1, URL: base + "/ok.png"}
	boom := errors.New("disk full")
	tests := []struct {
		name             string
		listErr, saveErr error
		wantErr          error
	}{
		{name: "listing fails", listErr: boom, wantErr: boom},
		{name: "saving fails", saveErr: boom, wantErr: boom},
		{name: "article gone", saveErr: storyline.Errorf(storyline.ENOTFOUND, "article 1 not found")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := newMemStore(task)
			store.listErr, store.saveErr = tt.listErr, tt.saveErr
			f, err := New(Config{Store: store, Client: testClient(t, true, 0)})
			if err != nil {
				t.Fatal(err)
			}
			n, err := f.FetchPending(context.Background())
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
				t.Fatalf("err %v, want %v", err, tt.wantErr)
			}
			if n != 0 {
				t.Fatalf("recorded %d, want 0", n)
			}
		})
	}
}

func TestNew(t *testing.T) {
	if _, err := New(Config{Client: fetch.New(fetch.Options{})}); err == nil {
		t.Fatal("no error without a store")
	}
	if _, err := New(Config{Store: newMemStore()}); err == nil {
		t.Fatal("no error without a client")
	}
}

func TestNotImage(t *testing.T) {
	tests := []struct {
		contentType string
		refused     bool
	}{
		{"image/jpeg", false},
		{"image/svg+xml", false}, // an image, refused by its bytes
		{"application/octet-stream", false},
		{"", false},
		{"nonsense", false},
		{"text/html; charset=utf-8", true},
		{"text/plain", true},
		{"application/json", true},
		{"application/xhtml+xml", true},
		{"application/rss+xml", true},
		{"video/mp4", true},
		{"application/pdf", true},
	}
	for _, tt := range tests {
		if _, got := notImage(tt.contentType); got != tt.refused {
			t.Errorf("notImage(%q) = %v, want %v", tt.contentType, got, tt.refused)
		}
	}
}

func TestFetchFailure(t *testing.T) {
	tests := []struct {
		err     error
		words   string
		passing bool
	}{
		{&fetch.Error{Kind: fetch.KindTimeout}, "could not be reached: no answer in time", true},
		{&fetch.Error{Kind: fetch.KindRefused}, "could not be reached: the connection was refused", true},
		{&fetch.Error{Kind: fetch.KindStatus, Status: 500}, "the server answered 500 (internal server error)", true},
		{&fetch.Error{Kind: fetch.KindStatus, Status: 403}, "the server answered 403 (forbidden)", false},
		{&fetch.Error{Kind: fetch.KindGone, Status: 410}, "the server answered 410 (gone)", false},
		{&fetch.Error{Kind: fetch.KindRateLimited, Status: 429}, "the server asked to slow down", true},
		{&fetch.Error{Kind: fetch.KindTLS}, "could not be reached: its secure connection (TLS) failed", false},
		{&fetch.Error{Kind: fetch.KindInvalid}, "not a web address the image can be fetched from", false},
		{errors.New("odd"), "could not be fetched: odd", true},
	}
	for _, tt := range tests {
		words, passing, _ := fetchFailure(tt.err)
		if words != tt.words || passing != tt.passing {
			t.Errorf("fetchFailure(%v) = %q, %v; want %q, %v", tt.err, words, passing, tt.words, tt.passing)
		}
	}
}

// TestAcceptHeader checks that images are asked for as images.
func TestAcceptHeader(t *testing.T) {
	var accept atomic.Value
	body := pngBytes(t, 400, 300)
	base := newServer(t, map[string]http.Handler{"/lead.png": http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		accept.Store(r.Header.Get("Accept"))
		serve("image/png", body)(w, r)
	})})
	store := newMemStore(storyline.ImageTask{ArticleID: 1, URL: base + "/lead.png"})
	f, err := New(Config{Store: store, Client: testClient(t, true, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := f.FetchPending(context.Background()); n != 1 || err != nil {
		t.Fatalf("recorded %d, %v", n, err)
	}
	if got, _ := accept.Load().(string); !strings.HasPrefix(got, "image/webp, image/jpeg, image/png") {
		t.Fatalf("Accept %q, want the image types first", got)
	}
}

// TestWake checks that Wake ends Run's pause at once: new articles
// were stored.
func TestWake(t *testing.T) {
	store := newMemStore()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var f *Fetcher
	rounds := 0
	f, err := New(Config{Store: store, Client: testClient(t, true, 0), Interval: time.Hour,
		Sleep: func(sctx context.Context, d time.Duration) error {
			rounds++
			if rounds == 2 {
				cancel()
				return ctx.Err()
			}
			f.Wake()
			select {
			case <-sctx.Done():
				return sctx.Err()
			case <-time.After(10 * time.Second):
				t.Error("the pause did not end on Wake")
				cancel()
				return ctx.Err()
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if rounds != 2 {
		t.Errorf("%d pauses, want 2", rounds)
	}
	var none *Fetcher
	none.Wake() // a nil Fetcher (images off) ignores it
}
