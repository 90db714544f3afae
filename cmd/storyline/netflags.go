package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/netip"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/extract"
	"github.com/storyline/storyline/internal/fetch"
	"github.com/storyline/storyline/internal/importer"
	"github.com/storyline/storyline/internal/ingest"
)

// netFlags are the flags of every command that fetches from the network.
type netFlags struct {
	allowPrivate bool
	allowCIDRs   []string
	maxSize      string
	concurrency  int
	hostRate     float64
	hostRateMax  float64
	ignoreRobots bool
	// hostRateMaxSet reports whether --host-rate-max was given; nil means
	// no.
	hostRateMaxSet func() bool
}

// register adds the flags to cmd.
func (n *netFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.BoolVar(&n.allowPrivate, "allow-private", false, "allow fetching from loopback and private network addresses (refused by default)")
	fl.StringSliceVar(&n.allowCIDRs, "allow-cidr", nil, "allow fetching from these networks (CIDR, repeatable), e.g. 192.168.1.0/24")
	fl.StringVar(&n.maxSize, "max-size", "10MiB", "largest response body accepted")
	fl.IntVar(&n.concurrency, "fetch-concurrency", 16, "requests in flight at once, in all")
	fl.Float64Var(&n.hostRate, "host-rate", 4, "requests per second to one host at first and after it asks us to slow down (negative: no limit)")
	fl.Float64Var(&n.hostRateMax, "host-rate-max", 100, "most requests per second to one host, reached while it answers fast\n(at least --host-rate; equal to it for a fixed rate)")
	n.hostRateMaxSet = func() bool { return fl.Changed("host-rate-max") }
	fl.BoolVar(&n.ignoreRobots, "ignore-robots", false, "do not honour robots.txt")
}

// options returns the fetcher's options from the flags.
func (n *netFlags) options() (fetch.Options, int64, error) {
	max, err := parseSize(n.maxSize)
	if err != nil {
		return fetch.Options{}, 0, usagef("--max-size: %v", err)
	}
	if n.concurrency < 1 {
		return fetch.Options{}, 0, usagef("--fetch-concurrency %d: want 1 or more", n.concurrency)
	}
	if n.hostRate == 0 || math.IsNaN(n.hostRate) || math.IsInf(n.hostRate, 0) {
		return fetch.Options{}, 0, usagef("--host-rate %v: want a positive rate, or a negative one for no limit", n.hostRate)
	}
	rateMax, err := n.rateMax()
	if err != nil {
		return fetch.Options{}, 0, err
	}
	opts := fetch.Options{
		MaxBytes:      max,
		MaxConcurrent: n.concurrency,
		HostRate:      n.hostRate,
		HostRateMax:   rateMax,
		AllowPrivate:  n.allowPrivate,
		IgnoreRobots:  n.ignoreRobots,
	}
	for _, c := range n.allowCIDRs {
		p, err := netip.ParsePrefix(c)
		if err != nil {
			return fetch.Options{}, 0, usagef("--allow-cidr %q: %v", c, err)
		}
		opts.AllowCIDRs = append(opts.AllowCIDRs, p.Masked())
	}
	return opts, max, nil
}

// rateMax returns the checked --host-rate-max. Left at its default below
// a higher --host-rate, it follows --host-rate (a fixed rate, as before
// the flag existed); given explicitly, it must be at least --host-rate.
func (n *netFlags) rateMax() (float64, error) {
	m := n.hostRateMax
	if !(m > 0) || math.IsInf(m, 0) {
		return 0, usagef("--host-rate-max %v: want a positive, finite rate", m)
	}
	if n.hostRate < 0 || m >= n.hostRate {
		return m, nil
	}
	if n.hostRateMaxSet != nil && n.hostRateMaxSet() {
		return 0, usagef("--host-rate-max %v: want at least --host-rate (%v)", m, n.hostRate)
	}
	return n.hostRate, nil
}

// guardWarnings says which --allow-cidr networks turn the guard against
// fetching private addresses off wholesale (a /0, or any prefix shorter
// than /8, which spans public and private space alike), for a warning:
// allowed, as the operator may mean it, but never silently.
func guardWarnings(cidrs []netip.Prefix) []string {
	var out []string
	for _, p := range cidrs {
		if p.Bits() >= 8 {
			continue
		}
		what := "a range of public and private networks"
		if p.Bits() == 0 {
			what = "every address"
		}
		out = append(out, fmt.Sprintf("--allow-cidr %s allows fetching from %s: the guard against requests to private and loopback addresses is off for it", p, what))
	}
	return out
}

// poller returns a Poller on store that fetches as the flags say.
func (n *netFlags) poller(store storyline.Store, log *slog.Logger) (*ingest.Poller, error) {
	opts, max, err := n.options()
	if err != nil {
		return nil, err
	}
	for _, w := range guardWarnings(opts.AllowCIDRs) {
		log.Warn(w)
	}
	return newPoller(store, fetch.New(opts), max, log), nil
}

// withPoller opens the store and runs fn with a Poller on it that fetches
// as the flags say and, when analyze, analyses what it stores (the stories
// are brought up to date and the analysis state saved after fn).
func (a *app) withPoller(ctx context.Context, n *netFlags, analyze bool, fn func(storyline.Store, *ingest.Poller) error) error {
	return a.withStore(ctx, func(store storyline.Store) error {
		p, err := n.poller(store, nil)
		if err != nil {
			return err
		}
		if !analyze {
			return fn(store, p)
		}
		return withAnalyzer(ctx, store, func(an *ingest.Analyzer) error {
			// Articles are analysed behind the saves; fn's work is done
			// when they are.
			p.Analyzer, p.Follower = an, an.Follow(ingest.FollowOptions{})
			return errors.Join(fn(store, p), p.Follower.Close(context.WithoutCancel(ctx)))
		})
	})
}

// newPoller returns a Poller on store fetching with client, its parses
// sharing the default memory budget, leaving out entries older than the
// retention age saved on the Settings page (serve and worker put their
// --retain in its place).
func newPoller(store storyline.Store, client ingest.Fetcher, maxBytes int64, log *slog.Logger) *ingest.Poller {
	return &ingest.Poller{
		Store:   store,
		Fetcher: client,
		Builder: newBuilder(maxBytes, ""),
		Budget:  ingest.NewParseBudget(0),
		Retain:  retentionAge(store, ""),
		Log:     log,
	}
}

// newBuilder returns the Builder of articles that fetching and importing
// share: pages of at most maxBytes extracted, source the outlet of
// articles that name none.
func newBuilder(maxBytes int64, source string) ingest.Builder {
	return ingest.Builder{Extractor: extract.New(extract.Options{MaxBytes: maxBytes}), DefaultSource: source}
}

// newImporter returns an Importer that saves in store what b builds from
// the files it decodes, each file (or JSON Lines record) of at most
// maxBytes (0: importer.DefaultMaxBytes). Callers set the rest: workers,
// progress, the Analyzer.
func newImporter(store ingest.Store, b ingest.Builder, maxBytes int64) *ingest.Importer {
	return &ingest.Importer{Store: store, Builder: b, Decoder: importer.Decoder{MaxBytes: maxBytes}}
}

// feedLine describes a feed on one line for listings.
func feedLine(f *storyline.Feed) string {
	title := f.Title
	if title == "" {
		title = "(untitled)"
	}
	return fmt.Sprintf("%d\t%s\t%s", f.ID, title, f.URL)
}
