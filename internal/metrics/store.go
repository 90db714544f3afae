package metrics

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/storyline/storyline"
)

// Store is what the store collector reads.
type Store interface {
	// CountArticles returns how many articles are stored.
	CountArticles(ctx context.Context) (int, error)
	// Feeds lists the feed subscriptions.
	Feeds(ctx context.Context) ([]*storyline.Feed, error)
}

const (
	// storeCacheTTL is how long the store's totals are reused between
	// scrapes, so that frequent scrapes do not load the store.
	storeCacheTTL = 15 * time.Second
	// storeTimeout bounds reading the totals.
	storeTimeout = 5 * time.Second
)

// storeTotals are the totals read from the store at one time.
type storeTotals struct {
	articles, feeds, failing, paused int
	err                              error
	at                               time.Time
}

// storeCollector reports the store's totals at scrape time.
type storeCollector struct {
	store                            Store
	now                              func() time.Time
	articles, feeds, failing, paused *prometheus.Desc

	mu   sync.Mutex
	last storeTotals
}

// newStoreCollector returns a collector of store's totals.
func newStoreCollector(store Store, now func() time.Time) *storeCollector {
	desc := func(name, help string) *prometheus.Desc {
		return prometheus.NewDesc(prometheus.BuildFQName(namespace, "", name), help, nil, nil)
	}
	return &storeCollector{
		store: store, now: now,
		articles: desc("articles", "Articles stored, syndicated copies included."),
		feeds:    desc("feeds", "Feed subscriptions."),
		failing:  desc("feeds_in_error", "Feeds whose last poll failed."),
		paused:   desc("feeds_paused", "Feeds not polled: paused by a person, or gone."),
	}
}

// Describe implements prometheus.Collector.
func (c *storeCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.articles
	ch <- c.feeds
	ch <- c.failing
	ch <- c.paused
}

// Collect implements prometheus.Collector.
func (c *storeCollector) Collect(ch chan<- prometheus.Metric) {
	t := c.totals()
	if t.err != nil {
		ch <- prometheus.NewInvalidMetric(c.articles, t.err)
		return
	}
	for _, m := range []struct {
		d *prometheus.Desc
		v int
	}{{c.articles, t.articles}, {c.feeds, t.feeds}, {c.failing, t.failing}, {c.paused, t.paused}} {
		ch <- prometheus.MustNewConstMetric(m.d, prometheus.GaugeValue, float64(m.v))
	}
}

// totals returns the totals read at most storeCacheTTL ago, reading them
// again when they are older. A failed read is cached too, so that a
// failing store is not asked at every scrape.
func (c *storeCollector) totals() storeTotals {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if !c.last.at.IsZero() && now.Sub(c.last.at) < storeCacheTTL {
		return c.last
	}
	ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
	defer cancel()
	t := storeTotals{at: now}
	t.articles, t.err = c.store.CountArticles(ctx)
	if t.err != nil {
		t.err = fmt.Errorf("store totals: counting articles: %w", t.err)
	} else if feeds, err := c.store.Feeds(ctx); err != nil {
		t.err = fmt.Errorf("store totals: listing feeds: %w", err)
	} else {
		t.feeds = len(feeds)
		for _, f := range feeds {
			if f.ErrorCount > 0 {
				t.failing++
			}
			if f.Paused {
				t.paused++
			}
		}
	}
	c.last = t
	return t
}
