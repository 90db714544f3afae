package fetch

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
)

// Kind classifies a fetch failure.
type Kind int

// The kinds of failure. KindNone is the zero value, reported by KindOf for a
// nil error.
const (
	KindNone        Kind = iota // no error
	KindDNS                     // the host name could not be resolved
	KindRefused                 // connection refused or reset
	KindTLS                     // TLS handshake or certificate failure
	KindTimeout                 // a timeout or deadline expired
	KindStatus                  // HTTP status >= 400 not covered by a more specific kind
	KindGone                    // HTTP 410
	KindNotFound                // HTTP 404
	KindRateLimited             // HTTP 429, 503 with Retry-After, or a host still backing off
	KindRedirects               // too many redirects, a loop, or a redirect to a non-HTTP URL
	KindTooLarge                // the decoded body exceeds MaxBytes
	KindBlocked                 // SSRF guard: the address is private or reserved
	KindRobots                  // disallowed by robots.txt
	KindInvalid                 // bad URL or a scheme other than http and https
	KindNetwork                 // any other I/O failure
	KindCanceled                // the caller's context was canceled
)

var kindNames = [...]string{
	KindNone:        "none",
	KindDNS:         "dns",
	KindRefused:     "refused",
	KindTLS:         "tls",
	KindTimeout:     "timeout",
	KindStatus:      "status",
	KindGone:        "gone",
	KindNotFound:    "not-found",
	KindRateLimited: "rate-limited",
	KindRedirects:   "redirects",
	KindTooLarge:    "too-large",
	KindBlocked:     "blocked",
	KindRobots:      "robots",
	KindInvalid:     "invalid",
	KindNetwork:     "network",
	KindCanceled:    "canceled",
}

// String returns a short lower-case word naming the kind.
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Error is the error returned for every failed fetch.
type Error struct {
	URL        string        // the URL that was requested
	Kind       Kind          // what went wrong
	Status     int           // HTTP status when there was one
	RetryAfter time.Duration // from Retry-After on 429/503, or the remaining back-off; 0 if none
	Err        error         // the underlying error, if any
}

// Error returns a readable message such as
// "fetch https://x/feed: HTTP 404 Not Found".
func (e *Error) Error() string {
	prefix := "fetch " + e.URL + ": "
	if e.URL == "" {
		prefix = "fetch: "
	}
	return prefix + e.detail()
}

func (e *Error) detail() string {
	errText := func(fallback string) string {
		if e.Err != nil {
			return e.Err.Error()
		}
		return fallback
	}
	switch e.Kind {
	case KindStatus, KindGone, KindNotFound:
		return statusText(e.Status)
	case KindRateLimited:
		s := "rate limited by host"
		if e.Status != 0 {
			s = statusText(e.Status)
		}
		if e.RetryAfter > 0 {
			s += fmt.Sprintf(" (retry after %s)", e.RetryAfter)
		}
		return s
	case KindBlocked:
		return "refused: " + errText("private address")
	case KindTooLarge:
		return errText("body too large")
	case KindRobots:
		if e.Err != nil && !errors.Is(e.Err, errRobotsDisallowed) {
			return "disallowed by robots.txt (" + e.Err.Error() + ")"
		}
		return "disallowed by robots.txt"
	case KindTimeout:
		return "timed out"
	case KindCanceled:
		return "canceled"
	case KindDNS:
		var dns *net.DNSError
		if errors.As(e.Err, &dns) && dns.Err != "" {
			return "DNS lookup failed: " + dns.Err
		}
		return "DNS lookup failed: " + errText("unknown error")
	case KindRefused:
		if errors.Is(e.Err, syscall.ECONNRESET) {
			return "connection reset"
		}
		return "connection refused"
	case KindTLS:
		return "TLS error: " + errText("handshake failed")
	case KindRedirects:
		return errText("too many redirects")
	case KindInvalid:
		return "invalid URL: " + errText("unsupported")
	default:
		return errText("network error")
	}
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// KindOf returns the Kind of err: KindNone for nil, the Kind of a *Error in
// err's chain, and KindNetwork for any other error.
func KindOf(err error) Kind {
	if err == nil {
		return KindNone
	}
	var fe *Error
	if errors.As(err, &fe) {
		return fe.Kind
	}
	return KindNetwork
}

func statusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return fmt.Sprintf("HTTP %d %s", code, t)
	}
	return fmt.Sprintf("HTTP %d", code)
}

// errRobotsDisallowed is the cause of a KindRobots error when robots.txt
// disallows the path.
var errRobotsDisallowed = errors.New("disallowed by robots.txt")

// blockedError reports that every address of a host was refused by the SSRF
// guard.
type blockedError struct {
	host    string
	addr    netip.Addr
	literal bool  // host is an IP literal
	reason  error // from the guard; wraps ssrf.ErrProhibitedIP
}

func (e *blockedError) Error() string {
	if e.literal {
		return fmt.Sprintf("%s is a private address (use --allow-private to allow)", e.addr)
	}
	return fmt.Sprintf("%s resolves to %s, a private address (use --allow-private to allow)", e.host, e.addr)
}

func (e *blockedError) Unwrap() error { return e.reason }

// lookupError reports a failed name resolution.
type lookupError struct {
	host string
	err  error
}

func (e *lookupError) Error() string { return "lookup " + e.host + ": " + e.err.Error() }
func (e *lookupError) Unwrap() error { return e.err }

// redirectError stops the redirect chain.
type redirectError struct{ msg string }

func (e *redirectError) Error() string { return e.msg }

// tooLargeError reports a body over the cap.
type tooLargeError struct{ limit int64 }

func (e *tooLargeError) Error() string { return "body exceeds " + formatBytes(e.limit) }

func formatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	default:
		return fmt.Sprintf("%d bytes", n)
	}
}
