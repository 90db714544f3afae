package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/extract"
	"github.com/storyline/storyline/internal/importer"
	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/store/sqlite"
	"github.com/storyline/storyline/internal/synth"
)

func (a *app) benchCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure import and search speed on generated or given data",
		Args:  noArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(a.benchImportCommand(), a.benchSearchCommand(), a.benchFeedsCommand(), a.benchSiteCommand(), a.benchWebCommand())
	return cmd
}

func (a *app) benchImportCommand() *cobra.Command {
	var (
		articles int
		pages    string
		workers  int
		profile  string
		analyze  bool
	)
	cmd := &cobra.Command{
		Use:   "import (--articles N | --pages DIR) [--analyze]",
		Short: "Time an import into a fresh store: generated JSON Lines articles, or a directory of pages",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if (articles > 0) == (pages != "") {
				return usagef("bench import needs one of --articles N or --pages DIR")
			}
			ctx := cmd.Context()
			tmp, err := os.MkdirTemp("", "storyline-bench-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(tmp)
			var files []string
			if articles > 0 {
				path := filepath.Join(tmp, "articles.jsonl")
				if err := writeSynthJSONL(path, articles); err != nil {
					return err
				}
				files = []string{path}
			} else if files, err = importer.Files([]string{pages}); err != nil {
				return usageError{err}
			}
			// A search after the import waits as long as the index needs,
			// so the "searchable" figure is never cut short.
			db, err := sqlite.Open(ctx, filepath.Join(tmp, "bench.db"), sqlite.Options{IndexWait: time.Hour})
			if err != nil {
				return err
			}
			defer db.Close()
			im := &ingest.Importer{
				Store:   db,
				Builder: ingest.Builder{Extractor: extract.New(extract.Options{})},
				Workers: workers,
			}
			if analyze {
				if im.Analyzer, err = ingest.NewAnalyzer(ctx, db); err != nil {
					return err
				}
			}
			stop, err := startCPUProfile(profile)
			if err != nil {
				return err
			}
			start := time.Now()
			rep, err := im.Import(ctx, files)
			elapsed := time.Since(start)
			stop()
			if err != nil {
				return err
			}
			// A search waits until everything saved is indexed: the time
			// until the whole import is searchable.
			if _, err := db.Search(ctx, storyline.SearchQuery{Text: "the", Limit: 1}); err != nil {
				return err
			}
			searchable := time.Since(start)
			items := rep.Added + rep.Updated + rep.Unchanged + rep.Copies + rep.Errors
			fmt.Fprintf(a.stdout, "imported %d items from %d files in %s on %d CPUs: %.0f items/s (added %d, duplicates %d, errors %d)\n",
				items, len(files), elapsed.Round(time.Millisecond), runtime.GOMAXPROCS(0), float64(items)/elapsed.Seconds(), rep.Added, rep.Duplicates(), rep.Errors)
			fmt.Fprintf(a.stdout, "all searchable after %s: %.0f items/s\n", searchable.Round(time.Millisecond), float64(items)/searchable.Seconds())
			fmt.Fprintf(a.stdout, "peak RSS %.0f MiB\n", float64(peakRSS())/(1<<20))
			return nil
		},
	}
	cmd.Flags().IntVar(&articles, "articles", 0, "generate and import this many JSON Lines articles")
	cmd.Flags().StringVar(&pages, "pages", "", "import the pages in this directory")
	cmd.Flags().IntVar(&workers, "workers", 0, "items processed at once (0: one per CPU)")
	cmd.Flags().BoolVar(&analyze, "analyze", false, "analyse every article as the import command does (stories, summaries, hashtags, entities, copies)")
	cmd.Flags().StringVar(&profile, "cpuprofile", "", "write a CPU profile of the import to FILE")
	return cmd
}

// startCPUProfile starts a CPU profile into path ("" for none) and returns
// the function that stops it.
func startCPUProfile(path string) (func(), error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// writeSynthJSONL writes n generated articles (about 400 words each) to
// path as JSON Lines.
func writeSynthJSONL(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	g := synth.New(1, 30000)
	for i := range n {
		art := g.Article(i, 400, 50)
		rec := map[string]any{"url": art.URL, "title": art.Title, "text": art.Text, "source": art.Source, "published": art.Published}
		if err := enc.Encode(rec); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func (a *app) benchSearchCommand() *cobra.Command {
	var (
		articles int
		queries  int
		storeDir string
	)
	cmd := &cobra.Command{
		Use:   "search [--articles N] [--queries Q] [--store DIR]",
		Short: "Time searches on a store of generated articles",
		Long: `Fill a store with N generated articles (or reuse the one in --store DIR when it
already holds them) and time Q generated queries of one to three words; print
the latency percentiles.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if articles < 1 || queries < 1 {
				return usagef("bench search needs --articles and --queries of at least 1")
			}
			ctx := cmd.Context()
			if storeDir == "" {
				tmp, err := os.MkdirTemp("", "storyline-bench-")
				if err != nil {
					return err
				}
				defer os.RemoveAll(tmp)
				storeDir = tmp
			}
			if err := os.MkdirAll(storeDir, 0o750); err != nil {
				return err
			}
			db, err := sqlite.Open(ctx, filepath.Join(storeDir, "bench.db"), sqlite.Options{})
			if err != nil {
				return err
			}
			defer db.Close()
			if err := fillStore(ctx, db, articles, a); err != nil {
				return err
			}
			g := synth.New(99, 30000)
			lat := make([]time.Duration, queries)
			hits := 0
			for i := range lat {
				q := storyline.SearchQuery{Text: g.Query(), Limit: 20}
				start := time.Now()
				res, err := db.Search(ctx, q)
				lat[i] = time.Since(start)
				if err != nil {
					return fmt.Errorf("search %q: %w", q.Text, err)
				}
				hits += len(res)
			}
			slices.Sort(lat)
			pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
			fmt.Fprintf(a.stdout, "%d queries on %d articles: p50 %s, p95 %s, p99 %s, max %s (%.1f hits/query)\n",
				queries, articles, pct(0.50).Round(10*time.Microsecond), pct(0.95).Round(10*time.Microsecond),
				pct(0.99).Round(10*time.Microsecond), lat[len(lat)-1].Round(10*time.Microsecond), float64(hits)/float64(queries))
			return nil
		},
	}
	cmd.Flags().IntVar(&articles, "articles", 100_000, "articles in the store")
	cmd.Flags().IntVar(&queries, "queries", 1000, "queries to time")
	cmd.Flags().StringVar(&storeDir, "store", "", "keep the generated store in DIR and reuse it")
	return cmd
}

// fillStore saves generated articles until the store holds n.
func fillStore(ctx context.Context, db *sqlite.DB, n int, a *app) error {
	have, err := db.CountArticles(ctx)
	if err != nil {
		return err
	}
	if have >= n {
		return nil
	}
	fmt.Fprintf(a.stderr, "generating %d articles…\n", n-have)
	g := synth.New(1, 30000)
	for i := range n {
		art := g.Article(i, 300, 50)
		if i < have {
			continue
		}
		art.ContentHash = storyline.ContentHash(art.Text)
		if _, err := db.SaveArticle(ctx, art); err != nil {
			return err
		}
	}
	return nil
}
