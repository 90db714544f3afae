package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
)

// userAccessCommand is `user disable NAME` (disable true) or `user
// enable NAME`.
func (a *app) userAccessCommand(disable bool) *cobra.Command {
	verb, short := "enable", "Let a disabled account sign in again (its API tokens work again)"
	if disable {
		verb, short = "disable", "Stop an account: it cannot sign in, its sessions end and its API tokens are refused"
	}
	return &cobra.Command{
		Use:   verb + " NAME",
		Short: short,
		Args:  exactlyOne("user NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			return a.withStore(ctx, func(store storyline.Store) error {
				u, err := store.UserByName(ctx, args[0])
				if err != nil {
					return fmt.Errorf("user %s: %w", verb, err)
				}
				if err := store.SetDisabled(ctx, u.ID, disable); err != nil {
					return fmt.Errorf("user %s %s: %w", verb, u.Name, err)
				}
				if disable {
					fmt.Fprintf(a.stdout, "%s is disabled: their sessions have ended and their API tokens are refused\n", u.Name)
				} else {
					fmt.Fprintf(a.stdout, "%s is enabled: they can sign in again\n", u.Name)
				}
				return nil
			})
		},
	}
}
