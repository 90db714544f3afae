package ingest

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
)

func TestParseBudget(t *testing.T) {
	b := NewParseBudget(1000)
	ctx := context.Background()
	var released atomic.Bool
	holding, release := make(chan struct{}), make(chan struct{})
	first, second := make(chan error), make(chan error)
	go func() {
		first <- b.run(ctx, 1<<20, func() error { // more than the budget: takes all of it
			close(holding)
			<-release
			released.Store(true)
			return nil
		})
	}()
	<-holding
	go func() {
		second <- b.run(ctx, 10, func() error {
			if !released.Load() {
				return errors.New("ran while the whole budget was taken")
			}
			return nil
		})
	}()
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	ran := false
	if err := b.run(cancelled, 1, func() error { ran = true; return nil }); !errors.Is(err, context.Canceled) || ran {
		t.Errorf("a cancelled wait: error %v, ran %v; want %v", err, ran, context.Canceled)
	}
	close(release)
	for _, done := range []chan error{first, second} {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
	parseErr := errors.New("bad feed")
	if err := b.run(ctx, 10, func() error { return parseErr }); err != parseErr {
		t.Errorf("error %v, want the parse's", err)
	}
	if b.Size() != 1000 || !b.sem.TryAcquire(1000) {
		t.Errorf("budget of %d not all free after the parses", b.Size())
	}
	if size := NewParseBudget(0).Size(); size != DefaultParseBudget {
		t.Errorf("default budget %d, want %d", size, DefaultParseBudget)
	}
	var none *ParseBudget
	if err := none.run(cancelled, 1<<30, func() error { return nil }); err != nil {
		t.Errorf("without a budget: %v, want the parse run at once", err)
	}
}
