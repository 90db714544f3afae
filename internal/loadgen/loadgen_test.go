package loadgen

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestRun(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/bad") {
			http.Error(w, "no", http.StatusInternalServerError)
			return
		}
		w.Write([]byte("ok"))
	}))
	defer ts.Close()
	rep, err := Run(context.Background(), ts.Client(), Options{
		Targets:  []Target{{"good", []string{ts.URL + "/a", ts.URL + "/b"}}, {"bad", []string{ts.URL + "/bad"}}},
		Conns:    4,
		Duration: 200 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	good, bad := rep.Results[0], rep.Results[1]
	if good.Requests == 0 || good.Errors != 0 || good.P50 <= 0 || good.P99 < good.P50 || good.Max < good.P99 {
		t.Errorf("good target: %+v", good)
	}
	if bad.Requests == 0 || bad.Errors != bad.Requests || !strings.Contains(bad.FirstError, "status 500") {
		t.Errorf("bad target: %+v", bad)
	}
	if rep.Requests != good.Requests+bad.Requests || rep.PerSecond() <= 0 {
		t.Errorf("report %+v", rep)
	}
	if !strings.Contains(good.String(), "p99") {
		t.Errorf("String: %q", good.String())
	}
}

func TestRunNeedsTargets(t *testing.T) {
	for _, o := range []Options{{}, {Targets: []Target{{Name: "empty"}}}} {
		if _, err := Run(context.Background(), http.DefaultClient, o); err == nil {
			t.Errorf("Run(%+v): no error", o)
		}
	}
}

func TestPercentile(t *testing.T) {
	var ds []time.Duration
	for i := 1; i <= 100; i++ {
		ds = append(ds, time.Duration(i))
	}
	for _, tt := range []struct{ p, want int }{{50, 50}, {90, 90}, {99, 99}, {100, 100}} {
		if got := percentile(ds, tt.p); got != time.Duration(tt.want) {
			t.Errorf("p%d = %d, want %d", tt.p, got, tt.want)
		}
	}
	if percentile(nil, 99) != 0 || percentile(ds[:1], 99) != 1 {
		t.Error("edge cases")
	}
}

func TestRunSendsEachConnectionsHeader(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]bool{}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen[r.Header.Get("Cookie")] = true
		mu.Unlock()
		w.Write([]byte("ok"))
	}))
	defer ts.Close()
	headers := []http.Header{{"Cookie": {"u=1"}}, {"Cookie": {"u=2"}}, {"Cookie": {"u=3"}}}
	if _, err := Run(context.Background(), ts.Client(), Options{
		Targets: []Target{{"page", []string{ts.URL}}}, Conns: 3, Duration: 100 * time.Millisecond, Headers: headers,
	}); err != nil {
		t.Fatal(err)
	}
	ts.Close() // waits for handlers still running when the run ended
	mu.Lock()
	defer mu.Unlock()
	if len(seen) != 3 || !seen["u=1"] || !seen["u=2"] || !seen["u=3"] {
		t.Errorf("cookies seen: %v", seen)
	}
}
