package main

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/ingest"
)

func (a *app) fetchCommand() *cobra.Command {
	var (
		feedID    int64
		pollFeeds int
		net       netFlags
		every     time.Duration
	)
	cmd := &cobra.Command{
		Use:   "fetch [--feed ID]",
		Short: "Poll every feed (or one) once now, store what is new, and exit",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if pollFeeds < 1 {
				return usagef("--poll-concurrency %d: want 1 or more", pollFeeds)
			}
			ctx := cmd.Context()
			return a.withPoller(ctx, &net, true, func(store storyline.Store, p *ingest.Poller) error {
				feeds, err := feedsToPoll(ctx, store, cmd.Flags().Changed("feed"), feedID)
				if err != nil {
					return err
				}
				if len(feeds) == 0 {
					fmt.Fprintln(a.stdout, "no feeds to poll; add one with: storyline feeds add URL")
					return nil
				}
				sum := &pollSummary{}
				progress := a.newCounter("feeds", len(feeds), every)
				s := &ingest.Scheduler{Poller: p, Concurrency: pollFeeds, OnPoll: func(r ingest.PollReport) {
					sum.add(r)
					progress.step()
				}}
				start := time.Now()
				s.PollAll(ctx, feeds)
				progress.finish()
				sum.print(a.stdout, time.Since(start))
				if err := ctx.Err(); err != nil {
					return fmt.Errorf("fetch stopped: %w", context.Cause(ctx))
				}
				if sum.failed > 0 {
					return fmt.Errorf("%d of %d feed(s) failed", sum.failed, len(feeds))
				}
				return nil
			})
		},
	}
	cmd.Flags().Int64Var(&feedID, "feed", 0, "poll only this feed (see storyline feeds list)")
	cmd.Flags().IntVar(&pollFeeds, "poll-concurrency", 32, "feeds polled at once")
	cmd.Flags().DurationVar(&every, "progress-every", 2*time.Second, "interval of plain progress lines when not on a terminal")
	net.register(cmd)
	return cmd
}

// feedsToPoll returns feed id when one is chosen, else every feed that is
// not paused. An unknown feed is bad usage.
func feedsToPoll(ctx context.Context, store storyline.Store, chosen bool, id int64) ([]*storyline.Feed, error) {
	if chosen {
		f, err := store.Feed(ctx, id)
		if err != nil {
			return nil, usageError{fmt.Errorf("--feed %d: %w", id, err)}
		}
		return []*storyline.Feed{f}, nil
	}
	all, err := store.Feeds(ctx)
	if err != nil {
		return nil, err
	}
	var feeds []*storyline.Feed
	for _, f := range all {
		if !f.Paused {
			feeds = append(feeds, f)
		}
	}
	return feeds, nil
}

// pollSummary adds up poll reports; safe for concurrent use.
type pollSummary struct {
	mu                                           sync.Mutex
	feeds, notModified, failed                   int
	entries, fresh, added, copies, linked, other int
	fromPage, fromFeed, entryErrors              int
	errs                                         []string
}

// add counts one report.
func (s *pollSummary) add(r ingest.PollReport) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.feeds++
	if r.NotModified {
		s.notModified++
	}
	if r.Err != nil {
		s.failed++
		s.errs = append(s.errs, fmt.Sprintf("feed %d %s: %v", r.Feed.ID, r.Feed.URL, r.Err))
	}
	s.entries += r.Entries
	s.fresh += r.New
	s.added += r.Added
	s.copies += r.Copies
	s.linked += r.Linked
	s.other += r.Updated
	s.fromPage += r.FromPage
	s.fromFeed += r.FromFeed
	s.entryErrors += len(r.EntryErrors)
	for _, err := range r.EntryErrors {
		s.errs = append(s.errs, fmt.Sprintf("feed %d: %v", r.Feed.ID, err))
	}
}

// print writes the closing lines of a fetch.
func (s *pollSummary) print(w io.Writer, took time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fmt.Fprintf(w, "polled %d feeds in %s: %d unchanged (304), %d failed; %d entries, %d new: added %d, copies %d, already stored %d, updated %d, errors %d\n",
		s.feeds, took.Round(time.Millisecond), s.notModified, s.failed, s.entries, s.fresh,
		s.added, s.copies, s.linked, s.other, s.entryErrors)
	if s.fromPage+s.fromFeed > 0 {
		fmt.Fprintf(w, "article text: %d extracted from their pages, %d from the feeds' content\n", s.fromPage, s.fromFeed)
	}
	const listed = 10
	for i, e := range s.errs {
		if i == listed {
			fmt.Fprintf(w, "  … and %d more error(s)\n", len(s.errs)-listed)
			break
		}
		fmt.Fprintf(w, "  error: %s\n", e)
	}
}
