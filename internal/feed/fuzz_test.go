package feed

import (
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/fuzztest"
)

// addFixtures seeds f with every file in testdata.
func addFixtures(f *testing.F) {
	names, err := filepath.Glob(filepath.Join("testdata", "*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range names {
		if info, err := os.Stat(name); err != nil || info.IsDir() {
			continue
		}
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

func FuzzParse(f *testing.F) {
	addFixtures(f)
	f.Add([]byte(`<rss version="2.0"><channel><item><guid>a</guid><title>x</title></item><item><guid>a</guid></item></channel></rss>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="image/png" mode="base64">aGk=</content></entry></feed>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":1,"content_text":"t","date_published":7}]}`))
	// Each input is parsed three times, and the fixtures run to kilobytes:
	// unbounded minimizing left one 30-second run at 112 inputs.
	fuzztest.LimitMinimizing(f, fuzztest.MinimizeCalls)
	f.Fuzz(func(t *testing.T, data []byte) {
		LooksLikeFeed(data)
		for _, size := range []int{1, 3} {
			sameAsParse(t, data, "https://fuzz.example/feed/", size)
		}
		fd, err := Parse(data, "https://fuzz.example/feed/", now)
		if err != nil {
			if fd != nil {
				t.Fatal("feed and error")
			}
			return
		}
		if fd.SiteURL != "" && !isWebURL(fd.SiteURL) {
			t.Fatalf("site URL %q", fd.SiteURL)
		}
		seen := map[string]bool{}
		for _, e := range fd.Entries {
			if e.GUID == "" || seen[e.GUID] {
				t.Fatalf("GUID %q empty or repeated", e.GUID)
			}
			seen[e.GUID] = true
			if e.URL != "" && !isWebURL(e.URL) || e.ImageURL != "" && !isWebURL(e.ImageURL) {
				t.Fatalf("URL %q, image %q", e.URL, e.ImageURL)
			}
			if e.URL == "" && e.Title == "" && e.Content == "" {
				t.Fatal("empty entry kept")
			}
			if e.Published.After(now.Add(futureSlack)) || e.Updated.After(now.Add(futureSlack)) {
				t.Fatalf("future dates %v %v", e.Published, e.Updated)
			}
			if e.Published.Location() != e.Updated.Location() || (!e.Published.IsZero() && e.Published.Location().String() != "UTC") {
				t.Fatalf("dates not UTC: %v", e.Published)
			}
			if !utf8.ValidString(e.Title) {
				t.Fatalf("title %q is not UTF-8", e.Title)
			}
		}
	})
}

func FuzzDiscover(f *testing.F) {
	addFixtures(f)
	f.Add([]byte(`<base href="//x.example/a/"><link rel="alternate feed" type="Application/RSS+XML" href="../b">`))
	f.Fuzz(func(t *testing.T, page []byte) {
		seen := map[string]bool{}
		for _, u := range Discover(page, "https://fuzz.example/dir/page.html") {
			if !isWebURL(u) || seen[u] {
				t.Fatalf("URL %q not absolute http(s) or repeated", u)
			}
			seen[u] = true
		}
	})
}

// isWebURL reports whether s parses as an absolute http(s) URL.
func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
