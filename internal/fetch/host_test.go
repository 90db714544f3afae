package fetch

import (
	"context"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// inFlight tracks the number of concurrent requests and its maximum.
type inFlight struct {
	cur, max atomic.Int64
}

func (f *inFlight) handler(hold time.Duration) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		n := f.cur.Add(1)
		defer f.cur.Add(-1)
		for {
			m := f.max.Load()
			if n <= m || f.max.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(hold)
	}
}

func getAll(t *testing.T, c *Client, urls []string) {
	t.Helper()
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Go(func() {
			if _, err := c.Get(context.Background(), Request{URL: u}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
}

func TestHostConcurrency(t *testing.T) {
	t.Parallel()
	var f inFlight
	srv := newServer(t, f.handler(20*time.Millisecond))
	o := testOptions()
	o.HostConcurrency = 2
	c := newTestClient(t, o)
	urls := make([]string, 10)
	for i := range urls {
		urls[i] = srv.URL + "/x"
	}
	getAll(t, c, urls)
	if m := f.max.Load(); m > 2 || m < 1 {
		t.Errorf("max in flight %d, want 1..2", m)
	}
}

func TestGlobalConcurrency(t *testing.T) {
	t.Parallel()
	var f inFlight
	var urls []string
	for range 4 {
		srv := newServer(t, f.handler(20*time.Millisecond))
		for range 3 {
			urls = append(urls, srv.URL+"/x")
		}
	}
	o := testOptions()
	o.MaxConcurrent = 2
	o.HostConcurrency = 10
	c := newTestClient(t, o)
	getAll(t, c, urls)
	if m := f.max.Load(); m > 2 || m < 1 {
		t.Errorf("max in flight %d, want 1..2", m)
	}
}

func TestHostRate(t *testing.T) {
	t.Parallel()
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	o := testOptions()
	o.HostRate = 50
	o.HostRateMax = 50 // a fixed rate
	o.HostBurst = 1
	c := newTestClient(t, o)
	start := time.Now()
	for range 6 {
		if _, err := c.Get(context.Background(), Request{URL: srv.URL}); err != nil {
			t.Fatal(err)
		}
	}
	// Five waits of 20ms each; only a lower bound is asserted.
	if d := time.Since(start); d < 80*time.Millisecond {
		t.Errorf("6 requests at 50/s with burst 1 took %v", d)
	}
}

func TestQueueCanceled(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	started := make(chan struct{}, 1)
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started <- struct{}{}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	o := testOptions()
	o.HostConcurrency = 1
	c := newTestClient(t, o)
	done := make(chan error, 1)
	go func() {
		_, err := c.Get(context.Background(), Request{URL: srv.URL + "/first"})
		done <- err
	}()
	<-started
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	_, err := c.Get(ctx, Request{URL: srv.URL + "/second"})
	wantKind(t, err, KindCanceled)
	if !errorsIsCanceled(err) {
		t.Errorf("errors.Is(%v, context.Canceled) = false", err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Errorf("first request: %v", err)
	}
}

func TestHostKey(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"http://Example.COM/x":       "example.com:80",
		"https://example.com/x":      "example.com:443",
		"http://example.com:8080/":   "example.com:8080",
		"http://[::1]/":              "[::1]:80",
		"https://[2001:db8::1]:8443": "[2001:db8::1]:8443",
	}
	for in, want := range tests {
		u, err := url.Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := hostKey(u); got != want {
			t.Errorf("hostKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHostTableSweep(t *testing.T) {
	t.Parallel()
	o := testOptions().withDefaults()
	tbl := newHostTable(o)
	now := time.Now()
	held := tbl.get("held:80", now)
	tbl.setBackoff("waiting:80", now.Add(time.Hour), now)
	for i := range minHostSweep {
		tbl.put(tbl.get(string(rune('a'+i%26))+time.Duration(i).String(), now))
	}
	tbl.mu.Lock()
	_, heldKept := tbl.m["held:80"]
	_, waitingKept := tbl.m["waiting:80"]
	size := len(tbl.m)
	tbl.mu.Unlock()
	if !heldKept || !waitingKept {
		t.Errorf("sweep dropped state: held %v waiting %v", heldKept, waitingKept)
	}
	if size > minHostSweep {
		t.Errorf("table holds %d records after sweeping", size)
	}
	tbl.put(held)
}
