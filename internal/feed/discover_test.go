package feed

import (
	"reflect"
	"testing"
)

func TestDiscover(t *testing.T) {
	tests := []struct {
		name    string
		page    []byte
		pageURL string
		want    []string
	}{
		{"many links, base href", readFixture(t, "discover.html"), "https://harbour.example.net/index.html", []string{
			"https://harbour.example.net/site/news/feed.xml",
			"https://harbour.example.net/atom.xml",
			"https://harbour.example.net/feed.json",
			"https://api.harbour.example.net/posts.json",
			"https://harbour.example.net/legacy.xml",
			"https://harbour.example.net/comments/feed/",
		}},
		{"relative to the page", readFixture(t, "html-page.html"), "https://harbour.example.net/news/today.html", []string{
			"https://harbour.example.net/news/feed.xml",
		}},
		{"relative href, no page URL", []byte(`<link rel="alternate" type="application/rss+xml" href="/feed">`), "", nil},
		{"absolute href, no page URL", []byte(`<link rel=alternate type=application/rss+xml href=http://a.example/feed>`), "", []string{"http://a.example/feed"}},
		{"absolute base", []byte(`<base href="https://cdn.example.org/blog/"><link rel="alternate" type="application/atom+xml" href="atom">`), "https://www.example.org/", []string{"https://cdn.example.org/blog/atom"}},
		{"no feeds", []byte(`<html><head><link rel="stylesheet" href="a.css"></head></html>`), "https://a.example/", nil},
		{"not HTML", []byte("\x00\x01\xff<link"), "https://a.example/", nil},
		{"entities in href", []byte(`<link rel="alternate" type="application/rss+xml" href="/feed?a=1&amp;b=2">`), "https://a.example/x", []string{"https://a.example/feed?a=1&b=2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Discover(tt.page, tt.pageURL); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Discover\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestCandidatePaths(t *testing.T) {
	tests := []struct {
		pageURL string
		want    []string
	}{
		{"https://example.com/anything/at/all?q=1#x", []string{
			"https://example.com/feed", "https://example.com/rss", "https://example.com/feed.xml",
			"https://example.com/rss.xml", "https://example.com/atom.xml", "https://example.com/index.xml",
			"https://example.com/feed/", "https://example.com/rss/", "https://example.com/feeds/posts/default",
		}},
		{"http://blog.example.org:8080", []string{
			"http://blog.example.org:8080/feed", "http://blog.example.org:8080/rss", "http://blog.example.org:8080/feed.xml",
			"http://blog.example.org:8080/rss.xml", "http://blog.example.org:8080/atom.xml", "http://blog.example.org:8080/index.xml",
			"http://blog.example.org:8080/feed/", "http://blog.example.org:8080/rss/", "http://blog.example.org:8080/feeds/posts/default",
		}},
		{"/relative/path", nil},
		{"ftp://example.com/", nil},
		{"", nil},
		{"https://exa mple.com/", nil},
	}
	for _, tt := range tests {
		if got := CandidatePaths(tt.pageURL); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("CandidatePaths(%q)\n got %q\nwant %q", tt.pageURL, got, tt.want)
		}
	}
}
