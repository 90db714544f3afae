package queue

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/ingest"
)

// Config is what a Queue works with. Pool, Store and Poller are required.
type Config struct {
	Pool  *pgxpool.Pool   // the PostgreSQL store's connections
	Store storyline.Store // the store behind Pool
	// Poller polls feeds and stores entries; its Analyzer and Enqueue are
	// set by New (analysis runs in jobs of its own).
	Poller   *ingest.Poller
	Analyzer *ingest.Analyzer // nil: New makes one
	Log      *slog.Logger     // nil: no logging
	// ID names this process among the queue's clients (jobs record the
	// clients that ran them); "" lets River pick one.
	ID string

	// Poll says whether feeds are polled; without it only analysis and
	// story updates run.
	Poll bool
	// FetchWorkers is how many polls and entries run at once; 0 means 32.
	FetchWorkers int
	// AnalyzeWorkers is how many analyses and story updates run at once;
	// 0 means four per CPU (they wait on the database and on one another's
	// assignments as well as compute).
	AnalyzeWorkers int
	// ScheduleEvery is how often due feeds and unanalysed articles are
	// looked for; 0 means 10 seconds.
	ScheduleEvery time.Duration
	// StoryDelay is how long a story's update waits after an article
	// joins it, so that the articles of a burst share one update; 0 means
	// 30 seconds, at least 1 second.
	StoryDelay time.Duration
	// JobTimeout cancels a job that runs longer; 0 means 2 minutes.
	JobTimeout time.Duration
	// RescueAfter is how long a job may stay running before it is taken
	// for abandoned (its worker died) and run again; 0 means JobTimeout
	// plus a minute. It must exceed JobTimeout.
	RescueAfter time.Duration
	// OnPoll, when set, is called after every poll.
	OnPoll func(ingest.PollReport)
	// OnEntry, when set, is called after every entry job with what
	// storing the entry did (Unchanged: linked to an article stored
	// before) or why it failed.
	OnEntry func(storyline.SaveOutcome, error)
	// OnAnalysed, when set, is called after every article analysed.
	OnAnalysed func()
}

// fetchCooldown is the least time between two fetches of jobs by one
// queue of a process. River's default (100 ms) caps a queue whose jobs
// take milliseconds at MaxWorkers jobs per 100 ms.
const fetchCooldown = 10 * time.Millisecond

// Queue runs the ingestion jobs of one process.
type Queue struct {
	cfg    Config
	client *river.Client[pgx.Tx]
	an     *ingest.Analyzer
	// sweptTo is the last article the sweep for unanalysed ones reached.
	sweptTo atomic.Int64
}

// migrationLock is the advisory lock key that keeps processes starting
// together from migrating River's tables at once.
const migrationLock = 0x72697665725f6d67 // "river_mg"

// Migrate brings River's tables in the database up to date, one process
// at a time.
func Migrate(ctx context.Context, pool *pgxpool.Pool) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("job queue: migrate: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, int64(migrationLock)); err != nil {
		return fmt.Errorf("job queue: migrate: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, int64(migrationLock))
	m, err := rivermigrate.New(riverpgxv5.New(pool), nil)
	if err != nil {
		return fmt.Errorf("job queue: migrate: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("job queue: migrate: %w", err)
	}
	return nil
}

// New returns a Queue on cfg, its tables migrated. Run starts it.
func New(ctx context.Context, cfg Config) (*Queue, error) {
	if cfg.Pool == nil || cfg.Store == nil || cfg.Poller == nil {
		return nil, errors.New("job queue: pool, store and poller are required")
	}
	cfg.JobTimeout = cmp.Or(cfg.JobTimeout, 2*time.Minute)
	cfg.StoryDelay = max(cmp.Or(cfg.StoryDelay, 30*time.Second), time.Second)
	cfg.RescueAfter = cmp.Or(cfg.RescueAfter, cfg.JobTimeout+time.Minute)
	if cfg.RescueAfter <= cfg.JobTimeout {
		return nil, storyline.Errorf(storyline.EINVALID, "job queue: rescue after %v must exceed the job timeout %v", cfg.RescueAfter, cfg.JobTimeout)
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if err := Migrate(ctx, cfg.Pool); err != nil {
		return nil, err
	}
	q := &Queue{cfg: cfg, an: cfg.Analyzer}
	if q.an == nil {
		an, err := ingest.NewAnalyzer(ctx, cfg.Store)
		if err != nil {
			return nil, err
		}
		q.an = an
	}
	client, err := river.NewClient(riverpgxv5.New(cfg.Pool), q.riverConfig())
	if err != nil {
		return nil, fmt.Errorf("job queue: %w", err)
	}
	q.client = client
	q.an.StoriesChanged = q.storiesChanged
	p := *cfg.Poller
	p.Analyzer, p.Enqueue = nil, q.enqueueEntries
	q.cfg.Poller = &p
	return q, nil
}

// riverConfig returns the River client's configuration.
func (q *Queue) riverConfig() *river.Config {
	workers := river.NewWorkers()
	river.AddWorker(workers, &pollWorker{q: q})
	river.AddWorker(workers, &entryWorker{q: q})
	river.AddWorker(workers, &analyzeWorker{q: q})
	river.AddWorker(workers, &storyWorker{q: q})
	river.AddWorker(workers, &scheduleWorker{q: q})
	return &river.Config{
		ID:                   q.cfg.ID,
		Logger:               slog.New(warnings{q.cfg.Log.Handler()}).With("component", "queue"),
		JobTimeout:           q.cfg.JobTimeout,
		RescueStuckJobsAfter: q.cfg.RescueAfter,
		Queues: map[string]river.QueueConfig{
			fetchQueue:   {MaxWorkers: cmp.Or(q.cfg.FetchWorkers, 32), FetchCooldown: fetchCooldown},
			analyzeQueue: {MaxWorkers: cmp.Or(q.cfg.AnalyzeWorkers, 4*runtime.GOMAXPROCS(0)), FetchCooldown: fetchCooldown},
		},
		Workers: workers,
		PeriodicJobs: []*river.PeriodicJob{river.NewPeriodicJob(
			river.PeriodicInterval(cmp.Or(q.cfg.ScheduleEvery, 10*time.Second)),
			func() (river.JobArgs, *river.InsertOpts) { return ScheduleArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true},
		)},
	}
}

// Run works jobs until ctx is cancelled, then stops: jobs under way get
// JobTimeout to finish before they are cancelled (and later rescued), and
// the stories changed are brought up to date and the analysis state saved.
func (q *Queue) Run(ctx context.Context) error {
	if err := q.client.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("job queue: start: %w", err)
	}
	<-ctx.Done()
	stop, cancel := context.WithTimeout(context.WithoutCancel(ctx), q.cfg.JobTimeout)
	defer cancel()
	err := q.client.Stop(stop)
	if err != nil {
		err = q.client.StopAndCancel(context.WithoutCancel(ctx))
	}
	return errors.Join(err, q.an.Close(context.WithoutCancel(ctx)))
}

// warnings passes on the records of level warning and above: River
// reports its routine work at info level every few seconds.
type warnings struct{ slog.Handler }

// Enabled reports whether records of level l are passed on.
func (w warnings) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= slog.LevelWarn && w.Handler.Enabled(ctx, l)
}

// WithAttrs returns the handler with attrs added.
func (w warnings) WithAttrs(attrs []slog.Attr) slog.Handler {
	return warnings{w.Handler.WithAttrs(attrs)}
}

// WithGroup returns the handler with the group opened.
func (w warnings) WithGroup(name string) slog.Handler { return warnings{w.Handler.WithGroup(name)} }
