package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline/internal/metrics"
	"github.com/storyline/storyline/internal/store/postgres"
)

func (a *app) workerCommand() *cobra.Command {
	var o ingestFlags
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
			if err := o.check(); err != nil {
				return err
			}
			store, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer store.Close()
			pg, ok := store.(*postgres.DB)
			if !ok {
				return usagef("worker needs a PostgreSQL store (--db postgres://…); with SQLite, serve ingests by itself")
			}
			return a.work(cmd.Context(), pg, o)
		},
	}
	o.register(cmd)
	return cmd
}

// work ingests into store until ctx is cancelled.
func (a *app) work(ctx context.Context, store *postgres.DB, o ingestFlags) error {
	log := a.logger()
	p, err := o.net.poller(store, log)
	if err != nil {
		return err
	}
	in, err := startIngest(ctx, store, p, o, metrics.New(store, log), log)
	if err != nil {
		return err
	}
	log.Info("working", "polling", o.poll)
	<-ctx.Done()
	if err := in.wait(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("worker: %w", err)
	}
	log.Info("stopped")
	return nil
}
