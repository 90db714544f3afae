package ingest

import (
	"context"
	"errors"
	"sync"
)

// flusher brings the stories an import changes up to date while it goes
// on, in the background, whenever flushAt of them are out of date: the
// work overlaps the import's, instead of all coming after it, and a long
// import's stories show their summaries as it goes.
type flusher struct {
	an   *Analyzer
	wake chan struct{}
	done chan struct{}
	mu   sync.Mutex
	errs []error
}

// startFlusher starts the flusher of an import; a nil one when there is
// no analysis.
func (im *Importer) startFlusher(ctx context.Context) *flusher {
	if im.Analyzer == nil {
		return nil
	}
	f := &flusher{an: im.Analyzer, wake: make(chan struct{}, 1), done: make(chan struct{})}
	go f.run(ctx)
	return f
}

// run flushes each time it is woken, until stop.
func (f *flusher) run(ctx context.Context) {
	defer close(f.done)
	for range f.wake {
		if err := f.an.Flush(ctx); err != nil {
			f.mu.Lock()
			f.errs = append(f.errs, err)
			f.mu.Unlock()
		}
	}
}

// flushAt is how many stories out of date wake the flusher: a few
// batches, so that a story covered by many of the imported reports is
// summarised once for many of them, not again every few reports (waking
// at one batch made a mixed import 3 % slower).
const flushAt = 4 * storyBatch

// poke wakes the flusher when a batch of stories is out of date.
func (f *flusher) poke() {
	if f == nil || f.an.outOfDate() < flushAt {
		return
	}
	select {
	case f.wake <- struct{}{}:
	default: // already woken
	}
}

// stop waits for a flush under way and returns the errors of all of
// them.
func (f *flusher) stop() error {
	if f == nil {
		return nil
	}
	close(f.wake)
	<-f.done
	return errors.Join(f.errs...)
}
