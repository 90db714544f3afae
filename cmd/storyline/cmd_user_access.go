package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
)

// withUser opens the store and runs fn with the user named name; the
// errors name the command ("user " + verb) and the user.
func (a *app) withUser(ctx context.Context, verb, name string, fn func(storyline.Store, *storyline.User) error) error {
	return a.withStore(ctx, func(store storyline.Store) error {
		u, err := store.UserByName(ctx, name)
		if err != nil {
			return fmt.Errorf("user %s: %w", verb, err)
		}
		if err := fn(store, u); err != nil {
			return fmt.Errorf("user %s %s: %w", verb, u.Name, err)
		}
		return nil
	})
}

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
			return a.withUser(ctx, verb, args[0], func(store storyline.Store, u *storyline.User) error {
				if err := store.SetDisabled(ctx, u.ID, disable); err != nil {
					return err
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

// userDeleteCommand is `user delete NAME`.
func (a *app) userDeleteCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "delete NAME",
		Short: "Delete an account: its sessions and API tokens end, its comments stay without a name",
		Args:  exactlyOne("user NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			return a.withUser(ctx, "delete", args[0], func(store storyline.Store, u *storyline.User) error {
				if err := store.DeleteUser(ctx, u.ID); err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "deleted %s: their comments stay, shown as a deleted account's\n", u.Name)
				return nil
			})
		},
	}
}
