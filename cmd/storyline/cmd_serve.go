package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline/internal/web"
)

func (a *app) serveCommand() *cobra.Command {
	var addr string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the JSON API and /healthz",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			store, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer store.Close()
			log := a.logger()
			srv := web.New(store, log)
			err = srv.ListenAndServe(ctx, addr, func(bound string) {
				log.Info("serving", "addr", "http://"+bound, "data", a.dataDir)
			})
			if err != nil {
				return fmt.Errorf("serve: %w", err)
			}
			log.Info("stopped")
			return nil
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on")
	return cmd
}
