package ingest

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/importer"
)

// Store is what importing needs from storage.
type Store interface {
	SaveArticle(ctx context.Context, a *storyline.Article) (storyline.SaveResult, error)
	AddFeed(ctx context.Context, f *storyline.Feed) error
}

// MaxListedErrors is how many errors a Report keeps for listing.
const MaxListedErrors = 10

// Report counts what an import did.
type Report struct {
	Files     int // files read to the end
	Added     int
	Updated   int
	Unchanged int // already stored as they are
	Copies    int // the same text under another URL, stored as linked copies
	Feeds     int // feed subscriptions added from OPML
	KnownFeed int // OPML subscriptions that already existed
	Errors    int
	// FirstErrors lists the first MaxListedErrors errors, each naming its
	// file (and line) and the reason.
	FirstErrors []error
}

// Duplicates counts the items that added no new article text.
func (r Report) Duplicates() int { return r.Unchanged + r.Copies }

// Progress is a snapshot of an import under way. Counts are of items
// already committed to the store.
type Progress struct {
	Report
	FilesTotal int
}

// Importer imports files into a store.
type Importer struct {
	Store   Store
	Builder Builder
	Decoder importer.Decoder
	// Workers is how many items are processed at once; 0 means one per CPU.
	Workers int
	// OnProgress, when set, is called from one goroutine after every item
	// and file with the counts so far.
	OnProgress func(Progress)
	// Analyzer, when set, analyses every article saved; the stories are
	// brought up to date as the import goes, a batch at a time, and at
	// the end.
	Analyzer *Analyzer
}

// outcome is the result of one item or one finished file, sent to the
// collector.
type outcome struct {
	file     int // index of the file
	itemDone bool
	result   storyline.SaveOutcome
	feed     int // 1 added, 2 known
	err      error
	// emitted is set (≥0) on the message that says a file's decoding
	// ended, with how many items it produced.
	emitted int
}

// work is one decoded item on its way to a processing worker.
type work struct {
	file int
	item importer.Item
}

// Import decodes every file, extracts and stores what they hold, and
// returns the counts. Errors with single files or items are counted and
// listed in the report, and the import goes on; the returned error is only
// for a cancelled context or a failing store.
func (im *Importer) Import(ctx context.Context, files []string) (Report, error) {
	workers := im.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	paths := make(chan int)
	items := make(chan work, 4*workers)
	results := make(chan outcome, 4*workers)

	go func() {
		defer close(paths)
		for i := range files {
			select {
			case paths <- i:
			case <-ctx.Done():
				return
			}
		}
	}()

	flusher := im.startFlusher(ctx)
	var decoders, processors sync.WaitGroup
	for range workers {
		decoders.Go(func() {
			for i := range paths {
				im.decode(ctx, i, files[i], items, results)
			}
		})
		processors.Go(func() {
			for w := range items {
				results <- im.process(ctx, cancel, w)
				flusher.poke()
			}
		})
	}
	go func() {
		decoders.Wait()
		close(items)
		processors.Wait()
		close(results)
	}()

	rep := im.collect(results, len(files))
	ferr := flusher.stop()
	if err := context.Cause(ctx); err != nil {
		return rep, err
	}
	if im.Analyzer != nil {
		if err := im.Analyzer.Flush(ctx); err != nil {
			return rep, errors.Join(ferr, err)
		}
	}
	return rep, ferr
}

// decode decodes one file, queueing its items and finally reporting how
// many there were (or the file's error).
func (im *Importer) decode(ctx context.Context, i int, path string, items chan<- work, results chan<- outcome) {
	n := 0
	err := im.Decoder.DecodeFile(path, func(it importer.Item) {
		if ctx.Err() != nil {
			return
		}
		n++
		items <- work{file: i, item: it}
	})
	results <- outcome{file: i, emitted: n, err: err}
}

// process builds and saves one item. A store failure (as opposed to a bad
// item) cancels the import: going on would only fail again.
func (im *Importer) process(ctx context.Context, cancel context.CancelCauseFunc, w work) outcome {
	out := outcome{file: w.file, itemDone: true, emitted: -1}
	if ctx.Err() != nil {
		out.err = ctx.Err()
		return out
	}
	it := w.item
	switch {
	case it.Err != nil:
		out.err = it.Err
	case it.Feed != nil:
		out.feed, out.err = im.addFeed(ctx, it.Feed)
	case it.Doc != nil:
		a, err := im.Builder.Article(it.Doc)
		if err != nil {
			out.err = &importer.InputError{Origin: it.Doc.Origin, Err: err}
			break
		}
		res, err := im.Store.SaveArticle(ctx, a)
		if err != nil {
			if storyline.ErrorCode(err) == storyline.EINVALID {
				out.err = &importer.InputError{Origin: it.Doc.Origin, Err: err}
				break
			}
			cancel(fmt.Errorf("save %s: %w", it.Doc.Origin, err))
			out.err = err
			break
		}
		out.result = reportedOutcome(res)
		if err := im.Analyzer.saved(ctx, a, res); err != nil {
			cancel(fmt.Errorf("analyse %s: %w", it.Doc.Origin, err))
			out.err = err
		}
	}
	return out
}

// addFeed subscribes to a feed from an OPML file: 1 when added, 2 when it
// was already there.
func (im *Importer) addFeed(ctx context.Context, ref *importer.FeedRef) (int, error) {
	f := &storyline.Feed{URL: ref.URL, Title: ref.Title, SiteURL: ref.SiteURL, Category: ref.Category}
	err := im.Store.AddFeed(ctx, f)
	switch {
	case err == nil:
		return 1, nil
	case storyline.ErrorCode(err) == storyline.ECONFLICT:
		return 2, nil
	case storyline.ErrorCode(err) == storyline.EINVALID:
		return 0, &importer.InputError{Origin: ref.Origin, Err: err}
	default:
		return 0, fmt.Errorf("%s: add feed %s: %w", ref.Origin, ref.URL, err)
	}
}

// collect tallies outcomes until results closes, calling OnProgress.
func (im *Importer) collect(results <-chan outcome, total int) Report {
	var rep Report
	emitted := make(map[int]int) // file → items, once decoding ended
	done := make(map[int]int)    // file → items processed
	finish := func(file int) {
		if n, ok := emitted[file]; ok && done[file] == n {
			rep.Files++
			delete(emitted, file)
			delete(done, file)
		}
	}
	for o := range results {
		if o.err != nil && !errors.Is(o.err, context.Canceled) {
			rep.Errors++
			if len(rep.FirstErrors) < MaxListedErrors {
				rep.FirstErrors = append(rep.FirstErrors, o.err)
			}
		}
		if o.itemDone {
			done[o.file]++
			switch o.result {
			case storyline.Added:
				rep.Added++
			case storyline.Updated:
				rep.Updated++
			case storyline.Unchanged:
				rep.Unchanged++
			case storyline.Copied:
				rep.Copies++
			}
			switch o.feed {
			case 1:
				rep.Feeds++
			case 2:
				rep.KnownFeed++
			}
		} else {
			emitted[o.file] = o.emitted
		}
		finish(o.file)
		if im.OnProgress != nil {
			im.OnProgress(Progress{Report: rep, FilesTotal: total})
		}
	}
	return rep
}
