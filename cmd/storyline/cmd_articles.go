package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/api"
)

// articlesPage is how many articles the articles command reads at a time.
const articlesPage = 500

func (a *app) articlesCommand() *cobra.Command {
	var (
		source string
		since  string
		limit  = limitValue(50)
		copies bool
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "articles",
		Short: "List stored articles, newest first",
		Long: `List stored articles, newest first (undated ones by when they were stored).

--json prints a JSON array of the API's article objects, each with its story_id
and analysis once analysed (a syndicated copy: the story of the article it
copies). --copies lists syndicated copies too. --limit N prints at most N
articles; --limit all prints every one, read and written a page at a time.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			n := int(limit)
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
			f := storyline.ArticleFilter{Source: source, Since: from, IncludeCopies: copies}
			if asJSON {
				return writeArticlesJSON(ctx, a.stdout, store, f, n)
			}
			count := 0
			err = eachArticle(ctx, store, f, n, articlesPage, func(art *storyline.Article) error {
				count++
				_, err := fmt.Fprintf(a.stdout, "%6d  %s\n        %s\n", art.ID, art.Title, articleMeta(art))
				return err
			})
			if err == nil && count == 0 {
				fmt.Fprintln(a.stdout, "no articles")
			}
			return err
		},
	}
	cmd.Flags().StringVar(&source, "source", "", "only articles from this outlet")
	cmd.Flags().StringVar(&since, "since", "", "only articles published since an age (12h, 7d) or a date")
	cmd.Flags().Var(&limit, "limit", `most articles, or "all"`)
	cmd.Flags().BoolVar(&copies, "copies", false, "list syndicated copies too")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON, with each article's story and analysis")
	return cmd
}

// limitValue is a --limit flag: a positive number, or "all" (0).
type limitValue int

// String implements pflag.Value.
func (l *limitValue) String() string {
	if *l == 0 {
		return "all"
	}
	return strconv.Itoa(int(*l))
}

// Set implements pflag.Value.
func (l *limitValue) Set(s string) error {
	if s == "all" {
		*l = 0
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return fmt.Errorf(`%q is neither a positive number nor "all"`, s)
	}
	*l = limitValue(n)
	return nil
}

// Type implements pflag.Value.
func (l *limitValue) Type() string { return "limit" }

// eachArticle calls fn with up to limit articles (0: all) that f selects,
// newest first, reading page articles at a time through keyset cursors.
func eachArticle(ctx context.Context, store storyline.ArticleStore, f storyline.ArticleFilter, limit, page int, fn func(*storyline.Article) error) error {
	done := 0
	for {
		f.Limit = page
		if limit > 0 {
			f.Limit = min(page, limit-done)
		}
		list, err := store.Articles(ctx, f)
		if err != nil {
			return err
		}
		for _, art := range list {
			if err := fn(art); err != nil {
				return err
			}
		}
		done += len(list)
		if len(list) < f.Limit || limit > 0 && done >= limit {
			return nil
		}
		last := list[len(list)-1]
		f.BeforeTime, f.BeforeID = last.Published, last.ID
		if last.Published.IsZero() {
			f.BeforeTime = last.CreatedAt
		}
	}
}

// writeArticlesJSON writes the articles as a JSON array, one element at a
// time, each with its story and analysis.
func writeArticlesJSON(ctx context.Context, w io.Writer, store storyline.Store, f storyline.ArticleFilter, limit int) error {
	if _, err := io.WriteString(w, "["); err != nil {
		return err
	}
	sep := "\n"
	err := eachArticle(ctx, store, f, limit, articlesPage, func(art *storyline.Article) error {
		out := api.NewArticle(art, false)
		x, err := storyline.AnalysisOf(ctx, store, art)
		if err != nil {
			return err
		}
		out.SetAnalysis(x)
		b, err := json.Marshal(out)
		if err != nil {
			return err
		}
		if _, err := fmt.Fprintf(w, "%s  %s", sep, b); err != nil {
			return err
		}
		sep = ",\n"
		return nil
	})
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, "\n]\n")
	return err
}
