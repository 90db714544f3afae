package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/fetch"
	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/store/sqlite"
	"github.com/storyline/storyline/internal/synth"
)

// Bench site defaults.
const (
	benchSeed = 7
)

func (a *app) benchSiteCommand() *cobra.Command {
	var (
		sites, entries, hosts int
		addr                  string
	)
	cmd := &cobra.Command{
		Use:    "site",
		Short:  "Serve generated news sites (site-N.test) for bench feeds, until standard input closes",
		Hidden: true,
		Args:   noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return err
			}
			port := ln.Addr().(*net.TCPAddr).Port
			site := synth.NewSite(benchSeed, sites, entries, hosts, port)
			srv := &http.Server{Handler: site, ReadHeaderTimeout: 10 * time.Second}
			go func() {
				_, _ = io.Copy(io.Discard, a.stdin)
				_ = srv.Close()
			}()
			fmt.Fprintf(a.stdout, "serving %d sites on %s\n", sites, ln.Addr())
			if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&sites, "feeds", 500, "sites, one feed each")
	cmd.Flags().IntVar(&entries, "entries", 20, "entries per feed")
	cmd.Flags().IntVar(&hosts, "hosts", 0, "host names the sites share (0: one per site)")
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:0", "address to listen on")
	return cmd
}

// benchFeedsOptions are the settings of bench feeds.
type benchFeedsOptions struct {
	sites, entries, hosts, pollFeeds int
	teasers, analyze                 bool
	hostRate                         float64
	profile                          string
}

