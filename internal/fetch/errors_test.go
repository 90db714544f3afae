package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestKindString(t *testing.T) {
	t.Parallel()
	seen := map[string]Kind{}
	for k := KindNone; k <= KindCanceled; k++ {
		s := k.String()
		if s == "" || strings.ToLower(s) != s || strings.Contains(s, " ") {
			t.Errorf("Kind(%d).String() = %q, want a short lower-case word", k, s)
		}
		if prev, dup := seen[s]; dup {
			t.Errorf("Kind %d and %d share the name %q", prev, k, s)
		}
		seen[s] = k
	}
	if got := Kind(99).String(); got != "kind(99)" {
		t.Errorf("Kind(99).String() = %q", got)
	}
}

func TestKindOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err  error
		want Kind
	}{
		{nil, KindNone},
		{errors.New("boom"), KindNetwork},
		{&Error{Kind: KindGone}, KindGone},
		{fmt.Errorf("refresh: %w", &Error{Kind: KindRobots}), KindRobots},
	}
	for _, tt := range tests {
		if got := KindOf(tt.err); got != tt.want {
			t.Errorf("KindOf(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

func TestErrorMessage(t *testing.T) {
	t.Parallel()
	const u = "https://x/feed"
	tests := []struct {
		err  *Error
		want string
	}{
		{&Error{URL: u, Kind: KindNotFound, Status: 404}, "fetch https://x/feed: HTTP 404 Not Found"},
		{&Error{URL: u, Kind: KindGone, Status: 410}, "fetch https://x/feed: HTTP 410 Gone"},
		{&Error{URL: u, Kind: KindStatus, Status: 599}, "fetch https://x/feed: HTTP 599"},
		{&Error{URL: u, Kind: KindRateLimited, Status: 429, RetryAfter: 2 * time.Minute},
			"fetch https://x/feed: HTTP 429 Too Many Requests (retry after 2m0s)"},
		{&Error{URL: u, Kind: KindRateLimited, RetryAfter: time.Minute},
			"fetch https://x/feed: rate limited by host (retry after 1m0s)"},
		{&Error{URL: "http://a.test/", Kind: KindBlocked, Err: &blockedError{host: "a.test", addr: netip.MustParseAddr("127.0.0.1")}},
			"fetch http://a.test/: refused: a.test resolves to 127.0.0.1, a private address (use --allow-private to allow)"},
		{&Error{URL: "http://10.0.0.1/", Kind: KindBlocked, Err: &blockedError{host: "10.0.0.1", addr: netip.MustParseAddr("10.0.0.1"), literal: true}},
			"fetch http://10.0.0.1/: refused: 10.0.0.1 is a private address (use --allow-private to allow)"},
		{&Error{URL: u, Kind: KindTooLarge, Err: &tooLargeError{limit: 10 << 20}}, "fetch https://x/feed: body exceeds 10 MiB"},
		{&Error{URL: u, Kind: KindTooLarge, Err: &tooLargeError{limit: 512 << 10}}, "fetch https://x/feed: body exceeds 512 KiB"},
		{&Error{URL: u, Kind: KindTooLarge, Err: &tooLargeError{limit: 1000}}, "fetch https://x/feed: body exceeds 1000 bytes"},
		{&Error{URL: u, Kind: KindRobots, Err: errRobotsDisallowed}, "fetch https://x/feed: disallowed by robots.txt"},
		{&Error{URL: u, Kind: KindTimeout, Err: context.DeadlineExceeded}, "fetch https://x/feed: timed out"},
		{&Error{URL: u, Kind: KindCanceled, Err: context.Canceled}, "fetch https://x/feed: canceled"},
		{&Error{URL: u, Kind: KindDNS, Err: &net.DNSError{Err: "no such host", Name: "x"}}, "fetch https://x/feed: DNS lookup failed: no such host"},
		{&Error{URL: u, Kind: KindRefused, Err: syscall.ECONNREFUSED}, "fetch https://x/feed: connection refused"},
		{&Error{URL: u, Kind: KindRefused, Err: syscall.ECONNRESET}, "fetch https://x/feed: connection reset"},
		{&Error{URL: u, Kind: KindRedirects, Err: &redirectError{msg: "stopped after 5 redirects"}}, "fetch https://x/feed: stopped after 5 redirects"},
		{&Error{URL: "", Kind: KindInvalid, Err: errors.New("empty URL")}, "fetch: invalid URL: empty URL"},
		{&Error{URL: u, Kind: KindNetwork, Err: errors.New("unexpected EOF")}, "fetch https://x/feed: unexpected EOF"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q\n want %q", got, tt.want)
		}
	}
}

func TestErrorUnwrap(t *testing.T) {
	t.Parallel()
	e := ctxError("http://x/", context.Canceled, errors.New("read: closed"))
	if !errors.Is(e, context.Canceled) || e.Kind != KindCanceled {
		t.Errorf("ctxError = %v (kind %v), want Is(context.Canceled)", e, e.Kind)
	}
	e = ctxError("http://x/", context.DeadlineExceeded, nil)
	if !errors.Is(e, context.DeadlineExceeded) || e.Kind != KindTimeout {
		t.Errorf("ctxError = %v (kind %v), want Is(context.DeadlineExceeded)", e, e.Kind)
	}
}
