package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/metrics"
	"github.com/storyline/storyline/internal/queue"
	"github.com/storyline/storyline/internal/store/postgres"
)

// ingestFlags are the flags of the commands that ingest in the
// background: serve and worker.
type ingestFlags struct {
	poll           bool
	feeds          int
	analyzeWorkers int
	scheduleEvery  time.Duration
	storyDelay     time.Duration
	jobTimeout     time.Duration
	rescueAfter    time.Duration
	retain         string
	net            netFlags
	llm            llmFlags
	images         imageFlags
}

// register adds the flags to cmd.
func (o *ingestFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.BoolVar(&o.poll, "poll", true, "poll the feeds")
	f.IntVar(&o.feeds, "poll-concurrency", 32, "feeds (and, on PostgreSQL, feed entries) fetched at once")
	f.IntVar(&o.analyzeWorkers, "analyze-workers", 0, "PostgreSQL: articles analysed at once (0: four per CPU)")
	f.DurationVar(&o.scheduleEvery, "schedule-every", 10*time.Second, "PostgreSQL: how often due feeds and unanalysed articles are queued")
	f.DurationVar(&o.storyDelay, "story-delay", 30*time.Second, "PostgreSQL: how long a story's update waits after an article joins it\n(the articles of a burst share one update)")
	f.DurationVar(&o.jobTimeout, "job-timeout", 2*time.Minute, "PostgreSQL: a job running longer is cancelled")
	f.DurationVar(&o.rescueAfter, "job-rescue-after", 3*time.Minute, "PostgreSQL: a job running longer is taken for abandoned (its worker died)\nand run again; must exceed --job-timeout")
	f.StringVar(&o.retain, "retain", "", "delete articles stored longer ago than this age (90d, 12w; 0 keeps everything),\nexcept commented ones; unset: the age on the Settings page (default 0)")
	o.net.register(cmd)
	o.llm.register(cmd)
	o.images.register(cmd)
}

// check rejects flag values out of range.
func (o *ingestFlags) check() error {
	switch {
	case o.feeds < 1:
		return usagef("--poll-concurrency %d: want 1 or more", o.feeds)
	case o.analyzeWorkers < 0:
		return usagef("--analyze-workers %d: want 0 or more", o.analyzeWorkers)
	case o.scheduleEvery <= 0:
		return usagef("--schedule-every %v: want a positive duration", o.scheduleEvery)
	case o.storyDelay < time.Second:
		return usagef("--story-delay %v: want 1s or more", o.storyDelay)
	case o.jobTimeout <= 0:
		return usagef("--job-timeout %v: want a positive duration", o.jobTimeout)
	case o.rescueAfter <= o.jobTimeout:
		return usagef("--job-rescue-after %v: want more than --job-timeout %v", o.rescueAfter, o.jobTimeout)
	}
	if o.retain != "" {
		d, err := storyline.ParseRetention(o.retain)
		if err != nil {
			return usagef("--retain: %v", storyline.ErrorMessage(err))
		}
		o.retain = storyline.FormatRetention(d)
	}
	return o.llm.check()
}

// sweepEvery is how often serve on SQLite looks for articles stored
// but never analysed (PostgreSQL's job queue reschedules them itself).
const sweepEvery = 30 * time.Minute

