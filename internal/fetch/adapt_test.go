package fetch

import (
	"context"
	"math"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestNextRate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		cur    float64
		o      outcome
		lo, hi float64
		want   float64
	}{
		{"fast raises", 4, outcomeFast, 4, 100, 5},
		{"fast stops at max", 90, outcomeFast, 4, 100, 100},
		{"fast at max", 100, outcomeFast, 4, 100, 100},
		{"fixed rate", 4, outcomeFast, 4, 4, 4},
		{"slow halves", 100, outcomeSlow, 4, 100, 50},
		{"slow stops at base", 6, outcomeSlow, 4, 100, 4},
		{"slow at base", 4, outcomeSlow, 4, 100, 4},
		{"backoff to base", 80, outcomeBackoff, 4, 100, 4},
		{"backoff at base", 4, outcomeBackoff, 4, 100, 4},
		{"steady keeps", 37, outcomeSteady, 4, 100, 37},
		{"fractional base", 0.5, outcomeFast, 0.5, 2, 0.625},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := nextRate(tt.cur, tt.o, tt.lo, tt.hi); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("nextRate(%v, %v, %v, %v) = %v, want %v", tt.cur, tt.o, tt.lo, tt.hi, got, tt.want)
			}
		})
	}
}

func TestRateClimbsFromDefault(t *testing.T) {
	t.Parallel()
	r, n := float64(defaultHostRate), 0
	for ; r < defaultHostRateMax; n++ {
		r = nextRate(r, outcomeFast, defaultHostRate, defaultHostRateMax)
	}
	if n != 15 {
		t.Errorf("%d fast answers take 4/s to 100/s, want 15", n)
	}
}

func TestAnswerOutcome(t *testing.T) {
	t.Parallel()
	ms := time.Millisecond
	tests := []struct {
		status     int
		retryAfter bool
		took       time.Duration
		want       outcome
	}{
		{200, false, 10 * ms, outcomeFast},
		{304, false, 999 * ms, outcomeFast},
		{404, false, 10 * ms, outcomeFast},
		{200, false, fastAnswer, outcomeFast},
		{200, false, fastAnswer + ms, outcomeSlow},
		{304, false, 5 * time.Second, outcomeSlow},
		{429, false, 10 * ms, outcomeBackoff},
		{429, false, 5 * time.Second, outcomeBackoff},
		{503, false, 10 * ms, outcomeBackoff},
		{200, true, 10 * ms, outcomeBackoff},
		{403, true, 10 * ms, outcomeBackoff},
		{500, false, 10 * ms, outcomeSteady},
		{502, false, 10 * ms, outcomeSteady},
		{502, false, 2 * time.Second, outcomeSlow},
	}
	for _, tt := range tests {
		if got := answerOutcome(tt.status, tt.retryAfter, tt.took); got != tt.want {
			t.Errorf("answerOutcome(%d, %v, %v) = %v, want %v", tt.status, tt.retryAfter, tt.took, got, tt.want)
		}
	}
}

func TestFailureOutcome(t *testing.T) {
	t.Parallel()
	tests := map[Kind]outcome{
		KindTimeout:   outcomeSlow,
		KindRefused:   outcomeSlow,
		KindNetwork:   outcomeSlow,
		KindDNS:       outcomeSlow,
		KindTLS:       outcomeSlow,
		KindBlocked:   outcomeSteady,
		KindRedirects: outcomeSteady,
		KindInvalid:   outcomeSteady,
		KindCanceled:  outcomeSteady,
	}
	for k, want := range tests {
		if got := failureOutcome(k); got != want {
			t.Errorf("failureOutcome(%v) = %v, want %v", k, got, want)
		}
	}
}

func TestHostRateMaxDefaults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		rate, max float64
		wantMax   float64
	}{
		{0, 0, defaultHostRateMax},
		{4, 50, 50},
		{4, -1, defaultHostRateMax},
		{4, math.NaN(), defaultHostRateMax},
		{4, math.Inf(1), defaultHostRateMax},
		{200, 0, 200},
		{10, 5, 10},
		{-1, 0, defaultHostRateMax},
		{-1, 2, 2},
	}
	for _, tt := range tests {
		o := Options{HostRate: tt.rate, HostRateMax: tt.max}.withDefaults()
		if o.HostRateMax != tt.wantMax {
			t.Errorf("HostRate %v, HostRateMax %v: HostRateMax becomes %v, want %v", tt.rate, tt.max, o.HostRateMax, tt.wantMax)
		}
	}
}

// hostOf returns the host table key of a test server's URL.
func hostOf(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return hostKey(u)
}

