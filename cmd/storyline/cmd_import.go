package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

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
Any of them may be gzipped (.gz). Importing the same input twice adds nothing.`,
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
				progress := a.newProgress(len(files), every)
				im := newImporter(store, newBuilder(max, source), max)
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
	cmd.Flags().DurationVar(&every, "progress-every", 2*time.Second, "interval of plain progress lines when not on a terminal")
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

// progress shows an import's progress: a bar on a terminal, a plain line
// every few seconds otherwise.
type progress struct {
	w      io.Writer
	bar    *progressbar.ProgressBar
	files  int
	every  time.Duration
	last   time.Time
	latest ingest.Progress
}

// newProgress returns the progress display for total files on stderr.
func (a *app) newProgress(total int, every time.Duration) *progress {
	p := &progress{w: a.stderr, last: time.Now(), every: every}
	if f, ok := a.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(a.stderr),
			progressbar.OptionSetDescription("importing"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	return p
}

// update records a progress snapshot; it is called from one goroutine.
func (p *progress) update(pr ingest.Progress) {
	p.latest = pr
	if p.bar != nil {
		if pr.Files > p.files {
			_ = p.bar.Add(pr.Files - p.files)
			p.files = pr.Files
		}
		p.bar.Describe(fmt.Sprintf("added %d, dup %d, err %d", pr.Added, pr.Duplicates(), pr.Errors))
		return
	}
	if time.Since(p.last) >= p.every {
		p.last = time.Now()
		p.line()
	}
}

// line prints the plain progress line.
func (p *progress) line() {
	pr := p.latest
	fmt.Fprintf(p.w, "progress: %d/%d files, added %d, updated %d, duplicates %d, errors %d\n",
		pr.Files, pr.FilesTotal, pr.Added, pr.Updated, pr.Duplicates(), pr.Errors)
}

// finish clears the bar.
func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