// sweep analyses, at start and every sweepEvery until ctx ends, the
// articles a crash or a full disk left unanalysed: at start all of them
// (a kill -9 during an import a moment ago included), then those stored
// at least ingest.SweepAge ago, since younger ones may still be in the
// hands of this process's polls.
func sweep(ctx context.Context, an *ingest.Analyzer, store ingest.BackfillStore, log *slog.Logger) {
	t := time.NewTicker(sweepEvery)
	defer t.Stop()
	minAge := time.Duration(0)
	for {
		n, err := an.Sweep(ctx, store, minAge)
		minAge = ingest.SweepAge
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			log.Warn("sweep of unanalysed articles", "err", err)
		case n > 0:
			log.Info("analysed articles left unanalysed", "articles", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// ingestion is the background ingestion of a process: the scheduler of
// an SQLite store, or the job queue of a PostgreSQL one.
type ingestion struct {
	wg   sync.WaitGroup
	log  *slog.Logger
	an   *ingest.Analyzer
	fl   *ingest.Follower // analysing behind the polls' saves (SQLite); nil with the queue
	q    *queue.Queue
	errs chan error
}

// startIngest starts ingesting into store with poller p (whose Analyzer
// it sets) until ctx is cancelled; wait then waits for it to stop.
func startIngest(ctx context.Context, store storyline.Store, p *ingest.Poller, o ingestFlags, m *metrics.Metrics, log *slog.Logger) (*ingestion, error) {
	an, err := ingest.NewAnalyzer(ctx, store)
	if err != nil {
		return nil, err
	}
	p.Analyzer = an
	in := &ingestion{an: an, log: log, errs: make(chan error, 1)}
	p.Retain = retentionAge(store, o.retain)
	r := &ingest.Retention{Store: store, Analyzer: an, Age: p.Retain}
	in.wg.Go(func() { retain(ctx, r, log) })
	if ri, ok := store.(storyline.SearchReindexer); ok {
		in.wg.Go(func() { reindexSearch(ctx, ri, log) })
	}
	pg, ok := store.(*postgres.DB)
	if !ok {
		// The polls store at full speed; their articles are analysed
		// behind them, and the stories brought up to date as it catches
		// up.
		in.fl = an.Follow(ingest.FollowOptions{FlushWhenIdle: true, OnError: func(err error) {
			if ctx.Err() == nil {
				log.Error("analysing articles", "err", err)
			}
		}})
		p.Follower = in.fl
		if m != nil {
			m.WatchAnalysisBacklog(in.fl.Lag)
		}
		if o.poll {
			s := &ingest.Scheduler{Poller: p, Concurrency: o.feeds, OnPoll: pollMetrics(m, true)}
			in.wg.Go(func() { _ = s.Run(ctx) })
		}
		if bs, ok := store.(ingest.BackfillStore); ok {
			in.wg.Go(func() { sweep(ctx, an, bs, log) })
		}
		return in, nil
	}
	in.q, err = queue.New(ctx, queue.Config{
		Pool: pg.Pool(), Store: store, Poller: p, Analyzer: an, Log: log, Poll: o.poll, ID: queueClientID(),
		FetchWorkers: o.feeds, AnalyzeWorkers: o.analyzeWorkers, ScheduleEvery: o.scheduleEvery, StoryDelay: o.storyDelay,
		JobTimeout: o.jobTimeout, RescueAfter: o.rescueAfter, OnPoll: pollMetrics(m, false),
		OnEntry: entryMetrics(m), OnAnalysed: func() { m.ArticlesAnalysed(1) },
	})
	if err != nil {
		return nil, err
	}
	in.wg.Go(func() { in.errs <- in.q.Run(ctx) })
	return in, nil
}

// wait waits for the ingestion to stop (its context cancelled): polls
// under way are abandoned cleanly or their jobs left to be run again, the
// stories are brought up to date and the analysis state is saved.
func (in *ingestion) wait(ctx context.Context) error {
	in.wg.Wait()
	if in.q != nil {
		return <-in.errs // the queue closes the analyzer
	}
	// The articles stored and not analysed yet get a few seconds; those
	// left then are analysed by the sweep at the next start.
	drain, cancel := context.WithTimeout(context.WithoutCancel(ctx), followerDrain)
	defer cancel()
	if n, _ := in.fl.Lag(); n > 0 {
		in.log.Info("analysing the articles stored before stopping", "articles", n)
	}
	if err := in.fl.Close(drain); err != nil {
		if drain.Err() == nil {
			return fmt.Errorf("analysing the articles stored: %w", err)
		}
		in.log.Info("articles left unanalysed for the next start's sweep", "after", followerDrain)
	}
	if err := in.an.Close(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("saving the analysis state: %w", err)
	}
	return nil
}

// followerDrain is how long a stopping server goes on analysing the
// articles it stored: the backlog of a busy moment, not the whole of a
// long one (the next start's sweep takes what is left).
const followerDrain = 10 * time.Second

// queueClientID names this process among the job queue's clients: host
// name and process ID.
func queueClientID() string {
	host, err := os.Hostname()
	if err != nil {
		host = "storyline"
	}
	return fmt.Sprintf("%s-%d", host, os.Getpid())
}
