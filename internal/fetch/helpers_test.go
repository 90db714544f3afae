package fetch

import (
	"context"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testOptions allows loopback, skips robots.txt and rate limits so that
// tests talk to httptest servers quickly.
func testOptions() Options {
	return Options{AllowPrivate: true, IgnoreRobots: true, HostRate: -1}
}

func newTestClient(t *testing.T, o Options) *Client {
	t.Helper()
	c := New(o)
	t.Cleanup(c.CloseIdleConnections)
	return c
}

// newServer starts an httptest server whose error log is discarded.
func newServer(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	s := httptest.NewUnstartedServer(h)
	s.Config.ErrorLog = log.New(io.Discard, "", 0)
	s.Start()
	t.Cleanup(s.Close)
	return s
}

// newServerOn starts an httptest server listening on addr, skipping the test
// when that address cannot be bound.
func newServerOn(t *testing.T, addr string, h http.Handler) *httptest.Server {
	t.Helper()
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen on %s: %v", addr, err)
	}
	s := &httptest.Server{Listener: l, Config: &http.Server{Handler: h, ErrorLog: log.New(io.Discard, "", 0)}}
	s.Start()
	t.Cleanup(s.Close)
	return s
}

// counted wraps h and counts the requests reaching it.
func counted(n *atomic.Int64, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		h(w, r)
	}
}

// wantKind fails the test unless err is a *Error of kind want.
func wantKind(t *testing.T, err error, want Kind) *Error {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want kind %v", want)
	}
	var fe *Error
	if !errors.As(err, &fe) {
		t.Fatalf("got %T %v, want *Error", err, err)
	}
	if fe.Kind != want {
		t.Fatalf("got kind %v (%v), want %v", fe.Kind, err, want)
	}
	return fe
}

// fakeClock is a settable Options.Now.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func errorsIsCanceled(err error) bool { return errors.Is(err, context.Canceled) }
