package main

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/importer"
	"github.com/storyline/storyline/internal/ingest"
)

func (a *app) importCommand() *cobra.Command {
	var (
		source  string
		maxSize string
		workers int
		every   time.Duration
		analyze bool
	)
	cmd := &cobra.Command{
		Use:   "import PATH...",
		Short: "Import articles from files and directories",
		Long: `Import articles from files and directories (recursively):
  .html .htm        pages; the article is extracted
  .txt .md          the first line is the title
  .json .jsonl      objects with url, title, text or html, published, source, author;
                    a .json JSON Feed is read as a feed
  .rss .atom .xml   feeds (RSS, Atom, RDF): every entry with its content
  .opml             feed subscriptions
Any of them may be gzipped (.gz). Importing the same input twice adds nothing.
Progress counts records, counted before the import begins: a page or text
file is one, and so is each JSON object, JSON Lines line, feed entry or
OPML subscription.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("import needs at least one PATH")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			max, err := parseSize(maxSize)
			if err != nil {
				return usagef("--max-size: %v", err)
			}
			if workers < 0 {
				return usagef("--workers %d: want 0 (one per CPU) or more", workers)
			}
			files, err := importer.Files(args)
			if err != nil {
				return usageError{err}
			}
			ctx := cmd.Context()
			return a.withStore(ctx, func(store storyline.Store) error {
				im := newImporter(store, newBuilder(max, source), max)
				progress := a.newProgress(ctx, im.Decoder, files, every)
				im.Workers, im.OnProgress = workers, progress.update
				run := func() error {
					rep, err := im.Import(ctx, files)
					progress.finish()
					printReport(a.stdout, rep, len(files))
					if err != nil {
						return fmt.Errorf("import stopped: %w", err)
					}
					if rep.Errors > 0 {
						return fmt.Errorf("%d input(s) could not be imported", rep.Errors)
					}
					return nil
				}
				if !analyze {
					return run()
				}
				return withAnalyzer(ctx, store, func(an *ingest.Analyzer) error {
					im.Analyzer = an
					return run()
				})
			})
		},
	}
	cmd.Flags().StringVar(&source, "source", "", "outlet name for articles whose file names none")
	cmd.Flags().BoolVar(&analyze, "analyze", true, "analyse the articles as they are stored (stories, summaries, hashtags, entities); off: run storyline analyze later")
	cmd.Flags().StringVar(&maxSize, "max-size", "10MiB", "largest file (or JSON Lines record) accepted")
	cmd.Flags().IntVar(&workers, "workers", 0, "items processed at once (0: one per CPU)")
	cmd.Flags().DurationVar(&every, "progress-every", 2*time.Second, "interval of plain progress lines (records done of all the files hold) when not on a terminal")
	return cmd
}

// printReport prints the closing lines of an import.
func printReport(w io.Writer, rep ingest.Report, files int) {
	fmt.Fprintf(w, "added %d, updated %d, duplicates %d, errors %d (%d of %d files)\n",
		rep.Added, rep.Updated, rep.Duplicates(), rep.Errors, rep.Files, files)
	if rep.Copies > 0 {
		fmt.Fprintf(w, "%d duplicate(s) were the same text at another URL, linked as copies\n", rep.Copies)
	}
	if rep.Feeds+rep.KnownFeed > 0 {
		fmt.Fprintf(w, "feeds: %d subscribed, %d already subscribed\n", rep.Feeds, rep.KnownFeed)
	}
	if rep.Added+rep.Updated+rep.Copies+rep.Feeds == 0 && rep.Unchanged+rep.KnownFeed > 0 {
		fmt.Fprintln(w, "nothing new: everything was already stored")
	}
	for _, err := range rep.FirstErrors {
		fmt.Fprintf(w, "  error: %v\n", err)
	}
	if more := rep.Errors - len(rep.FirstErrors); more > 0 {
		fmt.Fprintf(w, "  … and %d more error(s)\n", more)
	}
}
