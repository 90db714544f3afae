package ingest

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
)

func TestParseBudget(t *testing.T) {
	p := &Poller{ParseBudget: 1000}
	ctx := context.Background()
	var released atomic.Bool
	holding, release := make(chan struct{}), make(chan struct{})
	first, second := make(chan error), make(chan error)
	go func() {
		first <- p.withParseBudget(ctx, 1<<20, func() error { // more than the budget: takes all of it
			close(holding)
			<-release
			released.Store(true)
			return nil
		})
	}()
	<-holding
	go func() {
		second <- p.withParseBudget(ctx, 10, func() error {
			if !released.Load() {
				return errors.New("ran while the whole budget was taken")
			}
			return nil
		})
	}()
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	ran := false
	if err := p.withParseBudget(cancelled, 1, func() error { ran = true; return nil }); !errors.Is(err, context.Canceled) || ran {
		t.Errorf("a cancelled wait: error %v, ran %v; want %v", err, ran, context.Canceled)
	}
	close(release)
	for _, done := range []chan error{first, second} {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
	parseErr := errors.New("bad feed")
	if err := p.withParseBudget(ctx, 10, func() error { return parseErr }); err != parseErr {
		t.Errorf("error %v, want the parse's", err)
	}
	if sem, size := p.parseBudget(); size != 1000 || !sem.TryAcquire(1000) {
		t.Errorf("budget of %d not all free after the parses", size)
	}
	if _, size := (&Poller{}).parseBudget(); size != DefaultParseBudget {
		t.Errorf("default budget %d, want %d", size, DefaultParseBudget)
	}
}
