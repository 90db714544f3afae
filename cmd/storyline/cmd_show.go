package main

import (
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/api"
	"github.com/storyline/storyline/internal/urlx"
)

func (a *app) showCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show ID|URL",
		Short: "Show one article",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("show needs exactly one ID or URL, got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			ref := args[0]
			id, idErr := strconv.ParseInt(ref, 10, 64)
			var url string
			if idErr != nil {
				var err error
				if url, err = urlx.Canonicalize(ref); err != nil {
					return usagef("show %q: want an article id or an http(s) URL", ref)
				}
			} else if id <= 0 {
				return usagef("show %q: an article id is a positive number", ref)
			}
			store, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer store.Close()
			var art *storyline.Article
			if url != "" {
				art, err = store.ArticleByURL(ctx, url)
			} else {
				art, err = store.Article(ctx, id)
			}
			if err != nil {
				return err
			}
			copies, err := storyline.AlsoPublishedBy(ctx, store, art)
			if err != nil {
				return err
			}
			if asJSON {
				out := api.NewArticle(art, true)
				out.AlsoPublishedBy = api.NewCopies(copies)
				x, err := storyline.AnalysisOf(ctx, store, art)
				if err != nil {
					return err
				}
				out.SetAnalysis(x)
				return writeJSON(a.stdout, out)
			}
			w := a.stdout
			fmt.Fprintln(w, art.Title)
			fmt.Fprintln(w, articleMeta(art))
			if art.Byline != "" {
				fmt.Fprintf(w, "By %s\n", art.Byline)
			}
			if art.URL != "" {
				fmt.Fprintln(w, art.URL)
			}
			fmt.Fprintf(w, "\n%s\n", art.Text)
			if len(copies) > 0 {
				fmt.Fprintln(w, "\nAlso published by:")
				for _, c := range copies {
					fmt.Fprintf(w, "  %s  %s (id %d)\n", c.Source, c.URL, c.ID)
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}
