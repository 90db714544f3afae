// Package loadgen is a small HTTP load generator for benchmarks: a fixed
// number of connections, each sending requests back to back (closed
// loop), spread over named targets, recording every latency. It reports
// percentiles per target and counts errors (transport failures and any
// status other than 200).
package loadgen

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"sync"
	"time"
)

// Target is one kind of request, e.g. "story page", with the URLs to pick
// from at random.
type Target struct {
	Name string
	URLs []string
}

// Options configure a run.
type Options struct {
	Targets  []Target
	Conns    int           // concurrent connections; 0 means 64
	Duration time.Duration // 0 means 10 seconds
	Warmup   time.Duration // requests in this first part are not recorded
	Seed     uint64
	// Headers, when not empty, are sent with the requests: connection c
	// sends Headers[c % len(Headers)] (a signed-in reader's cookie, say,
	// so that each connection is another reader).
	Headers []http.Header
}

// Result is what a run measured for one target.
type Result struct {
	Name     string
	Requests int
	Errors   int
	// FirstError describes the first error seen, "" when none.
	FirstError         string
	P50, P90, P99, Max time.Duration
}

// String formats r as one line of a report.
func (r Result) String() string {
	return fmt.Sprintf("%-14s %8d req  p50 %7.2f ms  p90 %7.2f ms  p99 %7.2f ms  max %7.2f ms  errors %d",
		r.Name, r.Requests, ms(r.P50), ms(r.P90), ms(r.P99), ms(r.Max), r.Errors)
}

// ms is d in milliseconds.
func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// Report is the outcome of a run.
type Report struct {
	Results  []Result // in the order of Options.Targets
	Elapsed  time.Duration
	Requests int // recorded requests, all targets
}

// PerSecond is the recorded requests a second.
func (r Report) PerSecond() float64 { return float64(r.Requests) / r.Elapsed.Seconds() }

// sample is one request's outcome.
type sample struct {
	target int
	d      time.Duration
	err    string
}

// Run sends requests with client until the duration is over or ctx is
// done. Each connection goes through the targets in turn, taking a random
// URL of each, so every target gets an equal share of requests.
func Run(ctx context.Context, client *http.Client, o Options) (Report, error) {
	if len(o.Targets) == 0 {
		return Report{}, fmt.Errorf("loadgen: no targets")
	}
	for _, t := range o.Targets {
		if len(t.URLs) == 0 {
			return Report{}, fmt.Errorf("loadgen: target %q has no URLs", t.Name)
		}
	}
	conns := cmp(o.Conns, 64)
	dur := o.Duration
	if dur <= 0 {
		dur = 10 * time.Second
	}
	start := time.Now()
	recordFrom := start.Add(o.Warmup)
	ctx, cancel := context.WithDeadline(ctx, recordFrom.Add(dur))
	defer cancel()

	var mu sync.Mutex
	var all []sample
	var wg sync.WaitGroup
	for c := range conns {
		var header http.Header
		if len(o.Headers) > 0 {
			header = o.Headers[c%len(o.Headers)]
		}
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(o.Seed, uint64(c)))
			var mine []sample
			for i := c; ctx.Err() == nil; i++ {
				ti := i % len(o.Targets)
				t := o.Targets[ti]
				u := t.URLs[rng.IntN(len(t.URLs))]
				began := time.Now()
				errText := get(ctx, client, u, header)
				if ctx.Err() != nil {
					break // cut short by the end of the run: not a measurement
				}
				if began.After(recordFrom) {
					mine = append(mine, sample{ti, time.Since(began), errText})
				}
			}
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	elapsed := time.Since(recordFrom)
	return summarize(o.Targets, all, elapsed), nil
}

// get fetches u with header and reads the whole body; it returns "" on
// a 200.
func get(ctx context.Context, client *http.Client, u string, header http.Header) string {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err.Error()
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	resp, err := client.Do(req)
	if err != nil {
		return err.Error()
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err != nil {
		return err.Error()
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Sprintf("GET %s: status %d", u, resp.StatusCode)
	}
	return ""
}

// summarize computes each target's percentiles.
func summarize(targets []Target, all []sample, elapsed time.Duration) Report {
	rep := Report{Elapsed: elapsed, Requests: len(all)}
	for ti, t := range targets {
		res := Result{Name: t.Name}
		var ds []time.Duration
		for _, s := range all {
			if s.target != ti {
				continue
			}
			ds = append(ds, s.d)
			if s.err != "" {
				res.Errors++
				if res.FirstError == "" {
					res.FirstError = s.err
				}
			}
		}
		res.Requests = len(ds)
		slices.Sort(ds)
		res.P50, res.P90, res.P99 = percentile(ds, 50), percentile(ds, 90), percentile(ds, 99)
		if len(ds) > 0 {
			res.Max = ds[len(ds)-1]
		}
		rep.Results = append(rep.Results, res)
	}
	return rep
}

// percentile returns the p-th percentile of sorted (nearest rank).
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := (p*len(sorted) + 99) / 100 // ceil(p/100 * n)
	return sorted[max(0, min(len(sorted), rank)-1)]
}

// cmp returns v, or def when v is not positive.
func cmp(v, def int) int {
	if v > 0 {
		return v
	}
	return def
}