func (a *app) benchFeedsCommand() *cobra.Command {
	var o benchFeedsOptions
	cmd := &cobra.Command{
		Use:   "feeds [--feeds N] [--entries M] [--hosts H] [--teasers-only] [--analyze=false]",
		Short: "Time polling generated feeds served on loopback (full articles or teasers, analysed as fetch does), then a poll with nothing new",
		Long: `Time polling generated feeds served on loopback: N feeds of M entries, on H
host names (default one per feed; 1 puts every feed on one host, as the feeds
of one service are), each entry a teaser linking to an 8 KB article page.
Articles are analysed as storyline fetch analyses them unless --analyze=false.
It reports entries per second until stored and searchable and until analysed,
the CPU time per entry and the peak RSS, then times a poll with nothing new.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			switch {
			case o.sites < 1 || o.entries < 1:
				return usagef("bench feeds: --feeds and --entries must be 1 or more")
			case o.hosts < 0:
				return usagef("bench feeds: --hosts %d: want 1 or more (0: one per feed)", o.hosts)
			case o.hostRate == 0:
				return usagef("bench feeds: --host-rate 0: want a positive rate, or a negative one for no limit")
			case o.pollFeeds < 1:
				return usagef("bench feeds: --poll-concurrency %d: want 1 or more", o.pollFeeds)
			}
			return a.runBenchFeeds(cmd.Context(), o)
		},
	}
	cmd.Flags().IntVar(&o.sites, "feeds", 500, "feeds (one site each)")
	cmd.Flags().IntVar(&o.entries, "entries", 20, "entries per feed")
	cmd.Flags().IntVar(&o.hosts, "hosts", 0, "host names the feeds share (0: one per feed)")
	cmd.Flags().BoolVar(&o.teasers, "teasers-only", false, "keep the feeds' teasers; do not fetch the pages")
	cmd.Flags().BoolVar(&o.analyze, "analyze", true, "analyse the articles as fetch does (false: store them only)")
	cmd.Flags().Float64Var(&o.hostRate, "host-rate", 4, "requests per second to one host (negative: no limit)")
	cmd.Flags().IntVar(&o.pollFeeds, "poll-concurrency", 32, "feeds polled at once")
	cmd.Flags().StringVar(&o.profile, "cpuprofile", "", "write a CPU profile of the first poll to FILE")
	return cmd
}

// runBenchFeeds runs bench feeds: a first poll that stores (and
// analyses) every entry, then one that finds nothing new.
func (a *app) runBenchFeeds(ctx context.Context, o benchFeedsOptions) error {
	siteAddr, stop, err := startBenchSite(ctx, o.sites, o.entries, o.hosts)
	if err != nil {
		return err
	}
	defer stop()
	tmp, err := os.MkdirTemp("", "storyline-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	db, err := sqlite.Open(ctx, filepath.Join(tmp, "bench.db"), sqlite.Options{IndexWait: time.Hour})
	if err != nil {
		return err
	}
	defer db.Close()
	site := synth.NewSite(benchSeed, o.sites, 0, o.hosts, int(siteAddr.Port())) // the URLs only
	for _, u := range site.FeedURLs() {
		if err := db.AddFeed(ctx, &storyline.Feed{URL: u, FeedOnly: o.teasers}); err != nil {
			return err
		}
	}
	p := newPoller(db, loopbackClient(siteAddr.Addr(), ".test", fetch.Options{HostRate: o.hostRate}), 0, nil)
	if o.analyze {
		an, err := ingest.NewAnalyzer(ctx, db)
		if err != nil {
			return err
		}
		defer an.Close(context.WithoutCancel(ctx))
		// Analysed behind the saves, as fetch does.
		p.Analyzer, p.Follower = an, an.Follow(ingest.FollowOptions{})
		defer p.Follower.Close(context.WithoutCancel(ctx))
	}
	s := &ingest.Scheduler{Poller: p, Concurrency: o.pollFeeds}
	n, err := a.benchFirstPoll(ctx, db, s, o)
	if err != nil {
		return err
	}
	return a.benchPollAgain(ctx, db, s, n)
}

// benchFirstPoll polls every feed of db once with s, reports how fast the
// entries were stored and searchable and analysed, and returns how many
// articles it stored.
func (a *app) benchFirstPoll(ctx context.Context, db *sqlite.DB, s *ingest.Scheduler, o benchFeedsOptions) (int, error) {
	feeds, err := db.Feeds(ctx)
	if err != nil {
		return 0, err
	}
	stopProfile, err := startCPUProfile(o.profile)
	if err != nil {
		return 0, err
	}
	sum := &pollSummary{}
	s.OnPoll = sum.add
	cpu, start := cpuTime(), time.Now()
	s.PollAll(ctx, feeds)
	polled := time.Since(start)
	// The search index catches up while the stories are brought up to
	// date: each is timed from the start.
	searchable := make(chan error, 1)
	var searchableAt time.Duration
	go func() {
		err := db.AwaitIndex(ctx)
		searchableAt = time.Since(start)
		searchable <- err
	}()
	analysedAt := polled
	if an := s.Poller.Analyzer; an != nil {
		if err := s.Poller.Follower.Wait(ctx); err != nil {
			return 0, err
		}
		if err := an.Flush(ctx); err != nil {
			return 0, err
		}
		analysedAt = time.Since(start)
	}
	if err := <-searchable; err != nil {
		return 0, err
	}
	cpu = cpuTime() - cpu
	stopProfile()
	sum.print(a.stdout, polled)
	n, err := db.CountArticles(ctx)
	if err != nil {
		return 0, err
	}
	mode := "full articles"
	if o.teasers {
		mode = "teasers only"
	}
	hosts, rate := o.hosts, "unlimited"
	if hosts == 0 || hosts > o.sites {
		hosts = o.sites
	}
	if o.hostRate > 0 {
		rate = fmt.Sprintf("%g/s", o.hostRate)
	}
	fmt.Fprintf(a.stdout, "%s: %d feeds × %d entries on %d host(s), host rate %s\n", mode, o.sites, o.entries, hosts, rate)
	stored := max(polled, searchableAt)
	fmt.Fprintf(a.stdout, "  stored and searchable: %d articles in %s: %.0f entries/s\n", n, stored.Round(time.Millisecond), float64(n)/stored.Seconds())
	if s.Poller.Analyzer != nil {
		pending, err := db.PendingAnalysis(ctx, ingest.AnalysisVersion, time.Time{}, 0, 1)
		if err != nil {
			return 0, err
		}
		if len(pending) > 0 {
			return 0, fmt.Errorf("article %d is not analysed after the poll", pending[0].ID)
		}
		fmt.Fprintf(a.stdout, "  analysed: %d articles in %s: %.0f entries/s\n", n, analysedAt.Round(time.Millisecond), float64(n)/analysedAt.Seconds())
	} else {
		fmt.Fprintln(a.stdout, "  analysed: skipped (--analyze=false)")
	}
	if n > 0 {
		fmt.Fprintf(a.stdout, "  CPU %.2f ms per entry (user and system, this process); peak RSS %.0f MiB\n",
			float64(cpu.Microseconds())/1000/float64(n), float64(peakRSS())/(1<<20))
	}
	if want := o.sites * o.entries; n != want || sum.failed+sum.entryErrors > 0 {
		return 0, fmt.Errorf("stored %d articles with %d failures, want %d stored exactly once", n, sum.failed+sum.entryErrors, want)
	}
	return n, nil
}

// benchPollAgain polls every feed of db again, when every feed answers
// 304, and reports how long it took; n articles were stored before.
func (a *app) benchPollAgain(ctx context.Context, db *sqlite.DB, s *ingest.Scheduler, n int) error {
	feeds, err := db.Feeds(ctx)
	if err != nil {
		return err
	}
	again := &pollSummary{}
	s.OnPoll = again.add
	start := time.Now()
	s.PollAll(ctx, feeds)
	took := time.Since(start)
	after, err := db.CountArticles(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "poll with nothing new: %s, %d of %d feeds unchanged (304), %d articles written\n",
		took.Round(time.Millisecond), again.notModified, again.feeds, after-n)
	return nil
}

// startBenchSite runs `storyline bench site` in a child process, so that
// the server's memory and CPU are not counted as ours, and returns its
// address and a function that stops it.
func startBenchSite(ctx context.Context, sites, entries, hosts int) (netip.AddrPort, func(), error) {
	exe, err := os.Executable()
	if err != nil {
		return netip.AddrPort{}, nil, err
	}
	cmd := exec.CommandContext(ctx, exe, "bench", "site", "--feeds", strconv.Itoa(sites), "--entries", strconv.Itoa(entries),
		"--hosts", strconv.Itoa(hosts))
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return netip.AddrPort{}, nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return netip.AddrPort{}, nil, err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return netip.AddrPort{}, nil, fmt.Errorf("start the bench site: %w", err)
	}
	stop := func() {
		_ = stdin.Close()
		_ = cmd.Wait()
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		stop()
		return netip.AddrPort{}, nil, fmt.Errorf("the bench site did not start: %w", err)
	}
	line = strings.TrimSpace(line)
	addr, err := netip.ParseAddrPort(line[strings.LastIndexByte(line, ' ')+1:])
	if err != nil {
		stop()
		return netip.AddrPort{}, nil, fmt.Errorf("the bench site said %q: %w", line, err)
	}
	return addr, stop, nil
}
