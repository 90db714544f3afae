package synth

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"net"
	"net/http"
	"strings"
	"time"
)

// Site is a generated network of news sites for fetch benchmarks: one
// RSS 2.0 feed per site, each entry a one-sentence teaser linking to its
// own article page of about 8 KB. Site i is at host "site-i.test" (resolve
// it to the server's address), or, when the sites share fewer hosts, at
// "site-<i mod hosts>.test" under the path /s<i>; every response carries
// an ETag and a Last-Modified and answers conditional requests with 304.
// It is an http.Handler, safe for concurrent use once built.
type Site struct {
	port    string
	files   map[string]siteFile // host + path
	feeds   []string
	modTime time.Time
}

// siteFile is one generated response.
type siteFile struct {
	body  []byte
	ctype string
	etag  string
}

// NewSite generates sites feeds with entries entries each, linking to
// themselves at port, on hosts host names (0, or sites or more: one per
// site; 1: all on one host, as feeds of one service are).
func NewSite(seed uint64, sites, entries, hosts, port int) *Site {
	g := New(seed, 20000)
	s := &Site{
		port:    fmt.Sprint(port),
		files:   make(map[string]siteFile, sites*(entries+1)),
		modTime: time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC),
	}
	for i := range sites {
		host, prefix := fmt.Sprintf("site-%d.test", i), ""
		if hosts > 0 && hosts < sites {
			host, prefix = fmt.Sprintf("site-%d.test", i%hosts), fmt.Sprintf("/s%d", i)
		}
		base := "http://" + net.JoinHostPort(host, s.port) + prefix
		name := fmt.Sprintf("The %s Courier", title(g.Word()))
		var items strings.Builder
		for j := range entries {
			path := fmt.Sprintf("/news/%d/%s", j, strings.ReplaceAll(g.Words(3), " ", "-"))
			headline := title(g.Words(6 + g.rng.IntN(5)))
			published := s.modTime.Add(-time.Duration(i*entries+j) * 7 * time.Minute)
			s.add(host, prefix+path, "text/html; charset=utf-8", s.page(g, name, base, headline, published))
			fmt.Fprintf(&items, `<item><title>%s</title><link>%s</link><guid>%s</guid><pubDate>%s</pubDate><description>%s</description></item>`,
				html.EscapeString(headline), base+path, base+path, published.Format(time.RFC1123Z), html.EscapeString(g.sentence()))
		}
		feed := fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>%s</title><link>%s/</link><description>News from %s</description>%s</channel></rss>`,
			html.EscapeString(name), base, html.EscapeString(name), items.String())
		s.add(host, prefix+"/feed.xml", "application/rss+xml; charset=utf-8", []byte(feed))
		s.feeds = append(s.feeds, base+"/feed.xml")
	}
	return s
}

// add stores a generated response.
func (s *Site) add(host, path, ctype string, body []byte) {
	sum := sha256.Sum256(body)
	s.files[host+path] = siteFile{body: body, ctype: ctype, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
}

// page returns an article page of about 8 KB: navigation, the article,
// and a footer of links, as news sites have.
func (s *Site) page(g *Generator, site, base, headline string, published time.Time) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s - %s</title>
<meta property="og:site_name" content="%s"><meta property="article:published_time" content="%s"></head><body>
<header><nav><a href="%s/">Home</a> <a href="%s/world">World</a> <a href="%s/business">Business</a> <a href="%s/sport">Sport</a></nav></header>
<main><article><h1>%s</h1><p class="byline">By %s %s</p>`,
		html.EscapeString(headline), html.EscapeString(site), html.EscapeString(site), published.Format(time.RFC3339),
		base, base, base, base, html.EscapeString(headline), title(g.Word()), title(g.Word()))
	for b.Len() < 7400 {
		fmt.Fprintf(&b, "<p>%s %s %s</p>\n", g.sentence(), g.sentence(), g.sentence())
	}
	fmt.Fprintf(&b, `</article></main><footer><p>© %s</p><ul><li><a href="%s/about">About us</a></li><li><a href="%s/contact">Contact</a></li></ul></footer></body></html>`,
		html.EscapeString(site), base, base)
	return b.Bytes()
}

// FeedURLs lists the sites' feed URLs.
func (s *Site) FeedURLs() []string { return s.feeds }

// ServeHTTP serves the generated responses by host and path, with
// conditional GET; anything else is 404 (robots.txt included: all
// allowed).
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	host, _, err := net.SplitHostPort(r.Host)
	if err != nil {
		host = r.Host
	}
	f, ok := s.files[host+r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", f.ctype)
	w.Header().Set("ETag", f.etag)
	http.ServeContent(w, r, "", s.modTime, bytes.NewReader(f.body))
}

// title capitalises the first letter of s.
func title(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
