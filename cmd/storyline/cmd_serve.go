package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/briefing"
	"github.com/storyline/storyline/internal/metrics"
	"github.com/storyline/storyline/internal/web"
)

// serveOptions are the flags of serve.
type serveOptions struct {
	addr       string
	noIngest   bool
	trustProxy bool
	pageCache  time.Duration
	// askVisitors lets the language model answer visitors' questions too.
	askVisitors bool
	ingest      ingestFlags
}

func (a *app) serveCommand() *cobra.Command {
	var o serveOptions
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the web app, the JSON API and the Atom feeds, and ingest in the background",
		Long: `Serve the web app, the JSON API and the Atom feeds, and ingest in the
background: poll the feeds, store their articles, analyse them.

With SQLite (the default) one serve process does everything. With
PostgreSQL (--db postgres://…) ingestion runs as jobs in a queue in the
database, shared with any number of "storyline worker" processes; run web
front ends with --no-ingest to leave the ingestion to the workers.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := o.ingest.check(); err != nil {
				return err
			}
			if o.pageCache < 0 {
				return usagef("--page-cache %v: want 0 (off) or a positive duration", o.pageCache)
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
	f.BoolVar(&o.noIngest, "no-ingest", false, "serve only: no polling, no analysis (workers do it; articles uploaded\nhere are analysed by them)")
	f.DurationVar(&o.pageCache, "page-cache", 10*time.Second, "keep pages this long and serve them again: visitors' as they are, signed-in\nreaders' with their own read marks, saves and counts filled in; 0 turns the\ncache off. Any change made through the site empties it")
	f.BoolVar(&o.trustProxy, "trust-proxy", false, "trust X-Forwarded-For and X-Forwarded-Proto from a reverse proxy in front\n(client addresses for sign-in throttling and logs; HTTPS for Secure cookies).\nSet it only when every request comes through that proxy")
	f.BoolVar(&o.askVisitors, "llm-ask-visitors", false, "let the language model (--llm-url) answer the questions of visitors who are\nnot signed in too; without it they get answers from the coverage's own sentences")
	o.ingest.register(cmd)
	return cmd
}

// serve runs the web server, and the ingestion unless told not to, over
// store until ctx is cancelled (SIGINT, SIGTERM): polls under way are
// abandoned cleanly, requests in flight finish, the analysis state is
// saved, and only then may the store close.
func (a *app) serve(ctx context.Context, store storyline.Store, o serveOptions) error {
	log := a.logger()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	p, err := o.ingest.net.poller(store, log)
	if err != nil {
		return err
	}
	m := metrics.New(store, log)
	model, err := a.languageModel(o.ingest.llm, store, m, log)
	if err != nil {
		return err
	}
	briefer, err := newBriefer(store, model, log)
	if err != nil {
		return err
	}
	imgs, err := o.ingest.imageFetcher(store, log)
	if err != nil {
		return err
	}
	var in *ingestion
	if !o.noIngest {
		if in, err = startIngest(ctx, store, p, o.ingest, m, log); err != nil {
			return err
		}
		in.runBriefer(ctx, briefer)
		in.runImages(ctx, imgs)
	}
	srv, err := web.New(web.Config{Store: store, Log: log, Ingester: webIngester{p: p, images: imgs},
		Metrics: m.Handler(), Observer: m, TrustProxy: o.trustProxy, PageCache: o.pageCache, Retain: o.ingest.retain,
		Asker: briefing.NewAsker(store, model, log), AskVisitorsModel: o.askVisitors})
	if err == nil {
		err = srv.ListenAndServe(ctx, o.addr, func(bound string) {
			log.Info("serving", "addr", "http://"+bound, "store", a.storeName(), "ingesting", !o.noIngest, "polling", !o.noIngest && o.ingest.poll)
		})
	}
	cancel()
	if in != nil {
		if werr := in.wait(ctx); werr != nil {
			log.Error("stopping the ingestion", "err", werr)
		}
	}
	if err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("stopped")
	return nil
}
