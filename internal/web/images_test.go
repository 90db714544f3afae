package web

import (
	"bytes"
	"cmp"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// jpegOf returns a w×h JPEG of one colour.
func jpegOf(t *testing.T, w, h int, c color.Color) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// seedImage keeps an image for the wire article and records a failed
// one for the cup article, returning the kept image as saved.
func (e *testEnv) seedImage() storyline.ArticleImage {
	e.t.Helper()
	ctx := context.Background()
	img := &storyline.ArticleImage{ArticleID: e.ids["wire"], SourceURL: "https://wire.example.com/dam.jpg",
		Thumb: jpegOf(e.t, 32, 18, color.RGBA{R: 200, A: 255}), Page: jpegOf(e.t, 96, 64, color.RGBA{B: 200, A: 255}),
		ThumbWidth: 32, ThumbHeight: 18, PageWidth: 96, PageHeight: 64, FetchedAt: testNow.Add(-time.Hour)}
	if err := e.db.SaveImage(ctx, img); err != nil {
		e.t.Fatal(err)
	}
	if err := e.db.SaveImage(ctx, &storyline.ArticleImage{ArticleID: e.ids["cup"], SourceURL: "https://daily.example.org/cup.png",
		Err: "https://daily.example.org/cup.png: the server answered 404 (not found)", FetchedAt: testNow}); err != nil {
		e.t.Fatal(err)
	}
	if img.Hash == "" {
		e.t.Fatal("SaveImage set no hash")
	}
	return *img
}

func TestImage(t *testing.T) {
	e := newTestEnv(t)
	img := e.seedImage()
	ref := storyline.ImageRef{ArticleID: img.ArticleID, Hash: img.Hash}
	thumb, page := imageURL(ref, storyline.ImageThumb), imageURL(ref, storyline.ImagePage)
	wire := strconv.FormatInt(img.ArticleID, 10)
	tests := []struct {
		name        string
		method      string
		path        string
		ifNoneMatch string
		status      int
		body        []byte // for 200
		location    string // for 302
	}{
		{name: "thumbnail", path: thumb, status: 200, body: img.Thumb},
		{name: "page", path: page, status: 200, body: img.Page},
		{name: "HEAD", method: http.MethodHead, path: thumb, status: 200},
		{name: "revalidated", path: thumb, ifNoneMatch: `"` + img.Hash + `"`, status: 304},
		{name: "revalidated among others", path: page, ifNoneMatch: `"0123456789abcdef", W/"` + img.Hash + `"`, status: 304},
		{name: "another ETag", path: thumb, ifNoneMatch: `"0123456789abcdef"`, status: 200, body: img.Thumb},
		{name: "an older hash redirects to the current image", path: "/images/" + wire + "/0123456789abcdef/page.jpg",
			status: 302, location: page},
		{name: "article without an image", path: "/images/" + strconv.FormatInt(e.ids["daily"], 10) + "/" + img.Hash + "/thumb.jpg", status: 404},
		{name: "image that failed", path: "/images/" + strconv.FormatInt(e.ids["cup"], 10) + "/" + img.Hash + "/thumb.jpg", status: 404},
		{name: "unknown article", path: "/images/999999/" + img.Hash + "/thumb.jpg", status: 404},
		{name: "unknown size", path: "/images/" + wire + "/" + img.Hash + "/huge.jpg", status: 404},
		{name: "not a JPEG name", path: "/images/" + wire + "/" + img.Hash + "/thumb.png", status: 404},
		{name: "malformed hash", path: "/images/" + wire + "/NOT-A-HASH/thumb.jpg", status: 404},
		{name: "invalid id", path: "/images/abc/" + img.Hash + "/thumb.jpg", status: 400},
		{name: "negative id", path: "/images/-1/" + img.Hash + "/thumb.jpg", status: 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(cmp.Or(tt.method, http.MethodGet), e.ts.URL+tt.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			if tt.ifNoneMatch != "" {
				req.Header.Set("If-None-Match", tt.ifNoneMatch)
			}
			resp, body := e.roundTrip(nil, req)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d (%.200s)", resp.StatusCode, tt.status, body)
			}
			h := resp.Header
			switch tt.status {
			case 200, 304:
				if h.Get("Cache-Control") != "public, max-age=31536000, immutable" || h.Get("ETag") != `"`+img.Hash+`"` {
					t.Errorf("Cache-Control %q, ETag %q", h.Get("Cache-Control"), h.Get("ETag"))
				}
				if tt.status == 304 && body != "" {
					t.Errorf("304 with a body of %d bytes", len(body))
				}
				if tt.status == 200 && h.Get("Content-Type") != "image/jpeg" {
					t.Errorf("Content-Type %q", h.Get("Content-Type"))
				}
				if tt.body != nil && !bytes.Equal([]byte(body), tt.body) {
					t.Errorf("body of %d bytes, want the rendition's %d", len(body), len(tt.body))
				}
			case 302:
				if h.Get("Location") != tt.location || strings.Contains(h.Get("Cache-Control"), "max-age") {
					t.Errorf("Location %q (want %q), Cache-Control %q", h.Get("Location"), tt.location, h.Get("Cache-Control"))
				}
			}
			if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "img-src 'self' data:;") {
				t.Errorf("CSP %q, want images from the site only", csp)
			}
		})
	}
}

// TestImagePrivateSite checks that a site visitors may not read keeps its
// images from them, and from shared caches.
func TestImagePrivateSite(t *testing.T) {
	e := newTestEnv(t)
	img := e.seedImage()
	e.apiSetPublic(false)
	path := imageURL(storyline.ImageRef{ArticleID: img.ArticleID, Hash: img.Hash}, storyline.ImageThumb)
	resp, _ := e.get(nil, path)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Fatalf("visitor: status %d, Location %q; want the sign-in page", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, body := e.get(e.signedIn("member", memberPassword), path)
	if resp.StatusCode != 200 || body != string(img.Thumb) {
		t.Fatalf("member: status %d, %d bytes", resp.StatusCode, len(body))
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "private, max-age=31536000, immutable" {
		t.Fatalf("Cache-Control %q, want private", cc)
	}
}

// TestImageNotPageCached checks that the visitors' page cache leaves
// images alone: they are served from the store, and an image's URL never
// changes what it serves.
func TestImageNotPageCached(t *testing.T) {
	req := httptest.NewRequest(http.MethodGet, "/images/1/0123456789abcdef/thumb.jpg", nil)
	if cacheable(req) {
		t.Fatal("an image is page-cached")
	}
}

func TestImageURL(t *testing.T) {
	tests := []struct {
		ref  storyline.ImageRef
		size storyline.ImageSize
		want string
	}{
		{storyline.ImageRef{ArticleID: 42, Hash: "0123456789abcdef"}, storyline.ImageThumb, "/images/42/0123456789abcdef/thumb.jpg"},
		{storyline.ImageRef{ArticleID: 42, Hash: "0123456789abcdef"}, storyline.ImagePage, "/images/42/0123456789abcdef/page.jpg"},
		{storyline.ImageRef{}, storyline.ImageThumb, ""},
		{storyline.ImageRef{ArticleID: 42}, storyline.ImageThumb, ""},
	}
	for _, tt := range tests {
		if got := imageURL(tt.ref, tt.size); got != tt.want {
			t.Errorf("imageURL(%+v, %s) = %q, want %q", tt.ref, tt.size, got, tt.want)
		}
	}
}
