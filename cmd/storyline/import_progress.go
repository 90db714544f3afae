package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/storyline/storyline/internal/importer"
	"github.com/storyline/storyline/internal/ingest"
)

// progressView shows an import's progress: records done out of a total,
// with the counts so far. The bar on a terminal and plain lines
// otherwise implement it; tests record what it is shown.
type progressView interface {
	show(done, total int, pr ingest.Progress)
	finish()
}

// progress turns an importer's progress snapshots into records done out
// of the records the files hold, for a view.
type progress struct {
	view  progressView
	total int // records in all the files, counted before the import
	done  int
}

// newProgress returns the progress display of an import of files on
// stderr: a bar on a terminal, a plain line every few seconds otherwise.
// The files' records are counted first (see countRecords).
func (a *app) newProgress(ctx context.Context, dec importer.Decoder, files []string, every time.Duration) *progress {
	total := countRecords(ctx, dec, files)
	if f, ok := a.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return &progress{view: newBarView(a.stderr, total), total: total}
	}
	return &progress{view: &lineView{w: a.stderr, every: every, last: time.Now()}, total: total}
}

// update takes a progress snapshot; it is called from one goroutine.
func (p *progress) update(pr ingest.Progress) {
	p.done = min(recordsDone(pr.Report), p.total)
	p.view.show(p.done, p.total, pr)
}

// finish ends the display.
func (p *progress) finish() { p.view.finish() }

// recordsDone counts the records an import has processed: every record
// stored, found unchanged, subscribed or refused. An input that failed
// as a whole counts as one, as countRecords counts it.
func recordsDone(r ingest.Report) int {
	return r.Added + r.Updated + r.Unchanged + r.Copies + r.Feeds + r.KnownFeed + r.Errors
}

// countRecords counts the records that files hold, as the importer will
// emit them: a page or a text file is one; the lines of a JSON Lines file
// that are not blank are counted by scanning its bytes for line breaks
// (no decoding, so even a file of gigabytes costs a fraction of a second
// per GB, against minutes to import it); JSON, feed and OPML files, which
// are read whole and capped at the decoder's MaxBytes anyway, are decoded
// and their items counted. A file that cannot be read or decoded counts
// as one, the error the import will report. Counting stops when ctx ends.
func countRecords(ctx context.Context, dec importer.Decoder, files []string) int {
	total := 0
	for _, path := range files {
		if ctx.Err() != nil {
			return total + 1
		}
		n := 0
		switch importer.KindOf(path) {
		case importer.KindJSONLines:
			n, _ = countLines(path)
		case importer.KindJSON, importer.KindFeed, importer.KindOPML:
			_ = dec.DecodeFile(path, func(importer.Item) { n++ })
		}
		total += max(n, 1)
	}
	return total
}

// countLines counts the lines of the JSON Lines file at path (gzipped
// when its name ends in .gz) that hold more than white space.
func countLines(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("count lines of %s: %w", path, err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return 0, fmt.Errorf("count lines of %s: %w", path, err)
		}
		defer zr.Close()
		r = zr
	}
	n, err := countNonBlankLines(r)
	if err != nil {
		return n, fmt.Errorf("count lines of %s: %w", path, err)
	}
	return n, nil
}

// countNonBlankLines counts the lines read from r that hold something
// other than white space.
func countNonBlankLines(r io.Reader) (int, error) {
	br := bufio.NewReaderSize(r, 256<<10)
	n, filled := 0, false
	for {
		chunk, err := br.ReadSlice('\n')
		if !filled {
			filled = len(bytes.TrimSpace(chunk)) > 0
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case len(chunk) > 0 && chunk[len(chunk)-1] == '\n' || errors.Is(err, io.EOF):
			if filled {
				n++
			}
			filled = false
		}
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
}

// barView is the progress bar shown on a terminal.
type barView struct{ bar *progressbar.ProgressBar }

// newBarView returns a bar of total records on w.
func newBarView(w io.Writer, total int) *barView {
	return &barView{bar: progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("importing"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetItsString("records"),
		progressbar.OptionShowIts(),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)}
}

func (v *barView) show(done, _ int, pr ingest.Progress) {
	_ = v.bar.Set(done)
	v.bar.Describe(fmt.Sprintf("added %d, dup %d, err %d", pr.Added, pr.Duplicates(), pr.Errors))
}

func (v *barView) finish() { _ = v.bar.Finish() }

// lineView prints a plain progress line every few seconds, for a log.
type lineView struct {
	w     io.Writer
	every time.Duration
	last  time.Time
}

func (v *lineView) show(done, total int, pr ingest.Progress) {
	if time.Since(v.last) < v.every {
		return
	}
	v.last = time.Now()
	fmt.Fprintf(v.w, "progress: %d/%d records (%d/%d files), added %d, updated %d, duplicates %d, errors %d\n",
		done, total, pr.Files, pr.FilesTotal, pr.Added, pr.Updated, pr.Duplicates(), pr.Errors)
}

func (v *lineView) finish() {}
