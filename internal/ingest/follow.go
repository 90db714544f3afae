package ingest

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/storyline/storyline"
)

// followBatch is the most articles the follower assigns under one take of
// the assignment lock, in one transaction when the store can: writes of
// other writers that come meanwhile wait for its commit, so a batch is
// kept short. On the teasers bench (2 cores) 8 analysed 953 entries/s
// and stored 4,000, 16 about 930 and 2,700, 64 about 990 and 1,200;
// one article at a time (no transaction shared) 780 and 6,200.
const followBatch = 8

// Follower analyses saved articles behind the saves: a poll hands each
// article it stores over (Add) and goes on storing at full speed, while
// the follower reads the articles back, computes their features on every
// core and decides their copies and stories a batch at a time, taking the
// assignment lock once a batch. What waits is a list of article IDs, so
// a long backlog costs little memory; the store keeps every article, and
// one left unanalysed (the process stopped) is found by the backfill
// sweep. Wait returns once everything handed over so far is analysed; Lag
// says how far behind it is; Close stops it. It is safe for concurrent
// use.
type Follower struct {
	an        *Analyzer
	flushIdle bool          // see FollowOptions
	onError   func(error)   // see FollowOptions
	ready     chan followed // featured, to the assigner
	done      sync.WaitGroup
	cancel    context.CancelFunc

	mu      sync.Mutex
	wake    *sync.Cond // an article to take, or closed
	idle    *sync.Cond // nothing pending
	backlog []followed // handed over, not taken by a worker yet
	pending map[uint64]time.Time
	next    uint64
	closed  bool
	errs    []error
}

// followed is an article handed to the follower.
type followed struct {
	seq uint64
	id  int64
	a   *storyline.Article
	f   features
}

// FollowOptions configure a Follower. The zero value has one feature
// worker per CPU and leaves the stories' updates to the caller.
type FollowOptions struct {
	Workers int // feature workers; 0: one per CPU
	// FlushWhenIdle brings the stories changed up to date (Flush) each
	// time the follower has caught up: a server's stories follow its
	// analysis without waiting for the next round of polls.
	FlushWhenIdle bool
	// OnError, when set, is told of each failed analysis or update as it
	// happens, instead of Wait returning them: a server logs them.
	OnError func(error)
}

// Follow starts a follower of an, running until Close.
func (an *Analyzer) Follow(o FollowOptions) *Follower {
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(context.Background())
	fl := &Follower{an: an, ready: make(chan followed, followBatch), cancel: cancel, pending: map[uint64]time.Time{},
		flushIdle: o.FlushWhenIdle, onError: o.OnError}
	fl.wake, fl.idle = sync.NewCond(&fl.mu), sync.NewCond(&fl.mu)
	var features sync.WaitGroup
	for range workers {
		features.Go(func() { fl.featureWorker(ctx) })
	}
	fl.done.Go(func() {
		features.Wait()
		close(fl.ready)
	})
	fl.done.Go(func() { fl.assigner(ctx) })
	return fl
}

// Add hands article a, saved with result res, over to be analysed when
// the save stored something new. It does not wait.
func (fl *Follower) Add(ctx context.Context, a *storyline.Article, res storyline.SaveResult) error {
	if _, ok := toAnalyse(a, res); !ok {
		return nil
	}
	fl.mu.Lock()
	defer fl.mu.Unlock()
	if fl.closed {
		return errors.New("analysis: the follower is closed")
	}
	fl.next++
	fl.backlog = append(fl.backlog, followed{seq: fl.next, id: res.ID})
	fl.pending[fl.next] = fl.an.now()
	fl.wake.Signal()
	return nil
}

// take returns the oldest article of the backlog, waiting for one; false
// once the follower is closed and the backlog empty.
func (fl *Follower) take() (followed, bool) {
	fl.mu.Lock()
	defer fl.mu.Unlock()
	for len(fl.backlog) == 0 && !fl.closed {
		fl.wake.Wait()
	}
	if len(fl.backlog) == 0 {
		return followed{}, false
	}
	item := fl.backlog[0]
	fl.backlog[0] = followed{}
	fl.backlog = fl.backlog[1:]
	if len(fl.backlog) == 0 {
		fl.backlog = nil // let the array go
	}
	return item, true
}

// featureWorker reads back the articles of the backlog and computes their
// features, until the follower is closed. A copy has none of its own: its
// original's are taken when it is assigned.
func (fl *Follower) featureWorker(ctx context.Context) {
	for {
		item, ok := fl.take()
		if !ok {
			return
		}
		a, err := fl.an.store.Article(ctx, item.id)
		if err != nil {
			if storyline.ErrorCode(err) == storyline.ENOTFOUND {
				err = nil // deleted since: nothing to analyse
			}
			fl.finish(item.seq, err)
			continue
		}
		item.a = a
		if a.CopyOf == 0 {
			item.f = fl.an.features(a)
		}
		fl.ready <- item
	}
}

// assigner decides the stories of the featured articles, a batch at a
// time, until ready is closed.
func (fl *Follower) assigner(ctx context.Context) {
	batch := make([]followed, 0, followBatch)
	for item := range fl.ready {
		batch = append(batch[:0], item)
	drain:
		for len(batch) < followBatch {
			select {
			case more, ok := <-fl.ready:
				if !ok {
					break drain
				}
				batch = append(batch, more)
			default:
				break drain
			}
		}
		fl.assign(ctx, batch)
		if fl.flushIdle && fl.caughtUp() {
			if err := fl.an.Flush(ctx); err != nil {
				fl.report(err)
			}
		}
	}
}

