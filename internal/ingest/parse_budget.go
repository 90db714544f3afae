package ingest

import (
	"context"
	"fmt"

	"golang.org/x/sync/semaphore"

	"github.com/storyline/storyline/internal/feed"
)

// DefaultParseBudget is the memory, in bytes, that parsing feeds may take
// at once across the polls sharing a ParseBudget made with 0: room for a
// few dozen ordinary feeds, or one huge one, at a time.
const DefaultParseBudget int64 = 256 << 20

// ParseBudget shares the memory that parsing feeds may take at once among
// the polls of a process, as feed.ParseMemory estimates it: a parse that
// needs more than is free waits. Pollers (and copies of a Poller) holding
// one budget share it. It is safe for concurrent use.
type ParseBudget struct {
	sem  *semaphore.Weighted
	size int64
}

// NewParseBudget returns a budget of size bytes; 0 or less means
// DefaultParseBudget.
func NewParseBudget(size int64) *ParseBudget {
	if size <= 0 {
		size = DefaultParseBudget
	}
	return &ParseBudget{sem: semaphore.NewWeighted(size), size: size}
}

// Size returns the budget in bytes.
func (b *ParseBudget) Size() int64 { return b.size }

// run runs parse, which parses a document of size bytes, once the memory
// it needs (at most the whole budget) is free; other parses wait while it
// runs. Waiting ends with ctx. A nil budget runs parse at once.
func (b *ParseBudget) run(ctx context.Context, size int, parse func() error) error {
	if b == nil {
		return parse()
	}
	cost := min(max(feed.ParseMemory(size), 1), b.size)
	if err := b.sem.Acquire(ctx, cost); err != nil {
		return fmt.Errorf("wait for %d MiB of memory to parse a feed of %d bytes: %w", cost>>20, size, err)
	}
	defer b.sem.Release(cost)
	return parse()
}
