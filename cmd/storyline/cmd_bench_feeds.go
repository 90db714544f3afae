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
		sites, entries int
		addr           string
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
			site := synth.NewSite(benchSeed, sites, entries, port)
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
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:0", "address to listen on")
	return cmd
}

func (a *app) benchFeedsCommand() *cobra.Command {
	var (
		sites, entries int
		teasers        bool
		pollFeeds      int
		profile        string
	)
	cmd := &cobra.Command{
		Use:   "feeds [--feeds N] [--entries M] [--teasers-only]",
		Short: "Time polling generated feeds served on loopback (full articles or teasers), then a poll with nothing new",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if sites < 1 || entries < 1 {
				return usagef("bench feeds: --feeds and --entries must be 1 or more")
			}
			ctx := cmd.Context()
			siteAddr, stop, err := startBenchSite(ctx, sites, entries)
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

			port := siteAddr.Port()
			site := synth.NewSite(benchSeed, sites, 0, int(port)) // the URLs only
			for _, u := range site.FeedURLs() {
				if err := db.AddFeed(ctx, &storyline.Feed{URL: u, FeedOnly: teasers}); err != nil {
					return err
				}
			}
			p := newPoller(db, loopbackClient(siteAddr.Addr(), ".test"), 0, nil)
			s := &ingest.Scheduler{Poller: p, Concurrency: pollFeeds}
			feeds, err := db.Feeds(ctx)
			if err != nil {
				return err
			}
			stopProfile, err := startCPUProfile(profile)
			if err != nil {
				return err
			}
			mode := "full articles"
			if teasers {
				mode = "teasers only"
			}
			sum := &pollSummary{}
			s.OnPoll = sum.add
			start := time.Now()
			s.PollAll(ctx, feeds)
			took := time.Since(start)
			if err := db.AwaitIndex(ctx); err != nil {
				return err
			}
			searchable := time.Since(start)
			stopProfile()
			sum.print(a.stdout, took)
			n, err := db.CountArticles(ctx)
			if err != nil {
				return err
			}
			want := sites * entries
			fmt.Fprintf(a.stdout, "%s: %d feeds × %d entries in %s: %.0f entries/s (%d articles stored, want %d); all searchable after %s: %.0f entries/s\n",
				mode, sites, entries, took.Round(time.Millisecond), float64(n)/took.Seconds(), n, want,
				searchable.Round(time.Millisecond), float64(n)/searchable.Seconds())

			// A second poll finds nothing new: every feed answers 304.
			feeds, err = db.Feeds(ctx)
			if err != nil {
				return err
			}
			again := &pollSummary{}
			s.OnPoll = again.add
			start = time.Now()
			s.PollAll(ctx, feeds)
			took = time.Since(start)
			after, err := db.CountArticles(ctx)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "poll with nothing new: %s, %d of %d feeds unchanged (304), %d articles written\n",
				took.Round(time.Millisecond), again.notModified, again.feeds, after-n)
			fmt.Fprintf(a.stdout, "peak RSS %.0f MiB\n", float64(peakRSS())/(1<<20))
			if n != want || sum.failed+sum.entryErrors > 0 {
				return fmt.Errorf("stored %d articles with %d failures, want %d stored exactly once", n, sum.failed+sum.entryErrors, want)
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&sites, "feeds", 500, "feeds (one site each)")
	cmd.Flags().IntVar(&entries, "entries", 20, "entries per feed")
	cmd.Flags().BoolVar(&teasers, "teasers-only", false, "keep the feeds' teasers; do not fetch the pages")
	cmd.Flags().IntVar(&pollFeeds, "poll-concurrency", 32, "feeds polled at once")
	cmd.Flags().StringVar(&profile, "cpuprofile", "", "write a CPU profile of the first poll to FILE")
	return cmd
}

// startBenchSite runs `storyline bench site` in a child process, so that
// the server's memory and CPU are not counted as ours, and returns its
// address and a function that stops it.
func startBenchSite(ctx context.Context, sites, entries int) (netip.AddrPort, func(), error) {
	exe, err := os.Executable()
	if err != nil {
		return netip.AddrPort{}, nil, err
	}
	cmd := exec.CommandContext(ctx, exe, "bench", "site", "--feeds", strconv.Itoa(sites), "--entries", strconv.Itoa(entries))
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
