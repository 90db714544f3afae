package ingest

import (
	"context"
	"strings"
	"testing"
)

// TestFlusherFlushesBatches: an import's flusher brings stories up to
// date once flushAt of them are out of date, not before, and stop reports
// what failed.
func TestFlusherFlushesBatches(t *testing.T) {
	_, an := newTestAnalyzer(t)
	im := &Importer{Analyzer: an}
	f := im.startFlusher(context.Background())
	mark := func(from, n int) {
		an.dirtyMu.Lock()
		defer an.dirtyMu.Unlock()
		for i := range n {
			an.dirty[int64(from+i)] = true // stories the store does not have
		}
	}
	mark(1000, flushAt-1)
	f.poke()
	if n := an.outOfDate(); n != flushAt-1 {
		t.Fatalf("a poke with %d stories out of date flushed: %d left", flushAt-1, n)
	}
	mark(50000, 1)
	f.poke()
	err := f.stop()
	if n := an.outOfDate(); n != 0 {
		t.Errorf("after a poke with a batch out of date, %d stories are left", n)
	}
	if err == nil || !strings.Contains(err.Error(), "update story 50000") {
		t.Errorf("stop() = %v, want the failed updates", err)
	}
	if (&Importer{}).startFlusher(context.Background()).stop() != nil {
		t.Error("an import without analysis has a flusher")
	}
}
