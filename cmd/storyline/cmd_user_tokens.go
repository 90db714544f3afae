package main

import (
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
)

// userTokensCommand is `user tokens NAME`: an administrator lists a
// user's API tokens and revokes one or all of them.
func (a *app) userTokensCommand() *cobra.Command {
	var revoke int64
	var revokeAll, asJSON bool
	cmd := &cobra.Command{
		Use:   "tokens NAME [--revoke ID | --revoke-all]",
		Short: "List a user's API tokens, or revoke one or all of them",
		Args:  exactlyOne("user NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if revoke < 0 {
				return usagef("--revoke %d: want a token ID from the list", revoke)
			}
			if revoke > 0 && revokeAll {
				return usagef("--revoke and --revoke-all: give one")
			}
			ctx := cmd.Context()
			return a.withUser(ctx, "tokens", args[0], func(store storyline.Store, u *storyline.User) error {
				switch {
				case revoke > 0:
					if err := store.DeleteToken(ctx, u.ID, revoke); err != nil {
						return err
					}
					fmt.Fprintf(a.stdout, "revoked API token %d of %s\n", revoke, u.Name)
					return nil
				case revokeAll:
					n, err := store.DeleteTokens(ctx, u.ID)
					if err != nil {
						return err
					}
					fmt.Fprintf(a.stdout, "revoked %d API token(s) of %s\n", n, u.Name)
					return nil
				}
				list, err := store.Tokens(ctx, u.ID)
				if err != nil {
					return err
				}
				return a.printTokens(u, list, asJSON)
			})
		},
	}
	cmd.Flags().Int64Var(&revoke, "revoke", 0, "revoke the token with this ID")
	cmd.Flags().BoolVar(&revokeAll, "revoke-all", false, "revoke every token of the user")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// tokenJSON is an API token in `user tokens --json`; never its secret or
// hash.
type tokenJSON struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
}

// printTokens lists u's tokens as a table or JSON.
func (a *app) printTokens(u *storyline.User, list []*storyline.APIToken, asJSON bool) error {
	if asJSON {
		out := make([]tokenJSON, len(list))
		for i, t := range list {
			out[i] = tokenJSON{ID: t.ID, Name: t.Name, CreatedAt: t.CreatedAt}
		}
		return writeJSON(a.stdout, out)
	}
	if len(list) == 0 {
		fmt.Fprintf(a.stdout, "%s has no API tokens\n", u.Name)
		return nil
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tCREATED")
	for _, t := range list {
		fmt.Fprintf(tw, "%d\t%s\t%s\n", t.ID, t.Name, t.CreatedAt.UTC().Format(time.DateTime))
	}
	return tw.Flush()
}
