package synth

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestSite(t *testing.T) {
	s := NewSite(1, 3, 4, 0, 8080)
	if got := len(s.FeedURLs()); got != 3 {
		t.Fatalf("FeedURLs = %d, want 3", got)
	}
	get := func(url, etag string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodGet, url, nil)
		if etag != "" {
			r.Header.Set("If-None-Match", etag)
		}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		return w
	}
	feed := get(s.FeedURLs()[1], "")
	if feed.Code != http.StatusOK || !strings.Contains(feed.Body.String(), "<item>") {
		t.Fatalf("feed: %d %q", feed.Code, feed.Body.String())
	}
	if got := strings.Count(feed.Body.String(), "<item>"); got != 4 {
		t.Errorf("feed has %d items, want 4", got)
	}
	if again := get(s.FeedURLs()[1], feed.Header().Get("ETag")); again.Code != http.StatusNotModified || again.Body.Len() != 0 {
		t.Errorf("conditional GET: %d with %d bytes, want 304 and none", again.Code, again.Body.Len())
	}
	link := strings.SplitN(strings.SplitN(feed.Body.String(), "<link>", 3)[2], "</link>", 2)[0]
	page := get(link, "")
	if page.Code != http.StatusOK || page.Body.Len() < 7000 || page.Body.Len() > 9500 {
		t.Errorf("page %s: %d, %d bytes; want 200 and about 8 KB", link, page.Code, page.Body.Len())
	}
	if got := get("http://site-1.test:8080/robots.txt", ""); got.Code != http.StatusNotFound {
		t.Errorf("robots.txt: %d, want 404", got.Code)
	}
	if a, b := NewSite(1, 3, 4, 0, 8080), NewSite(1, 3, 4, 0, 8080); a.files[hostPath(link)].etag != b.files[hostPath(link)].etag {
		t.Error("the same seed generated different pages")
	}
}

// hostPath returns the key of a generated URL.
func hostPath(url string) string {
	rest := strings.TrimPrefix(url, "http://")
	host, path, _ := strings.Cut(rest, "/")
	host, _, _ = strings.Cut(host, ":")
	return host + "/" + path
}

// TestSiteOnOneHost puts every site on one host, each under its own path,
// with pages that link to where they are served.
func TestSiteOnOneHost(t *testing.T) {
	s := NewSite(1, 3, 2, 1, 8080)
	for i, u := range s.FeedURLs() {
		if want := "http://site-0.test:8080/s" + string(rune('0'+i)) + "/feed.xml"; u != want {
			t.Errorf("feed %d at %s, want %s", i, u, want)
		}
		r := httptest.NewRequest(http.MethodGet, u, nil)
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		body := w.Body.String()
		if w.Code != http.StatusOK {
			t.Fatalf("feed %s: %d", u, w.Code)
		}
		link := strings.SplitN(strings.SplitN(body, "<link>", 3)[2], "</link>", 2)[0]
		if !strings.HasPrefix(link, "http://site-0.test:8080/s"+string(rune('0'+i))+"/news/") {
			t.Errorf("feed %d links to %s", i, link)
		}
		pw := httptest.NewRecorder()
		s.ServeHTTP(pw, httptest.NewRequest(http.MethodGet, link, nil))
		if pw.Code != http.StatusOK {
			t.Errorf("page %s: %d", link, pw.Code)
		}
	}
}