// caughtUp reports whether every article handed over is analysed.
func (fl *Follower) caughtUp() bool {
	fl.mu.Lock()
	defer fl.mu.Unlock()
	return len(fl.pending) == 0
}

// assign decides the articles of batch: the copies one by one (each finds
// its original's story under the lock on its own), the others under one
// take of the lock and, when the store can, in one transaction.
func (fl *Follower) assign(ctx context.Context, batch []followed) {
	var own []followed
	for _, item := range batch {
		if item.a.CopyOf != 0 {
			_, err := fl.an.copyOf(ctx, item.a, true)
			fl.finish(item.seq, err)
			continue
		}
		own = append(own, item)
	}
	if len(own) == 0 {
		return
	}
	unlock, err := fl.an.lock(ctx)
	if err != nil {
		for _, item := range own {
			fl.finish(item.seq, fmt.Errorf("analyse article %d: %w", item.id, err))
		}
		return
	}
	defer unlock()
	errs := make([]error, len(own))
	err = batchOf(fl.an.store)(ctx, func(ctx context.Context) error {
		for i, item := range own {
			// Not taken as fresh even when just added: by now the sweep
			// (or another process) may have analysed it, and an
			// analysis found keeps its story rather than counting the
			// article in it twice.
			_, errs[i] = fl.an.decide(ctx, item.a, item.f, true, false)
		}
		return nil
	})
	if err != nil {
		// Nothing of the batch was stored: what the analyzer keeps of
		// the story index may hold its decisions.
		fl.an.terms.reset()
		fl.an.mirror.forget()
	}
	for i, item := range own {
		fl.finish(item.seq, errors.Join(errs[i], err))
	}
}

// batcher is a store that runs many writes in one transaction (see
// sqlite.DB.Batch).
type batcher interface {
	Batch(ctx context.Context, fn func(ctx context.Context) error) error
}

// batchOf returns how store runs a batch of decisions: in one
// transaction when it can, else each write on its own.
func batchOf(store AnalysisStore) func(ctx context.Context, fn func(ctx context.Context) error) error {
	if b, ok := store.(batcher); ok {
		return b.Batch
	}
	return func(ctx context.Context, fn func(ctx context.Context) error) error { return fn(ctx) }
}

// finish records that article seq is analysed, or failed with err.
func (fl *Follower) finish(seq uint64, err error) {
	if err != nil {
		fl.report(err)
	}
	fl.mu.Lock()
	defer fl.mu.Unlock()
	delete(fl.pending, seq)
	if len(fl.pending) == 0 {
		fl.idle.Broadcast()
	}
}

// report hands err to OnError, or keeps it for Wait.
func (fl *Follower) report(err error) {
	if fl.onError != nil {
		fl.onError(err)
		return
	}
	fl.mu.Lock()
	fl.errs = append(fl.errs, err)
	fl.mu.Unlock()
}

// Wait waits until every article handed over so far is analysed, or ctx
// ends, and returns the errors of the analyses since the last Wait.
func (fl *Follower) Wait(ctx context.Context) error {
	stop := context.AfterFunc(ctx, func() {
		fl.mu.Lock()
		fl.idle.Broadcast()
		fl.mu.Unlock()
	})
	defer stop()
	fl.mu.Lock()
	defer fl.mu.Unlock()
	for len(fl.pending) > 0 && ctx.Err() == nil {
		fl.idle.Wait()
	}
	errs := fl.errs
	fl.errs = nil
	if err := ctx.Err(); err != nil {
		return errors.Join(append(errs, context.Cause(ctx))...)
	}
	return errors.Join(errs...)
}

// Lag returns how many articles handed over are not analysed yet, and
// how long ago the oldest of them was handed over (0 when none).
func (fl *Follower) Lag() (int, time.Duration) {
	fl.mu.Lock()
	defer fl.mu.Unlock()
	var oldest time.Time
	for _, at := range fl.pending {
		if oldest.IsZero() || at.Before(oldest) {
			oldest = at
		}
	}
	if oldest.IsZero() {
		return 0, 0
	}
	return len(fl.pending), fl.an.now().Sub(oldest)
}

// Close stops the follower once the articles handed over are analysed,
// or, when ctx ends first, drops those not started (they stay stored,
// unanalysed, for the backfill sweep), and returns the errors not yet
// returned by Wait. An Add during or after Close fails.
func (fl *Follower) Close(ctx context.Context) error {
	err := fl.Wait(ctx)
	fl.mu.Lock()
	fl.closed = true
	if ctx.Err() != nil {
		for _, item := range fl.backlog {
			delete(fl.pending, item.seq)
		}
		fl.backlog = nil
		fl.cancel()
	}
	fl.wake.Broadcast()
	fl.mu.Unlock()
	fl.done.Wait()
	fl.cancel()
	fl.mu.Lock()
	err = errors.Join(append([]error{err}, fl.errs...)...)
	fl.errs = nil
	fl.mu.Unlock()
	return err
}
