package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/metrics"
	"github.com/storyline/storyline/internal/web"
)

// serveOptions are the flags of serve.
type serveOptions struct {
	addr       string
	poll       bool
	feeds      int
	trustProxy bool
	pageCache  time.Duration
	net        netFlags
}

func (a *app) serveCommand() *cobra.Command {
	var o serveOptions
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the web app, the JSON API and the Atom feeds, and poll the feeds in the background",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.feeds < 1 {
				return usagef("--poll-concurrency %d: want 1 or more", o.feeds)
			}
			store, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer store.Close()
			return a.serve(cmd.Context(), store, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.addr, "addr", "127.0.0.1:8080", "address to listen on")
	f.BoolVar(&o.poll, "poll", true, "poll the feeds in the background")
	f.IntVar(&o.feeds, "poll-concurrency", 32, "feeds polled at once")
	f.DurationVar(&o.pageCache, "page-cache", 10*time.Second, "serve pages to visitors (readers not signed in) from a cache for this long;\n0 turns the cache off. Any change made through the site empties it")
	f.BoolVar(&o.trustProxy, "trust-proxy", false, "trust X-Forwarded-For and X-Forwarded-Proto from a reverse proxy in front\n(client addresses for sign-in throttling and logs; HTTPS for Secure cookies).\nSet it only when every request comes through that proxy")
	o.net.register(cmd)
	return cmd
}

// serve runs the web server, and the poller when asked, over store until
// ctx is cancelled (SIGINT, SIGTERM): polls under way are abandoned
// cleanly, requests in flight finish, the analysis state is saved, and
// only then may the store close.
func (a *app) serve(ctx context.Context, store storyline.Store, o serveOptions) error {
	log := a.logger()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	p, err := o.net.analyzingPoller(ctx, store, log)
	if err != nil {
		return err
	}
	m := metrics.New(store, log)
	var wg sync.WaitGroup
	if o.poll {
		s := &ingest.Scheduler{Poller: p, Concurrency: o.feeds, OnPoll: pollMetrics(m, true)}
		wg.Go(func() { _ = s.Run(ctx) })
	}
	srv, err := web.New(web.Config{Store: store, Log: log, Ingester: webIngester{p},
		Metrics: m.Handler(), Observer: m, TrustProxy: o.trustProxy, PageCache: o.pageCache})
	if err == nil {
		err = srv.ListenAndServe(ctx, o.addr, func(bound string) {
			log.Info("serving", "addr", "http://"+bound, "data", a.dataDir, "polling", o.poll)
		})
	}
	cancel()
	wg.Wait()
	if cerr := p.Analyzer.Close(context.WithoutCancel(ctx)); cerr != nil {
		log.Error("saving the analysis state", "err", cerr)
	}
	if err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("stopped")
	return nil
}
