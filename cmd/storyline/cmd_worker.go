package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/metrics"
	"github.com/storyline/storyline/internal/store/postgres"
	"github.com/storyline/storyline/internal/web"
)

// workerOptions are the flags of worker.
type workerOptions struct {
	ingest      ingestFlags
	metricsAddr string
}

func (a *app) workerCommand() *cobra.Command {
	var o workerOptions
	cmd := &cobra.Command{
		Use:   "worker",
		Short: "Ingest only: work the job queue of a PostgreSQL store (no web server)",
		Long: `Work the job queue of a PostgreSQL store (--db postgres://…): poll feeds,
store their entries, analyse articles and update stories, sharing the work
with every other worker and serve process on the same database. Run as
many as the feeds need, on as many machines; a worker that dies leaves its
jobs to the others. Stops cleanly on SIGINT or SIGTERM.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := o.ingest.check(); err != nil {
				return err
			}
			if !a.postgresSelected() {
				return usagef("worker needs a PostgreSQL store (--db postgres://…); with SQLite, serve ingests by itself")
			}
			store, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer store.Close()
			pg, ok := store.(*postgres.DB)
			if !ok {
				return fmt.Errorf("worker: %s is not a PostgreSQL store", a.storeName())
			}
			return a.work(cmd.Context(), pg, o)
		},
	}
	o.ingest.register(cmd)
	cmd.Flags().StringVar(&o.metricsAddr, "metrics-addr", "", "serve /metrics (Prometheus) and /healthz at this address, e.g. 127.0.0.1:9091\n(\"\": none)")
	return cmd
}

// work ingests into store until ctx is cancelled.
func (a *app) work(ctx context.Context, store *postgres.DB, o workerOptions) error {
	log := a.logger()
	p, err := o.ingest.net.poller(store, log)
	if err != nil {
		return err
	}
	m := metrics.New(store, log)
	var ln net.Listener
	if o.metricsAddr != "" {
		if ln, err = net.Listen("tcp", o.metricsAddr); err != nil {
			return fmt.Errorf("--metrics-addr: %w", err)
		}
	}
	model, err := a.languageModel(o.ingest.llm, store, m, log)
	if err != nil {
		return errors.Join(err, closeListener(ln))
	}
	briefer, err := newBriefer(store, model, log)
	if err != nil {
		return errors.Join(err, closeListener(ln))
	}
	imgs, err := o.ingest.imageFetcher(store, log)
	if err != nil {
		return errors.Join(err, closeListener(ln))
	}
	in, err := startIngest(ctx, store, p, o.ingest, m, log)
	if err != nil {
		return errors.Join(err, closeListener(ln))
	}
	in.runBriefer(ctx, briefer)
	in.runImages(ctx, imgs)
	log.Info("working", "store", a.storeName(), "polling", o.ingest.poll, "metrics", o.metricsAddr)
	if ln != nil {
		go serveWorkerMetrics(ctx, ln, m, store, log)
	}
	<-ctx.Done()
	if err := in.wait(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("worker: %w", err)
	}
	log.Info("stopped")
	return nil
}

// closeListener closes ln, when there is one.
func closeListener(ln net.Listener) error {
	if ln == nil {
		return nil
	}
	return ln.Close()
}

// serveWorkerMetrics serves a worker's /metrics and /healthz on ln until
// ctx is cancelled.
func serveWorkerMetrics(ctx context.Context, ln net.Listener, m *metrics.Metrics, store storyline.Store, log *slog.Logger) {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	health := web.NewHealth(store, log, nil)
	go health.Run(ctx)
	mux.Handle("GET /healthz", health)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Error("serving metrics", "err", err)
	}
}
