package main

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/auth"
	"github.com/storyline/storyline/internal/web"
)

// feedSitePlaceholder stands for the site's address in the feed URLs
// printed without --url.
const feedSitePlaceholder = "https://SITE"

// userFeedTokenCommand is `user feed-token NAME`: an administrator gives
// a user a new feed token, which feed readers put in the addresses of the
// user's Atom feeds (the old token stops working), or revokes it.
func (a *app) userFeedTokenCommand() *cobra.Command {
	var revoke bool
	var site string
	cmd := &cobra.Command{
		Use:   "feed-token NAME [--url https://news.example.com] [--revoke]",
		Short: "Give a user a new feed token for feed readers (the old one stops working), or revoke it",
		Args:  exactlyOne("user NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			base, err := feedSiteURL(site)
			if err != nil {
				return err
			}
			if revoke && site != "" {
				return usagef("--revoke and --url: give one")
			}
			ctx := cmd.Context()
			return a.withUser(ctx, "feed-token", args[0], func(store storyline.Store, u *storyline.User) error {
				if revoke {
					if err := store.SetFeedToken(ctx, u.ID, ""); err != nil {
						return err
					}
					fmt.Fprintf(a.stdout, "revoked the feed token of %s: feed readers using it get 401\n", u.Name)
					return nil
				}
				secret, hash := auth.NewToken()
				if err := store.SetFeedToken(ctx, u.ID, hash); err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "new feed token of %s (shown only now; the old one no longer works):\n%s\n\nfeed URLs", u.Name, secret)
				if base == feedSitePlaceholder {
					fmt.Fprint(a.stdout, " (put the site's address for SITE)")
				}
				fmt.Fprintln(a.stdout, ":")
				for _, f := range web.ReaderFeeds(base, secret) {
					fmt.Fprintf(a.stdout, "  %-15s %s\n", f.Name, f.URL)
				}
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&revoke, "revoke", false, "remove the user's feed token")
	cmd.Flags().StringVar(&site, "url", "", "the site's address, to print whole feed URLs (default: a SITE placeholder)")
	return cmd
}

// feedSiteURL checks --url: an http or https address without a query,
// or "" for the placeholder.
func feedSiteURL(raw string) (string, error) {
	if raw == "" {
		return feedSitePlaceholder, nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return "", usagef("--url %q: want the site's address, such as https://news.example.com", raw)
	}
	return strings.TrimRight(raw, "/"), nil
}
