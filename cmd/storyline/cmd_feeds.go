package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/opml"
)

func (a *app) feedsCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "feeds",
		Short: "Manage feed subscriptions",
		Args:  noArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(a.feedsAddCommand(), a.feedsListCommand(), a.feedsRemoveCommand(),
		a.feedsSetCommand(), a.feedsImportCommand(), a.feedsExportCommand())
	return cmd
}

func (a *app) feedsAddCommand() *cobra.Command {
	var (
		sub ingest.Subscription
		net netFlags
	)
	cmd := &cobra.Command{
		Use:   "add URL",
		Short: "Subscribe to a feed, or to the feed a page (a homepage, say) advertises",
		Args:  exactlyOne("URL"),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			return a.withPoller(ctx, &net, false, func(_ storyline.Store, p *ingest.Poller) error {
				sub.URL = args[0]
				f, err := p.Subscribe(ctx, sub)
				if err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "subscribed: %s\n", feedLine(f))
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&sub.Category, "category", "", "folder to file the feed under")
	cmd.Flags().StringVar(&sub.Source, "source", "", "outlet name for the feed's articles (default: each page's site name)")
	cmd.Flags().BoolVar(&sub.FeedOnly, "feed-only", false, "keep the feed's own content; do not fetch each entry's page")
	net.register(cmd)
	return cmd
}

func (a *app) feedsListCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List subscriptions with their last fetch, last error and article count",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			feeds, err := a.feeds(cmd.Context())
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.stdout, feedsJSON(feeds))
			}
			if len(feeds) == 0 {
				fmt.Fprintln(a.stdout, "no feeds; add one with: storyline feeds add URL")
				return nil
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tTITLE\tCATEGORY\tARTICLES\tLAST FETCH\tNEXT POLL\tSTATUS")
			now := time.Now()
			for _, f := range feeds {
				fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\t%s\t%s\n", f.ID, cut(orDash(f.Title), 40), orDash(f.Category),
					f.ArticleCount, ago(now, f.LastFetch), nextPoll(now, f), status(f))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func (a *app) feedsRemoveCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "remove ID",
		Short: "Unsubscribe from a feed (its articles stay)",
		Args:  exactlyOne("feed ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := strconv.ParseInt(args[0], 10, 64)
			if err != nil {
				return usagef("feeds remove: %q is not a feed ID (see storyline feeds list)", args[0])
			}
			ctx := cmd.Context()
			return a.withStore(ctx, func(store storyline.Store) error {
				f, err := store.Feed(ctx, id)
				if err != nil {
					return err
				}
				if err := store.DeleteFeed(ctx, id); err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "removed: %s (its %d articles stay)\n", feedLine(f), f.ArticleCount)
				return nil
			})
		},
	}
}