// TestHostRateMaxPerSecond checks at the server that a fast host never gets
// more than HostRateMax requests in any one second, burst included, while
// its rate climbs from HostRate to HostRateMax.
func TestHostRateMaxPerSecond(t *testing.T) {
	t.Parallel()
	const maxRate = 20
	var (
		mu    sync.Mutex
		times []time.Time
	)
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		times = append(times, time.Now())
		mu.Unlock()
		w.WriteHeader(http.StatusNotModified)
	}))
	o := testOptions()
	o.HostRate = 4
	o.HostRateMax = maxRate
	// The default HostBurst of 20 on top of 4/s would be 24 in the first
	// second without the HostRateMax spacing.
	c := newTestClient(t, o)
	const polls = 2 * maxRate // of unchanged feeds, all on the one host
	var wg sync.WaitGroup
	for range polls {
		wg.Go(func() {
			resp, err := c.Get(context.Background(), Request{URL: srv.URL + "/feed", ETag: `"v1"`})
			if err != nil || !resp.NotModified {
				t.Errorf("poll: %v, %v; want 304", resp, err)
			}
		})
	}
	wg.Wait()

	mu.Lock()
	defer mu.Unlock()
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	busiest := 0
	for i, start := range times {
		n := 0
		for _, at := range times[i:] {
			if at.Sub(start) >= time.Second {
				break
			}
			n++
		}
		busiest = max(busiest, n)
	}
	if busiest > maxRate {
		t.Errorf("the server got %d requests in one second, want at most %d", busiest, maxRate)
	}
	if busiest < maxRate/2 {
		t.Errorf("the server got at most %d requests in a second, want close to %d", busiest, maxRate)
	}
	if got := c.hosts.currentRate(hostOf(t, srv.URL)); got != maxRate {
		t.Errorf("rate after %d fast answers %v, want %v", polls, got, maxRate)
	}
}

// TestHostRateAdapts checks how a host's rate follows its answers: it
// climbs on fast ones, drops back to HostRate at once on 429, 503 or
// Retry-After, halves on slow answers and dropped connections, and does
// not climb on slow answers.
func TestHostRateAdapts(t *testing.T) {
	t.Parallel()
	const (
		base    = 4
		maxRate = 20
		warm    = 8 // fast answers taking 4/s to 20/s: 4×1.25^8 > 20
	)
	tests := []struct {
		name  string
		warm  int    // fast answers first
		then  string // how the server answers next
		times int    // how many times
		want  float64
	}{
		{"fast host climbs", warm, "fast", 1, maxRate},
		{"429 drops back", warm, "429", 1, base},
		{"503 drops back", warm, "503", 1, base},
		{"Retry-After drops back", warm, "retry-after", 1, base},
		{"slow answer halves", warm, "slow", 1, maxRate / 2},
		{"dropped connection halves", warm, "drop", 1, maxRate / 2},
		{"500 holds", warm, "500", 1, maxRate},
		{"slow host does not climb", 0, "slow", 6, base},
		{"slow 404s do not climb", 0, "slow404", 6, base},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			var mode atomic.Value
			mode.Store("fast")
			srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				switch mode.Load().(string) {
				case "429":
					w.WriteHeader(http.StatusTooManyRequests)
				case "503":
					w.WriteHeader(http.StatusServiceUnavailable)
				case "retry-after":
					w.Header().Set("Retry-After", "0")
				case "slow":
					clock.Advance(fastAnswer + time.Second)
				case "slow404":
					clock.Advance(fastAnswer + time.Second)
					w.WriteHeader(http.StatusNotFound)
				case "500":
					w.WriteHeader(http.StatusInternalServerError)
				case "drop":
					panic(http.ErrAbortHandler)
				}
			}))
			o := testOptions()
			o.HostRate = base
			o.HostRateMax = maxRate
			o.Now = clock.Now
			c := newTestClient(t, o)
			key := hostOf(t, srv.URL)
			get := func() { _, _ = c.Get(context.Background(), Request{URL: srv.URL}) }
			for range tt.warm {
				get()
			}
			if want := math.Min(base*math.Pow(rateRaise, float64(tt.warm)), maxRate); c.hosts.currentRate(key) != want {
				t.Fatalf("rate after %d fast answers %v, want %v", tt.warm, c.hosts.currentRate(key), want)
			}
			mode.Store(tt.then)
			for range tt.times {
				get()
			}
			if got := c.hosts.currentRate(key); got != tt.want {
				t.Errorf("rate %v, want %v", got, tt.want)
			}
		})
	}
}
