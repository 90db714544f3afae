package ingest

import (
	"context"
	"fmt"

	"golang.org/x/sync/semaphore"

	"github.com/storyline/storyline/internal/feed"
)

// DefaultParseBudget is the memory, in bytes, that parsing feeds may take
// at once across the polls of one Poller when its ParseBudget is 0: room
// for a few dozen ordinary feeds, or one huge one, at a time.
const DefaultParseBudget int64 = 256 << 20

// parseBudget returns the semaphore that shares the memory of parsing
// among polls, and its size.
func (p *Poller) parseBudget() (*semaphore.Weighted, int64) {
	p.budgetOnce.Do(func() {
		p.budgetSize = p.ParseBudget
		if p.budgetSize <= 0 {
			p.budgetSize = DefaultParseBudget
		}
		p.budget = semaphore.NewWeighted(p.budgetSize)
	})
	return p.budget, p.budgetSize
}

// withParseBudget runs parse, which parses a document of size bytes, once
// the memory it needs (feed.ParseMemory, at most the whole budget) is
// free; other parses wait while it runs. Waiting ends with ctx.
func (p *Poller) withParseBudget(ctx context.Context, size int, parse func() error) error {
	sem, total := p.parseBudget()
	cost := min(max(feed.ParseMemory(size), 1), total)
	if err := sem.Acquire(ctx, cost); err != nil {
		return fmt.Errorf("wait for %d MiB of memory to parse a feed of %d bytes: %w", cost>>20, size, err)
	}
	defer sem.Release(cost)
	return parse()
}
