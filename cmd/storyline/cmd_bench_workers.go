package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/queue"
	"github.com/storyline/storyline/internal/store/postgres"
	"github.com/storyline/storyline/internal/synth"
)

// benchWorkersOptions are the flags of bench workers.
type benchWorkersOptions struct {
	server   string
	workers  []int
	feeds    int
	events   int
	coverage int
	timeout  time.Duration
}

// benchWorkersCommand returns bench workers.
func (a *app) benchWorkersCommand() *cobra.Command {
	var o benchWorkersOptions
	cmd := &cobra.Command{
		Use:   "workers",
		Short: "Measure ingest throughput with 1, 2, 4… `storyline worker` processes on PostgreSQL",
		Long: `Serve a generated newsroom (feeds of outlets reporting the same events, with
full article pages) on loopback, and for each worker count: create a fresh
database on the PostgreSQL server --server, subscribe it to the feeds,
start that many "storyline worker" processes, and time them until every
article is stored and analysed and the job queue is empty. The databases
are dropped afterwards.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.server == "" {
				return usagef("--server: name a PostgreSQL server (postgres://…) to create the databases on")
			}
			if o.feeds < 1 || o.events < 1 || o.coverage < 1 {
				return usagef("--feeds, --events and --coverage: want 1 or more")
			}
			for _, n := range o.workers {
				if n < 1 {
					return usagef("--workers %d: want 1 or more", n)
				}
			}
			return a.benchWorkers(cmd.Context(), o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.server, "server", os.Getenv("STORYLINE_TEST_POSTGRES"), "PostgreSQL server URL (default $STORYLINE_TEST_POSTGRES)")
	f.IntSliceVar(&o.workers, "workers", []int{1, 2, 4}, "worker process counts to measure")
	f.IntVar(&o.feeds, "feeds", 200, "feeds (outlets)")
	f.IntVar(&o.events, "events", 400, "events")
	f.IntVar(&o.coverage, "coverage", 5, "outlets reporting each event")
	f.DurationVar(&o.timeout, "timeout", 15*time.Minute, "give up on one run after this long")
	return cmd
}

// benchWorkers runs bench workers.
func (a *app) benchWorkers(ctx context.Context, o benchWorkersOptions) error {
	bin, err := os.Executable()
	if err != nil {
		return fmt.Errorf("bench workers: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("bench workers: %w", err)
	}
	room := synth.NewNewsroom(1, o.feeds, o.events, o.coverage, "http://"+ln.Addr().String())
	srv := &http.Server{Handler: room, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "workers\tarticles\tstored and analysed (s)\tarticles/s\tqueue empty (s)\n")
	for _, n := range o.workers {
		analysed, drained, err := a.benchWorkersRun(ctx, o, bin, room, n)
		if err != nil {
			return fmt.Errorf("bench workers, %d workers: %w", n, err)
		}
		fmt.Fprintf(tw, "%d\t%d\t%.1f\t%.0f\t%.1f\n", n, len(room.Event), analysed.Seconds(),
			float64(len(room.Event))/analysed.Seconds(), drained.Seconds())
	}
	return tw.Flush()
}

// benchWorkersRun times n workers ingesting the newsroom into a fresh
// database, dropped afterwards: until every article is stored and
// analysed, and until the queue is empty (the stories' updates, which wait
// --story-delay, done).
func (a *app) benchWorkersRun(ctx context.Context, o benchWorkersOptions, bin string, room *synth.Newsroom, n int) (analysed, drained time.Duration, err error) {
	name := fmt.Sprintf("storyline_bench_workers_%d_%d", n, time.Now().UnixNano())
	if _, err := createBenchDatabase(ctx, o.server, name); err != nil {
		return 0, 0, err
	}
	defer func() {
		if err := dropBenchDatabase(o.server, name); err != nil {
			fmt.Fprintln(a.stderr, err)
		}
	}()
	dbURL, err := databaseURL(o.server, name)
	if err != nil {
		return 0, 0, err
	}
	if err := subscribe(ctx, dbURL, room.FeedURLs()); err != nil {
		return 0, 0, err
	}
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return 0, 0, err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	start := time.Now()
	f, err := startFleet(bin, dbURL, n, nil, "--schedule-every", "1s")
	if err != nil {
		return 0, 0, err
	}
	defer func() { err = errors.Join(err, f.stop()) }()
	wctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	last := time.Now()
	report := func(p ingestProgress) {
		if time.Since(last) >= 5*time.Second {
			last = time.Now()
			fmt.Fprintf(a.stderr, "%d workers, %s: %d articles, %d analysed, %d jobs queued or running\n",
				n, time.Since(start).Round(time.Second), p.Articles, p.Analysed, p.Jobs)
		}
	}
	want := len(room.Event)
	if _, err := waitProgress(wctx, conn, 200*time.Millisecond, func(p ingestProgress) bool {
		return p.Articles >= want && p.Analysed >= want
	}, report); err != nil {
		return 0, 0, err
	}
	analysed = time.Since(start)
	if _, err := waitIngested(wctx, conn, want, 200*time.Millisecond, report); err != nil {
		return 0, 0, err
	}
	return analysed, time.Since(start), nil
}

// databaseURL returns the URL of database name on the server at server.
func databaseURL(server, name string) (string, error) {
	u, err := url.Parse(server)
	if err != nil {
		return "", fmt.Errorf("server URL %s: %w", redactURL(server), err)
	}
	u.Path = "/" + name
	return u.String(), nil
}

// subscribe subscribes the PostgreSQL store at dbURL to feeds, its job
// queue's tables made.
func subscribe(ctx context.Context, dbURL string, feeds []string) error {
	store, err := postgres.Open(ctx, dbURL, postgres.Options{})
	if err != nil {
		return err
	}
	defer store.Close()
	if err := queue.Migrate(ctx, store.Pool()); err != nil {
		return err
	}
	for _, u := range feeds {
		if err := store.AddFeed(ctx, &storyline.Feed{URL: u, Title: strings.TrimSuffix(u, "/feed.xml")}); err != nil {
			return err
		}
	}
	return nil
}
