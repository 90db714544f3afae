package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/ingest"
)

func (a *app) addCommand() *cobra.Command {
	var net netFlags
	cmd := &cobra.Command{
		Use:   "add URL...",
		Short: "Fetch single article pages and store their articles",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("add needs at least one URL")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			return a.withPoller(ctx, &net, true, func(_ storyline.Store, p *ingest.Poller) error {
				failed := 0
				for _, u := range args {
					art, res, err := p.AddPage(ctx, u)
					if err != nil {
						if ctx.Err() != nil {
							return err
						}
						failed++
						fmt.Fprintf(a.stdout, "error: %v\n", err)
						continue
					}
					fmt.Fprintf(a.stdout, "%s: %d %s (%s, %d words)\n", res.Outcome, res.ID, art.Title, art.Source, art.WordCount)
				}
				if failed > 0 {
					return fmt.Errorf("%d of %d page(s) could not be added", failed, len(args))
				}
				return nil
			})
		},
	}
	net.register(cmd)
	return cmd
}
