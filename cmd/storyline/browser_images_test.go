package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// testImages serves /img/N.png: a 640×360 PNG in a colour of its own.
func testImages(t *testing.T) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, err := strconv.Atoi(filepath.Base(r.URL.Path[:len(r.URL.Path)-len(filepath.Ext(r.URL.Path))]))
		if err != nil || filepath.Dir(r.URL.Path) != "/img" {
			http.NotFound(w, r)
			return
		}
		img := image.NewRGBA(image.Rect(0, 0, 640, 360))
		for y := range 360 {
			for x := range 640 {
				img.Set(x, y, color.RGBA{uint8(40 * n), uint8(x / 3), uint8(y / 2), 255})
			}
		}
		w.Header().Set("Content-Type", "image/png")
		_ = png.Encode(w, img)
	}))
	t.Cleanup(ts.Close)
	return ts
}

// withImages writes the articles of file with an "image" each, served by
// images, and returns the new file.
func withImages(t *testing.T, file string, images *httptest.Server) string {
	t.Helper()
	in, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(in))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for i := 0; sc.Scan(); i++ {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		m["image"] = images.URL + "/img/" + strconv.Itoa(i+1) + ".png"
		b, _ := json.Marshal(m)
		out.Write(append(b, '\n'))
	}
	path := filepath.Join(t.TempDir(), "articles-with-images.jsonl")
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestBrowserImages imports articles that name lead images on another
// host and checks, in a real browser, that the server fetched, scaled and
// serves them itself: thumbnails on the story cards of Top, the story's
// image and its outlets' thumbnails on the story page, loaded from our
// own host (the page's policy allows no other), and the pages no wider
// than a phone's screen.
func TestBrowserImages(t *testing.T) {
	b := newBrowserSession(t)
	imgs := testImages(t)
	base, _ := startServerWith(t, t.TempDir(), nil, "--allow-private")
	b.setUp(base, withImages(t, recentArticles(t), imgs))

	const loadedThumbs = `Array.from(document.querySelectorAll('.card img.thumb')).filter(i => i.complete && i.naturalWidth > 0 && new URL(i.src).origin === location.origin).length`
	var thumbs int
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(500 * time.Millisecond) {
		// The images are fetched in the background after the import;
		// a signed-in reader's pages are kept up to the page cache's TTL.
		b.step("home", chromedp.Navigate(base+"/?wait="+strconv.FormatInt(time.Now().UnixNano(), 10)),
			chromedp.WaitVisible(`[data-item]`, chromedp.ByQuery), chromedp.Evaluate(loadedThumbs, &thumbs))
		if thumbs >= 2 || time.Now().After(deadline) {
			break
		}
	}
	if thumbs < 2 {
		t.Fatalf("%d story cards on Top show a thumbnail from this site, want 2", thumbs)
	}
	b.screenshot("images-home")
	checkPhoneWidth(t, b, "images-home")

	var lead, outletThumbs int
	b.step("open the top story",
		chromedp.Click(`[data-item] [data-open]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#comments`, chromedp.ByQuery),
		chromedp.Evaluate(`Array.from(document.querySelectorAll('img.lead-image')).filter(i => i.complete && i.naturalWidth > 0).length`, &lead),
		chromedp.Evaluate(`Array.from(document.querySelectorAll('.panel h3 img.thumb')).filter(i => i.complete && i.naturalWidth > 0).length`, &outletThumbs),
	)
	if lead != 1 || outletThumbs < 2 {
		t.Errorf("story page: %d lead images, %d outlet thumbnails loaded; want 1 and at least 2", lead, outletThumbs)
	}
	b.screenshot("images-story")
	checkPhoneWidth(t, b, "images-story")
}

// checkPhoneWidth fails t when the page b shows is wider than a phone's
// screen of phoneWidth pixels.
func checkPhoneWidth(t *testing.T, b *browserSession, name string) {
	t.Helper()
	var width int
	b.step("width of "+name,
		chromedp.EmulateViewport(phoneWidth, 740, chromedp.EmulateScale(1), emulateMobile(true)),
		chromedp.Evaluate(`document.documentElement.scrollWidth`, &width),
		chromedp.EmulateViewport(1280, 900),
	)
	if width > phoneWidth {
		t.Errorf("%s is %d px wide at %d px", name, width, phoneWidth)
	}
}
