package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/api"
)

func (a *app) articlesCommand() *cobra.Command {
	var (
		source string
		since  string
		limit  int
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "articles",
		Short: "List stored articles, newest first",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if limit < 1 || limit > 10000 {
				return usagef("--limit %d: want 1 to 10000", limit)
			}
			from, err := api.ParseSince(since, time.Now())
			if err != nil {
				return usagef("--since: %v", err)
			}
			ctx := cmd.Context()
			store, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer store.Close()
			list, err := store.Articles(ctx, storyline.ArticleFilter{Source: source, Since: from, Limit: limit})
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.stdout, api.NewArticles(list))
			}
			if len(list) == 0 {
				fmt.Fprintln(a.stdout, "no articles")
				return nil
			}
			for _, art := range list {
				fmt.Fprintf(a.stdout, "%6d  %s\n        %s\n", art.ID, art.Title, articleMeta(art))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&source, "source", "", "only articles from this outlet")
	cmd.Flags().StringVar(&since, "since", "", "only articles published since an age (12h, 7d) or a date")
	cmd.Flags().IntVar(&limit, "limit", 50, "most articles")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}
