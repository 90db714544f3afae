package main

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// fakeReindexer has left articles to reindex, failing once when fail is
// set.
type fakeReindexer struct {
	left, calls int
	fail        bool
}

func (f *fakeReindexer) ReindexSearch(_ context.Context, batch int) (int, int, error) {
	f.calls++
	if f.fail {
		f.fail = false
		return 0, f.left, errors.New("disk I/O error")
	}
	n := min(batch, f.left)
	f.left -= n
	return n, f.left, nil
}

func TestReindexAll(t *testing.T) {
	var out bytes.Buffer
	a := &app{stderr: &out}
	r := &fakeReindexer{left: 1234}
	n, err := reindexAll(context.Background(), r, func(what string, total int) *counter {
		if total != 1234 {
			t.Errorf("counter total %d, want 1234", total)
		}
		return a.newCounter(what, total, time.Nanosecond)
	})
	if err != nil || n != 1234 || r.left != 0 || r.calls != 3 {
		t.Errorf("reindexAll = %d, %v after %d calls (%d left), want 1234 in 3", n, err, r.calls, r.left)
	}
	if !strings.Contains(out.String(), "1234/1234 articles reindexed for search") {
		t.Errorf("progress %q", out.String())
	}
	// An error stops it and is returned.
	r = &fakeReindexer{left: 10, fail: true}
	if _, err := reindexAll(context.Background(), r, func(string, int) *counter { return a.newCounter("x", 1, 0) }); err == nil {
		t.Error("a failing reindex reported no error")
	}
}

func TestReindexSearchInTheBackground(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	r := &fakeReindexer{left: 1200}
	reindexSearch(context.Background(), r, log)
	if r.left != 0 || !strings.Contains(logs.String(), "articles=1200") {
		t.Errorf("%d left; log %q", r.left, logs.String())
	}
	// Cancelled while waiting to retry after an error: it returns.
	ctx, cancel := context.WithCancel(context.Background())
	r = &fakeReindexer{left: 10, fail: true}
	go func() { time.Sleep(10 * time.Millisecond); cancel() }()
	reindexSearch(ctx, r, log)
	if !strings.Contains(logs.String(), "disk I/O error") {
		t.Errorf("the error was not logged: %q", logs.String())
	}
}
