package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/ingest"
)

func (a *app) analyzeCommand() *cobra.Command {
	var (
		all, reassign bool
		every         time.Duration
	)
	cmd := &cobra.Command{
		Use:   "analyze [--all | --reassign]",
		Short: "Analyse stored articles: summaries, hashtags, entities, copies and stories",
		Long: `Analyse the stored articles that have no analysis yet, or one from an older
version of Storyline; with --all, every article again. Stories are brought up
to date at the end, then the search index, when an upgrade changed how it
indexes (each article's words in its own language). A run that is
interrupted resumes where it stopped.

--reassign puts every article in a story again, keeping the rest of its
analysis: run it once after upgrading from a release before stories were
indexed by date (their stories have no index yet, so new articles would not
join them). Old story pages lead to the stories their articles are in now.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if all && reassign {
				return usagef("analyze takes --all or --reassign, not both")
			}
			ctx := cmd.Context()
			return a.withStore(ctx, func(store storyline.Store) error {
				total, err := store.CountArticles(ctx)
				if err != nil {
					return err
				}
				an, err := ingest.NewAnalyzer(ctx, store)
				if err != nil {
					return err
				}
				progress := a.newCounter("articles", total, every)
				start := time.Now()
				run, did := an.Backfill, "analysed"
				if reassign {
					run = func(ctx context.Context, store ingest.BackfillStore, _ bool, p func(int)) (int, error) {
						return an.Reassign(ctx, store, p)
					}
					did = "reassigned"
				}
				n, err := run(ctx, store, all, func(int) { progress.step() })
				progress.finish()
				err = errors.Join(err, an.Close(context.WithoutCancel(ctx)))
				fmt.Fprintf(a.stdout, "%s %d articles in %s\n", did, n, time.Since(start).Round(time.Millisecond))
				if err != nil {
					return err
				}
				r, ok := store.(storyline.SearchReindexer)
				if !ok {
					return nil
				}
				start = time.Now()
				n, err = reindexAll(ctx, r, func(what string, total int) *counter { return a.newCounter(what, total, every) })
				if n > 0 {
					fmt.Fprintf(a.stdout, "reindexed %d articles for search in %s\n", n, time.Since(start).Round(time.Millisecond))
				}
				return err
			})
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "analyse every article again, not only those never analysed")
	cmd.Flags().BoolVar(&reassign, "reassign", false, "put every article in a story again (after an upgrade), keeping the rest of its analysis")
	cmd.Flags().DurationVar(&every, "progress-every", 2*time.Second, "interval of plain progress lines when not on a terminal")
	return cmd
}

// withAnalyzer runs fn with an analyzer on store, closed (stories brought
// up to date, state saved) after fn, even when ctx was cancelled.
func withAnalyzer(ctx context.Context, store storyline.Store, fn func(*ingest.Analyzer) error) error {
	an, err := ingest.NewAnalyzer(ctx, store)
	if err != nil {
		return err
	}
	return errors.Join(fn(an), an.Close(context.WithoutCancel(ctx)))
}
