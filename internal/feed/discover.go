package feed

import (
	"bytes"
	"mime"
	"net/url"
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/storyline/storyline/internal/urlx"
)

// feedTypes are the media types of <link rel="alternate"> elements that
// point at feeds.
var feedTypes = map[string]bool{
	"application/rss+xml":   true,
	"application/atom+xml":  true,
	"application/feed+json": true,
	"application/json":      true,
	"text/xml":              true,
}

// candidatePaths are where sites commonly keep their feeds.
var candidatePaths = []string{
	"/feed", "/rss", "/feed.xml", "/rss.xml", "/atom.xml", "/index.xml",
	"/feed/", "/rss/", "/feeds/posts/default",
}

// Discover returns the feed URLs an HTML page advertises with
// <link rel="alternate"> elements of type application/rss+xml,
// application/atom+xml, application/feed+json, application/json or
// text/xml. The URLs are absolute http(s) URLs, resolved against the
// page's <base href> (itself resolved against pageURL) or pageURL, without
// duplicates, in document order. A page advertising none gives nil.
func Discover(page []byte, pageURL string) []string {
	var hrefs []string
	base := ""
	haveBase := false
	z := xhtml.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			break
		}
		if tt != xhtml.StartTagToken && tt != xhtml.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		a := atom.Lookup(name)
		if (a != atom.Link && a != atom.Base) || !hasAttr {
			continue
		}
		attrs := tagAttrs(z)
		switch {
		case a == atom.Base:
			// The first <base> with an href counts, for the whole document.
			if href, ok := attrs["href"]; ok && !haveBase {
				base, haveBase = href, true
			}
		case hasToken(attrs["rel"], "alternate") && feedTypes[mediaType(attrs["type"])]:
			if href := strings.TrimSpace(attrs["href"]); href != "" {
				hrefs = append(hrefs, href)
			}
		}
	}
	if len(hrefs) == 0 {
		return nil
	}
	var baseURL *url.URL
	if u, err := url.Parse(strings.TrimSpace(pageURL)); err == nil {
		baseURL = u
	}
	if haveBase {
		if u, err := url.Parse(strings.TrimSpace(base)); err == nil {
			if baseURL != nil {
				u = baseURL.ResolveReference(u)
			}
			baseURL = u
		}
	}
	var out []string
	seen := make(map[string]bool, len(hrefs))
	for _, href := range hrefs {
		if abs := urlx.Absolute(baseURL, href); abs != "" && !seen[abs] {
			seen[abs] = true
			out = append(out, abs)
		}
	}
	return out
}

// tagAttrs returns the attributes of the tokenizer's current tag, names
// lower-cased; the first of repeated attributes wins.
func tagAttrs(z *xhtml.Tokenizer) map[string]string {
	attrs := make(map[string]string)
	for {
		key, val, more := z.TagAttr()
		k := strings.ToLower(string(key))
		if _, dup := attrs[k]; !dup {
			attrs[k] = string(val)
		}
		if !more {
			return attrs
		}
	}
}

// hasToken reports whether the space-separated list s holds token,
// ignoring case.
func hasToken(s, token string) bool {
	for _, f := range strings.Fields(s) {
		if strings.EqualFold(f, token) {
			return true
		}
	}
	return false
}

// mediaType returns the lower-case media type of a type attribute,
// without parameters.
func mediaType(s string) string {
	if mt, _, err := mime.ParseMediaType(s); err == nil {
		return mt
	}
	mt, _, _ := strings.Cut(s, ";")
	return strings.ToLower(strings.TrimSpace(mt))
}

// CandidatePaths returns the URLs of common feed locations on the site
// of pageURL (same scheme and host), for when a page advertises no feed:
// /feed, /rss, /feed.xml, /rss.xml, /atom.xml, /index.xml, /feed/, /rss/
// and /feeds/posts/default. It returns nil when pageURL is not an
// absolute http(s) URL.
func CandidatePaths(pageURL string) []string {
	u := urlx.ParseBase(pageURL)
	if u == nil {
		return nil
	}
	origin := url.URL{Scheme: u.Scheme, Host: u.Host}
	out := make([]string, len(candidatePaths))
	for i, p := range candidatePaths {
		out[i] = origin.String() + p
	}
	return out
}
