package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"
	"golang.org/x/text/language"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/api"
)

func (a *app) searchCommand() *cobra.Command {
	var (
		source string
		lang   string
		since  string
		limit  int
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "search QUERY...",
		Short: "Search stored articles",
		Long:  "Search stored articles. The query is plain words; quotes, dashes and other signs are matched as text.\nEach word finds its inflected forms in every language stored (Verhandlung finds\nVerhandlungen), or in the one --lang names.",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("search needs a QUERY")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if limit < 1 || limit > 1000 {
				return usagef("--limit %d: want 1 to 1000", limit)
			}
			from, err := api.ParseSince(since, time.Now())
			if err != nil {
				return usagef("--since: %v", err)
			}
			if lang != "" {
				tag, err := language.Parse(lang)
				if err != nil {
					return usagef("--lang %q: not a language code such as de or pt-BR", lang)
				}
				lang = tag.String()
			}
			ctx := cmd.Context()
			store, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer store.Close()
			q := strings.Join(args, " ")
			hits, err := store.Search(ctx, storyline.SearchQuery{Text: q, Source: source, Since: from, Lang: lang, Limit: limit})
			if err != nil {
				return fmt.Errorf("search %q: %w", q, err)
			}
			if asJSON {
				return writeJSON(a.stdout, api.NewSearchHits(hits))
			}
			if len(hits) == 0 {
				fmt.Fprintf(a.stdout, "no articles match %q\n", q)
				return nil
			}
			open, close := "[", "]"
			if isTerminal(a.stdout) {
				open, close = "\x1b[1m", "\x1b[0m"
			}
			for i, h := range hits {
				fmt.Fprintf(a.stdout, "%d. %s\n   %s\n", i+1, h.Article.Title, articleMeta(h.Article))
				if h.Article.URL != "" {
					fmt.Fprintf(a.stdout, "   %s\n", h.Article.URL)
				}
				if s := h.Snippet.String(open, close); s != "" {
					fmt.Fprintf(a.stdout, "   %s\n", oneLine(s))
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&source, "source", "", "only articles from this outlet")
	cmd.Flags().StringVar(&lang, "lang", "", "normalise the words for this language only (de, pt-BR); default: every language stored")
	cmd.Flags().StringVar(&since, "since", "", "only articles published since an age (12h, 7d, 2w) or a date (2026-01-31)")
	cmd.Flags().IntVar(&limit, "limit", 20, "most results")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// articleMeta is the one-line description of an article: outlet, time, id.
func articleMeta(a *storyline.Article) string {
	parts := []string{}
	if a.Source != "" {
		parts = append(parts, a.Source)
	}
	if !a.Published.IsZero() {
		parts = append(parts, a.Published.Format("2006-01-02 15:04 MST"))
	}
	parts = append(parts, fmt.Sprintf("id %d", a.ID))
	return strings.Join(parts, " · ")
}

// oneLine folds white space, newlines included, to single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// writeJSON prints v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
