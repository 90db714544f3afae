package ingest

import (
	"context"
	"sync"
	"time"

	"github.com/storyline/storyline"
)

// Scheduler polls due feeds in the background with a cap on feeds polled
// at once.
type Scheduler struct {
	Poller *Poller
	// Concurrency is how many feeds are polled at once; 0 means 32. Each
	// host's own limits are the fetcher's; polling many feeds at once lets
	// the fetcher work on many hosts while each waits its turn.
	Concurrency int
	// Tick is how often due feeds are looked for; 0 means 30 seconds.
	Tick time.Duration
	// OnPoll, when set, is called after every poll (from several
	// goroutines at once).
	OnPoll func(PollReport)
}

// Run polls feeds as they fall due until ctx is cancelled, then waits for
// the polls under way, which are abandoned cleanly (see Poller.Poll). It
// returns ctx's cause.
func (s *Scheduler) Run(ctx context.Context) error {
	workers := cmpOrInt(s.Concurrency, defaultPollConcurrency)
	tick := time.NewTicker(cmpOrDuration(s.Tick, 30*time.Second))
	defer tick.Stop()

	var mu sync.Mutex
	busy := map[int64]bool{} // feeds being polled
	sem := make(chan struct{}, workers)
	var wg sync.WaitGroup
	defer wg.Wait()
	for {
		due, err := s.Poller.Store.DueFeeds(ctx, s.Poller.now(), 4*workers)
		if err != nil && ctx.Err() == nil {
			s.Poller.log().Error("listing due feeds", "err", err)
		}
		for _, f := range due {
			mu.Lock()
			skip := busy[f.ID]
			busy[f.ID] = true
			mu.Unlock()
			if skip {
				continue
			}
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return context.Cause(ctx)
			}
			wg.Go(func() {
				defer func() { <-sem }()
				rep := s.Poller.Poll(ctx, f)
				mu.Lock()
				delete(busy, f.ID)
				mu.Unlock()
				if s.OnPoll != nil {
					s.OnPoll(rep)
				}
			})
		}
		select {
		case <-ctx.Done():
			return context.Cause(ctx)
		case <-tick.C:
		}
		s.flush(ctx)
	}
}

// flush brings the stories the polls changed up to date — unless a
// Follower analyses their articles: the stories change until it has
// caught up, so whoever runs it brings them up to date then.
func (s *Scheduler) flush(ctx context.Context) {
	if s.Poller.Follower != nil {
		return
	}
	if an := s.Poller.Analyzer; an != nil {
		if err := an.Flush(ctx); err != nil && ctx.Err() == nil {
			s.Poller.log().Error("updating stories", "err", err)
		}
	}
}

// PollAll polls every given feed once now, up to Concurrency at once,
// calling OnPoll after each, and returns the reports in the feeds' order.
// Feeds whose server asked to wait (RetryUntil) are not polled; their
// report says so.
func (s *Scheduler) PollAll(ctx context.Context, feeds []*storyline.Feed) []PollReport {
	reports := make([]PollReport, len(feeds))
	sem := make(chan struct{}, cmpOrInt(s.Concurrency, defaultPollConcurrency))
	var wg sync.WaitGroup
	now := s.Poller.now()
	for i, f := range feeds {
		if f.RetryUntil.After(now) {
			reports[i] = PollReport{Feed: f, Err: &WaitError{Until: f.RetryUntil}}
			if s.OnPoll != nil {
				s.OnPoll(reports[i])
			}
			continue
		}
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			wg.Wait()
			return reports[:i]
		}
		wg.Go(func() {
			defer func() { <-sem }()
			reports[i] = s.Poller.Poll(ctx, f)
			if s.OnPoll != nil {
				s.OnPoll(reports[i])
			}
		})
	}
	wg.Wait()
	s.flush(ctx)
	return reports
}

// defaultPollConcurrency is how many feeds a Scheduler polls at once by
// default.
const defaultPollConcurrency = 32

// WaitError says a feed was not polled because its server asked to wait.
type WaitError struct {
	Until time.Time
}

// Error implements the error interface.
func (e *WaitError) Error() string {
	return "not polled: the server asked to wait until " + e.Until.Format(time.RFC3339)
}

// cmpOrInt returns v, or def when v is not positive.
func cmpOrInt(v, def int) int {
	if v > 0 {
		return v
	}
	return def
}

// cmpOrDuration returns v, or def when v is not positive.
func cmpOrDuration(v, def time.Duration) time.Duration {
	if v > 0 {
		return v
	}
	return def
}
