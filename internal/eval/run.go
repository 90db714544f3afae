package eval

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/storyline/storyline/internal/extract"
)

// OursName is the name under which Storyline's extractor is reported.
const OursName = "storyline"

// ExtractOptions configures RunExtract.
type ExtractOptions struct {
	// DataDir holds ground-truth.json, html/*.html.gz and output/*.json.
	DataDir string
	// OutFile, when set, receives our extracted texts in the output shape.
	OutFile string
	// Workers is how many pages are extracted at once; 0 means one per CPU.
	Workers int
}

// SystemScores are one system's scores.
type SystemScores struct {
	Name string
	Scores
}

// Failure is a page our extractor returned an error for; it is scored as
// empty output.
type Failure struct {
	ID  string
	Err string
}

// Report is the outcome of RunExtract.
type Report struct {
	// Ours are our extractor's scores.
	Ours Scores
	// Systems are the recorded systems' scores, best F1 first.
	Systems []SystemScores
	// Failures lists the pages that did not extract, by ID.
	Failures []Failure
	// Pages is how many pages were extracted; Elapsed is the wall time of
	// extraction alone (reading and unzipping excluded).
	Pages   int
	Elapsed time.Duration
}

// System returns the scores of the named system and whether it was scored.
func (r Report) System(name string) (Scores, bool) {
	for _, s := range r.Systems {
		if s.Name == name {
			return s.Scores, true
		}
	}
	return Scores{}, false
}

// RunExtract extracts every page of opts.DataDir/html/*.html.gz with ex
// (the page URL comes from the ground truth), writes our texts to
// opts.OutFile when set, and scores ours and every recorded system in
// opts.DataDir/output against the ground truth.
func RunExtract(ctx context.Context, ex *extract.Extractor, opts ExtractOptions) (*Report, error) {
	if st, err := os.Stat(opts.DataDir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("run extraction eval: data directory %q: not a readable directory", opts.DataDir)
	}
	gt, err := LoadGroundTruth(opts.DataDir)
	if err != nil {
		return nil, fmt.Errorf("run extraction eval: %w", err)
	}
	pages, err := readPages(opts.DataDir)
	if err != nil {
		return nil, fmt.Errorf("run extraction eval: %w", err)
	}
	texts, failures, elapsed, err := extractAll(ctx, ex, pages, gt, opts.Workers)
	if err != nil {
		return nil, fmt.Errorf("run extraction eval: %w", err)
	}
	if opts.OutFile != "" {
		if err := WriteOutput(opts.OutFile, texts); err != nil {
			return nil, fmt.Errorf("run extraction eval: %w", err)
		}
	}
	gold := goldTexts(gt)
	rep := &Report{
		Ours:     ScoreExtraction(gold, texts),
		Failures: failures,
		Pages:    len(pages),
		Elapsed:  elapsed,
	}
	names, paths, err := SystemOutputs(opts.DataDir)
	if err != nil {
		return nil, fmt.Errorf("run extraction eval: %w", err)
	}
	for _, name := range names {
		pred, err := LoadOutput(paths[name])
		if err != nil {
			return nil, fmt.Errorf("run extraction eval: %w", err)
		}
		rep.Systems = append(rep.Systems, SystemScores{Name: name, Scores: ScoreExtraction(gold, pred)})
	}
	sort.SliceStable(rep.Systems, func(i, j int) bool { return rep.Systems[i].F1 > rep.Systems[j].F1 })
	return rep, nil
}

// page is one benchmark page, unzipped.
type page struct {
	id  string
	raw []byte
}

// readPages reads and unzips every html/*.html.gz page of dataDir.
func readPages(dataDir string) ([]page, error) {
	dir := filepath.Join(dataDir, "html")
	paths, err := filepath.Glob(filepath.Join(dir, "*.html.gz"))
	if err != nil {
		return nil, fmt.Errorf("list pages in %s: %w", dir, err)
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("list pages: no *.html.gz files in %s", dir)
	}
	sort.Strings(paths)
	pages := make([]page, 0, len(paths))
	for _, p := range paths {
		raw, err := readGzip(p)
		if err != nil {
			return nil, err
		}
		pages = append(pages, page{id: strings.TrimSuffix(filepath.Base(p), ".html.gz"), raw: raw})
	}
	return pages, nil
}

// readGzip returns the unzipped content of the file at path.
func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read page: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("read page %s: %w", path, err)
	}
	defer zr.Close()
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("read page %s: %w", path, err)
	}
	return b, nil
}

// extractAll extracts pages with workers goroutines and returns the texts
// by ID, the failures sorted by ID, and the wall time taken.
func extractAll(ctx context.Context, ex *extract.Extractor, pages []page, gt map[string]Truth, workers int) (map[string]string, []Failure, time.Duration, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	texts := make(map[string]string, len(pages))
	var failures []Failure
	var mu sync.Mutex
	jobs := make(chan page)
	var wg sync.WaitGroup
	start := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range jobs {
				a, err := ex.Extract(p.raw, gt[p.id].URL, "")
				mu.Lock()
				if err != nil {
					failures = append(failures, Failure{ID: p.id, Err: err.Error()})
					texts[p.id] = ""
				} else {
					texts[p.id] = a.Text
				}
				mu.Unlock()
			}
		}()
	}
	var err error
feed:
	for _, p := range pages {
		if err = ctx.Err(); err != nil {
			// select picks at random among ready cases: a cancelled run
			// must not go on feeding pages to idle workers.
			break
		}
		select {
		case jobs <- p:
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	elapsed := time.Since(start)
	if err != nil {
		return nil, nil, 0, fmt.Errorf("extract pages: %w", err)
	}
	sort.Slice(failures, func(i, j int) bool { return failures[i].ID < failures[j].ID })
	return texts, failures, elapsed, nil
}