func (a *app) feedsImportCommand() *cobra.Command {
	var (
		net  netFlags
		opts ingest.OPMLOptions
	)
	cmd := &cobra.Command{
		Use:   "import FILE.opml",
		Short: "Subscribe to the feeds of an OPML file (folders become categories)",
		Long: `Subscribe to the feeds of an OPML file; its folders become categories.
Each feed not yet subscribed to is fetched first (a page leads to the feed it
advertises); the ones that cannot be reached or are not feeds are listed with
the reason and left out, and the command exits 1. With --feed-only, every feed
it subscribes to keeps the feed's own content; feeds already subscribed to keep
their setting (change it with storyline feeds set ID --feed-only).`,
		Args: exactlyOne("OPML file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			data, err := os.ReadFile(args[0])
			if err != nil {
				return usageError{fmt.Errorf("feeds import: %w", err)}
			}
			outlines, err := opml.Parse(data)
			if err != nil {
				return fmt.Errorf("feeds import %s: %w", args[0], err)
			}
			ctx := cmd.Context()
			return a.withPoller(ctx, &net, false, func(_ storyline.Store, p *ingest.Poller) error {
				res, err := p.ImportOPMLWith(ctx, outlines, opts)
				if err != nil {
					return fmt.Errorf("feeds import %s: %w", args[0], err)
				}
				printOPMLResult(a.stdout, res)
				if opts.FeedOnly && res.Existing > 0 {
					fmt.Fprintln(a.stdout, "  feeds already subscribed to keep their setting: change one with storyline feeds set ID --feed-only")
				}
				if len(res.Failed) > 0 {
					return fmt.Errorf("feeds import %s: %d of %d feeds failed", args[0], len(res.Failed), len(outlines))
				}
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&opts.FeedOnly, "feed-only", false, "keep each new feed's own content; do not fetch each entry's page")
	net.register(cmd)
	return cmd
}

// printOPMLResult prints what an OPML import did: the counts, then each
// feed that failed with the reason.
func printOPMLResult(w io.Writer, res ingest.OPMLResult) {
	fmt.Fprintf(w, "feeds: %d subscribed, %d already subscribed, %d failed\n", res.Added, res.Existing, len(res.Failed))
	for _, f := range res.Failed {
		fmt.Fprintf(w, "  failed: %s: %s\n", f.URL, f.Reason)
	}
}

func (a *app) feedsExportCommand() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write the subscriptions as OPML (to standard output, or --out FILE)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			feeds, err := a.feeds(cmd.Context())
			if err != nil {
				return err
			}
			outlines := make([]opml.Outline, len(feeds))
			for i, f := range feeds {
				outlines[i] = opml.Outline{URL: f.URL, Title: f.Title, SiteURL: f.SiteURL, Category: f.Category}
			}
			if out == "" {
				return opml.Write(a.stdout, "Storyline subscriptions", outlines)
			}
			return writeFileAtomic(out, func(w io.Writer) error {
				return opml.Write(w, "Storyline subscriptions", outlines)
			})
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "file to write instead of standard output")
	return cmd
}

// feeds lists the stored feeds.
func (a *app) feeds(ctx context.Context) ([]*storyline.Feed, error) {
	var feeds []*storyline.Feed
	err := a.withStore(ctx, func(store storyline.Store) (err error) {
		feeds, err = store.Feeds(ctx)
		return err
	})
	return feeds, err
}

// feedJSON is a feed in `feeds list --json`.
type feedJSON struct {
	ID           int64      `json:"id"`
	URL          string     `json:"url"`
	Title        string     `json:"title"`
	SiteURL      string     `json:"site_url,omitempty"`
	Source       string     `json:"source,omitempty"`
	Category     string     `json:"category,omitempty"`
	FeedOnly     bool       `json:"feed_only"`
	Paused       bool       `json:"paused"`
	ArticleCount int        `json:"article_count"`
	LastFetch    *time.Time `json:"last_fetch,omitempty"`
	NextPoll     *time.Time `json:"next_poll,omitempty"`
	LastError    string     `json:"last_error,omitempty"`
	ErrorCount   int        `json:"error_count"`
}

// feedsJSON converts feeds for JSON output.
func feedsJSON(feeds []*storyline.Feed) []feedJSON {
	out := make([]feedJSON, len(feeds))
	for i, f := range feeds {
		out[i] = feedJSON{ID: f.ID, URL: f.URL, Title: f.Title, SiteURL: f.SiteURL, Source: f.Source,
			Category: f.Category, FeedOnly: f.FeedOnly, Paused: f.Paused, ArticleCount: f.ArticleCount,
			LastFetch: timePtr(f.LastFetch), NextPoll: timePtr(f.NextPoll), LastError: f.LastError, ErrorCount: f.ErrorCount}
	}
	return out
}

// timePtr returns &t, or nil for the zero time.
func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// status describes a feed's health in a few words.
func status(f *storyline.Feed) string {
	switch {
	case f.Paused && f.LastError != "":
		return "paused: " + cut(f.LastError, 80)
	case f.Paused:
		return "paused"
	case f.ErrorCount > 0:
		return fmt.Sprintf("failing (%d×): %s", f.ErrorCount, cut(f.LastError, 80))
	case f.LastError != "":
		return "ok; " + cut(f.LastError, 80)
	case f.LastFetch.IsZero():
		return "new"
	default:
		return "ok"
	}
}

// nextPoll says when a feed is polled next.
func nextPoll(now time.Time, f *storyline.Feed) string {
	switch {
	case f.Paused:
		return "-"
	case f.RetryUntil.After(now) && f.RetryUntil.After(f.NextPoll):
		return "in " + roundDuration(f.RetryUntil.Sub(now)) + " (server asked)"
	case f.NextPoll.After(now):
		return "in " + roundDuration(f.NextPoll.Sub(now))
	default:
		return "due"
	}
}

// ago describes how long before now t was.
func ago(now, t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return roundDuration(now.Sub(t)) + " ago"
}

// roundDuration prints d at a readable precision.
func roundDuration(d time.Duration) string {
	switch {
	case d < time.Minute:
		return d.Round(time.Second).String()
	case d < time.Hour:
		return d.Round(time.Minute).String()
	default:
		return d.Round(10 * time.Minute).String()
	}
}

// orDash returns s, or "-" when it is empty.
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// cut shortens s to at most n runes.
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
