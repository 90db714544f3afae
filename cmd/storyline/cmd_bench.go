package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/spf13/cobra"

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
	cmd.AddCommand(a.benchImportCommand(), a.benchSearchCommand(), a.benchFeedsCommand(), a.benchSiteCommand(), a.benchWebCommand(), a.benchWorkersCommand(), a.benchSoakCommand())
	return cmd
}

func (a *app) benchImportCommand() *cobra.Command {
	var (
		articles int
		pages    string
		workers  int
		profile  string
		heap     string
		analyze  bool
		langs    []string
	)
	cmd := &cobra.Command{
		Use:   "import (--articles N [--langs en,de,zh] | --pages DIR) [--analyze]",
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
				if err := writeSynthJSONL(path, articles, langs); err != nil {
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
			writeHeap, err := heapProfile(heap)
			if err != nil {
				stop()
				return err
			}
			start := time.Now()
			rep, err := im.Import(ctx, files)
			elapsed := time.Since(start)
			stop()
			if err != nil {
				return err
			}
			// The time until the whole import is searchable: the index
			// has taken in everything saved.
			if err := db.AwaitIndex(ctx); err != nil {
				return err
			}
			searchable := time.Since(start)
			if err := writeHeap(); err != nil {
				return err
			}
			items := rep.Added + rep.Updated + rep.Unchanged + rep.Copies + rep.Errors
			fmt.Fprintf(a.stdout, "imported %d items from %d files in %s on %d CPUs: %.0f items/s (added %d, duplicates %d, errors %d)\n",
				items, len(files), elapsed.Round(time.Millisecond), runtime.GOMAXPROCS(0), float64(items)/elapsed.Seconds(), rep.Added, rep.Duplicates(), rep.Errors)
			fmt.Fprintf(a.stdout, "all searchable after %s: %.0f items/s\n", searchable.Round(time.Millisecond), float64(items)/searchable.Seconds())
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			fmt.Fprintf(a.stdout, "peak RSS %.0f MiB (Go runtime %.0f MiB of it at most)\n", float64(peakRSS())/(1<<20), float64(ms.Sys)/(1<<20))
			return nil
		},
	}
	cmd.Flags().IntVar(&articles, "articles", 0, "generate and import this many JSON Lines articles")
	cmd.Flags().StringSliceVar(&langs, "langs", []string{"en"}, "languages of the generated articles, in turn: en, de, zh")
	cmd.Flags().StringVar(&pages, "pages", "", "import the pages in this directory")
	cmd.Flags().IntVar(&workers, "workers", 0, "items processed at once (0: one per CPU)")
	cmd.Flags().BoolVar(&analyze, "analyze", false, "analyse every article as the import command does (stories, summaries, hashtags, entities, copies)")
	cmd.Flags().StringVar(&profile, "cpuprofile", "", "write a CPU profile of the import to FILE")
	cmd.Flags().StringVar(&heap, "memprofile", "", "write a heap profile to FILE when the import is done")
	return cmd
}

// heapProfile creates the file of a heap profile at path ("" for none),
// so that a path it cannot write fails before the work, and returns the
// function that writes the profile into it and closes it.
func heapProfile(path string) (func() error, error) {
	if path == "" {
		return func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("heap profile: %w", err)
	}
	return func() error {
		if err := pprof.WriteHeapProfile(f); err != nil {
			f.Close()
			return fmt.Errorf("heap profile %s: %w", path, err)
		}
		return f.Close()
	}, nil
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
func writeSynthJSONL(path string, n int, langs []string) error {
	gens := make([]*synth.Generator, len(langs))
	for i, l := range langs {
		g, err := synth.NewIn(l, uint64(1+i), 30000)
		if err != nil {
			return usageError{err}
		}
		gens[i] = g
	}
	return writeJSONLines(path, n, func(i int) any {
		art := gens[i%len(gens)].Article(i, 400, 50)
		rec := map[string]any{"url": art.URL, "title": art.Title, "text": art.Text, "source": art.Source, "published": art.Published}
		if len(gens) > 1 {
			rec["language"] = art.Language
		}
		return rec
	})
}

// writeJSONLines writes n records, record(i) each, to path as JSON Lines.
func writeJSONLines(path string, n int, record func(i int) any) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	for i := range n {
		if err := enc.Encode(record(i)); err != nil {
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
