package ingest

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/feed"
)

// polledFeed is a feed as one poll takes it.
type polledFeed struct {
	*feed.Feed // Entries: every entry, or the newest new ones when capped
	// total is how many entries the feed has.
	total int
	// dates are publication dates of the feed's entries, for Schedule:
	// all of them, or the newest recentDates of those not after the poll.
	dates []time.Time
	// capped: the feed has more new entries than one poll takes; Entries
	// holds the newest of them.
	capped bool
}

// recentDates is how many of the newest dates a polledFeed keeps of a
// feed with many entries: more than Schedule.Interval looks at.
const recentDates = 64

// parseForPoll parses the feed document body fetched from url for a poll
// of f, within the parse budget. A feed within one batch (see
// feed.ParseInBatches) has all its entries in Entries, as feed.Parse
// gives them; so does any feed of at most MaxEntries entries. From a
// larger one only the entries f has not stored are kept, and of those
// the newest MaxEntries, so that memory stays bounded however many
// entries the feed has, while the next poll still takes the rest.
func (p *Poller) parseForPoll(ctx context.Context, f *storyline.Feed, body []byte, url string, now time.Time) (*polledFeed, error) {
	limit := cmp.Or(p.MaxEntries, MaxPollEntries)
	out := &polledFeed{}
	var (
		all       []feed.Entry // every entry, while there are at most limit
		filtering bool         // keeping only the new entries, in fresh
		fresh     []feed.Entry
		freshN    int
	)
	batch := func(b *feed.Feed) error {
		if out.Feed == nil {
			out.Feed = &feed.Feed{Title: b.Title, SiteURL: b.SiteURL, Language: b.Language, TTL: b.TTL}
		}
		out.total += len(b.Entries)
		out.dates = addDates(out.dates, b.Entries, now)
		entries := b.Entries
		if !filtering {
			if len(all)+len(entries) <= limit {
				all = append(all, entries...)
				return nil
			}
			filtering, entries, all = true, append(all, entries...), nil
		}
		guids := make([]string, len(entries))
		for i, e := range entries {
			guids[i] = e.GUID
		}
		known, err := p.Store.FeedEntries(ctx, f.ID, guids)
		if err != nil {
			return fmt.Errorf("look up %d entries of feed %d: %w", len(guids), f.ID, err)
		}
		for _, e := range entries {
			if _, ok := known[e.GUID]; !ok {
				fresh = append(fresh, e)
				freshN++
			}
		}
		if len(fresh) > 2*limit {
			fresh, _ = newestEntries(fresh, limit)
		}
		return nil
	}
	err := p.Budget.run(ctx, len(body), func() error {
		return feed.ParseInBatches(body, url, now, batch)
	})
	if err != nil {
		return nil, err
	}
	out.Entries = all
	if filtering {
		out.Entries, out.capped = newestEntries(fresh, limit)
		out.capped = out.capped || freshN > limit
	}
	return out, nil
}

// addDates adds to dates the publication dates of entries that are not
// after now; past 16 times recentDates it keeps the newest recentDates.
func addDates(dates []time.Time, entries []feed.Entry, now time.Time) []time.Time {
	for _, e := range entries {
		if !e.Published.IsZero() && !e.Published.After(now) {
			dates = append(dates, e.Published)
		}
	}
	if len(dates) > 16*recentDates {
		slices.SortFunc(dates, func(a, b time.Time) int { return b.Compare(a) })
		dates = slices.Clone(dates[:recentDates])
	}
	return dates
}

// errEnough ends a parse that has what it needs.
var errEnough = errors.New("parsed enough")

// parseHead parses the feed document body fetched from url for what a
// subscription needs — its title and site — within the parse budget. Of
// a large feed only the first batch of entries is parsed; its Entries
// are those of the first batch.
func (p *Poller) parseHead(ctx context.Context, body []byte, url string, now time.Time) (*feed.Feed, error) {
	var head *feed.Feed
	err := p.Budget.run(ctx, len(body), func() error {
		return feed.ParseInBatches(body, url, now, func(b *feed.Feed) error {
			head = b
			return errEnough
		})
	})
	if err != nil && !errors.Is(err, errEnough) {
		return nil, err
	}
	return head, nil
}
