package web

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/fetch"
)

func TestExplainFeedError(t *testing.T) {
	const u = "https://x.example/feed"
	cases := []struct {
		kind fetch.Kind
		want string
	}{
		{fetch.KindBlocked, "This address is on your own network. Start the server with --allow-private or set STORYLINE_ALLOW_PRIVATE=1 to allow it."},
		{fetch.KindRobots, "The site's robots.txt asks not to fetch this address."},
		{fetch.KindNotFound, "does not exist (404)"},
		{fetch.KindGone, "gone for good"},
		{fetch.KindRateLimited, "slow down"},
		{fetch.KindStatus, "answered with an error"},
		{fetch.KindDNS, "name could not be found"},
		{fetch.KindRefused, "refused the connection"},
		{fetch.KindTLS, "secure connection failed"},
		{fetch.KindTimeout, "took too long"},
		{fetch.KindTooLarge, "--max-size"},
		{fetch.KindRedirects, "redirects too many times"},
		{fetch.KindInvalid, "not a web address"},
		{fetch.KindNetwork, "could not be fetched"},
	}
	for _, c := range cases {
		err := fmt.Errorf("poll feed 1: %w", &fetch.Error{URL: u, Kind: c.kind, Status: 500})
		p := explainFeedError(err)
		if !strings.Contains(p.Plain, c.want) || p.Detail != err.Error() {
			t.Errorf("%s: %+v, want a sentence with %q", c.kind, p, c.want)
		}
	}
	if p := explainFeedError(errors.New("fetch " + u + ": not a feed")); !strings.HasPrefix(p.Plain, "This page is not a feed and links to none.") {
		t.Errorf("not a feed: %q", p.Plain)
	}
}

// TestExplainFeedText checks the stored messages, as the fetcher and the
// poller word them, against their plain sentences.
func TestExplainFeedText(t *testing.T) {
	cases := []struct{ stored, want string }{
		{"fetch http://127.0.0.1:8080/feed: refused: 127.0.0.1 is a private address (use --allow-private to allow)", "STORYLINE_ALLOW_PRIVATE=1"},
		{"subscribe http://nas.local/: fetch http://nas.local/: refused: nas.local resolves to 192.168.1.2, a private address (use --allow-private to allow)", "on your own network"},
		{"fetch https://x/feed: disallowed by robots.txt", "robots.txt asks not to"},
		{"https://x/ serves an HTML page, not a feed, and advertises no working feed: not a feed", "not a feed and links to none"},
		{"subscribe https://x/: no feed found: the page advertises none that works", "not a feed and links to none"},
		{"fetch https://x/feed: HTTP 404 Not Found", "(404)"},
		{"fetch https://x/feed: HTTP 410 Gone (the feed is gone; polling is paused)", "(410)"},
		{"fetch https://x/feed: HTTP 429 Too Many Requests (retry after 1m0s)", "slow down"},
		{"fetch https://x/feed: HTTP 500 Internal Server Error", "answered with an error"},
		{"fetch https://x/feed: DNS lookup failed: no such host", "name could not be found"},
		{"fetch https://x/feed: connection refused", "refused the connection"},
		{"fetch https://x/feed: TLS error: x509: certificate has expired", "secure connection failed"},
		{"fetch https://x/feed: timed out", "took too long"},
		{"fetch https://x/feed: body exceeds 10 MiB", "--max-size"},
		{"fetch https://x/feed: stopped after 10 redirects", "redirects too many times"},
		{"subscribe \"ftp://x\": not an http(s) URL", "not a web address"},
	}
	for _, c := range cases {
		p := explainFeedText(c.stored)
		if !strings.Contains(p.Plain, c.want) || p.Detail != c.stored {
			t.Errorf("%q: %q, want a sentence with %q", c.stored, p.Plain, c.want)
		}
	}
	// A message no pattern knows is shown as it is.
	const entries = "2 entries could not be stored: https://x/a: extract: no article"
	if p := explainFeedText(entries); p.Plain != entries || p.Detail != entries {
		t.Errorf("unknown message: %+v", p)
	}
}
