package feed

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/storyline/storyline/internal/urlx"
)

// maxTTL caps a feed's <ttl>.
const maxTTL = 365 * 24 * time.Hour

// converter turns a parsed feed into a Feed.
type converter struct {
	src        *source
	base       *url.URL // what relative entry links resolve against, or nil
	now        time.Time
	feedAuthor string
}

// convert turns a parsed feed fetched from feedURL into a Feed.
func convert(src *source, feedURL string, now time.Time) *Feed {
	gf := src.feed
	feedBase := urlx.ParseBase(feedURL)
	out := &Feed{
		Title:    plainText(gf.Title),
		SiteURL:  urlx.Absolute(feedBase, gf.Link),
		Language: strings.TrimSpace(gf.Language),
	}
	if src.rss != nil {
		out.TTL = ttl(src.rss.TTL)
	}
	c := converter{src: src, base: feedBase, now: now, feedAuthor: personName(gf.Authors, gf.Author)}
	// Atom resolves relative references against the document's own URL;
	// RSS and JSON Feed say nothing, and their links are usually written
	// relative to the site.
	if src.atom == nil {
		if site := urlx.ParseBase(out.SiteURL); site != nil {
			c.base = site
		}
	}
	seen := make(map[string]bool, len(gf.Items))
	for i, it := range gf.Items {
		if it == nil {
			continue
		}
		e, ok := c.entry(i, it)
		if !ok || seen[e.GUID] {
			continue
		}
		seen[e.GUID] = true
		out.Entries = append(out.Entries, e)
	}
	return out
}

// ttl reads an RSS <ttl>, a number of minutes; anything else is 0.
func ttl(s string) time.Duration {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n <= 0 {
		return 0
	}
	if n > int64(maxTTL/time.Minute) {
		return maxTTL
	}
	return time.Duration(n) * time.Minute
}

// personName returns the plain-text name (else the e-mail address) of the
// first person named in authors, or of author.
func personName(authors []*gofeed.Person, author *gofeed.Person) string {
	people := make([]*gofeed.Person, 0, len(authors)+1)
	for _, p := range append(append(people, authors...), author) {
		if p == nil {
			continue
		}
		if name := plainText(p.Name); name != "" {
			return name
		}
		if email := strings.TrimSpace(p.Email); email != "" {
			return email
		}
	}
	return ""
}
