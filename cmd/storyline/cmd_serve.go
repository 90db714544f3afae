package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/metrics"
	"github.com/storyline/storyline/internal/web"
)

func (a *app) serveCommand() *cobra.Command {
	var (
		addr       string
		poll       bool
		feeds      int
		trustProxy bool
		pageCache  time.Duration
		net        netFlags
	)
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the web app, the JSON API and the Atom feeds, and poll the feeds in the background",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if feeds < 1 {
				return usagef("--poll-concurrency %d: want 1 or more", feeds)
			}
			ctx := cmd.Context()
			store, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer store.Close()
			log := a.logger()

			// The poller stops with the server: SIGINT/SIGTERM cancel ctx,
			// polls under way are abandoned cleanly, and the store closes
			// after both have returned.
			ctx, cancel := context.WithCancel(ctx)
			defer cancel()
			p, err := net.analyzingPoller(ctx, store, log)
			if err != nil {
				return err
			}
			an := p.Analyzer
			m := metrics.New(store, log)
			var wg sync.WaitGroup
			if poll {
				s := &ingest.Scheduler{Poller: p, Concurrency: feeds, OnPoll: pollMetrics(m, true)}
				wg.Go(func() { _ = s.Run(ctx) })
			}
			srv, err := web.New(web.Config{Store: store, Log: log, Ingester: webIngester{p},
				Metrics: m.Handler(), Observer: m, TrustProxy: trustProxy, PageCache: pageCache})
			if err != nil {
				return err
			}
			err = srv.ListenAndServe(ctx, addr, func(bound string) {
				log.Info("serving", "addr", "http://"+bound, "data", a.dataDir, "polling", poll)
			})
			cancel()
			wg.Wait()
			if cerr := an.Close(context.WithoutCancel(ctx)); cerr != nil {
				log.Error("saving the analysis state", "err", cerr)
			}
			if err != nil && !errors.Is(err, context.Canceled) {
				return fmt.Errorf("serve: %w", err)
			}
			log.Info("stopped")
			return nil
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on")
	cmd.Flags().BoolVar(&poll, "poll", true, "poll the feeds in the background")
	cmd.Flags().IntVar(&feeds, "poll-concurrency", 32, "feeds polled at once")
	cmd.Flags().DurationVar(&pageCache, "page-cache", 10*time.Second, "serve pages to visitors (readers not signed in) from a cache for this long;\n0 turns the cache off. Any change made through the site empties it")
	cmd.Flags().BoolVar(&trustProxy, "trust-proxy", false, "trust X-Forwarded-For and X-Forwarded-Proto from a reverse proxy in front\n(client addresses for sign-in throttling and logs; HTTPS for Secure cookies).\nSet it only when every request comes through that proxy")
	net.register(cmd)
	return cmd
}
