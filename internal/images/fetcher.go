// Package images fetches the articles' lead images in the background:
// each article's ImageURL is fetched once through the guarded fetcher,
// scaled by imaging into a thumbnail and a page-width JPEG, and saved in
// the store with storyline.ImageStore.SaveImage, or recorded as a failure
// in plain words so that it is not fetched again.
//
// A failure that may pass (a timeout, a refused connection, 429, 5xx) is
// not recorded: the image stays pending and is tried again after a
// back-off, and recorded as a failure only after Config.MaxAttempts
// tries. The back-off is kept by the Fetcher, in memory: a restarted
// process starts counting again.
package images

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/fetch"
	"github.com/storyline/storyline/internal/imaging"
)

// Defaults applied to zero fields of Config.
const (
	// DefaultMinSide is the shortest side, in pixels, of an image worth
	// keeping: smaller ones are icons, spacers and tracking pixels.
	DefaultMinSide = 200
	// DefaultBatch is how many pending images one round takes.
	DefaultBatch = 32
	// DefaultConcurrency is how many images are fetched and scaled at
	// once: scaling a large image takes a CPU and up to 160 MB.
	DefaultConcurrency = 2
	// DefaultInterval is the pause between rounds that left nothing to do
	// (or only images to try again later).
	DefaultInterval = time.Minute
	// DefaultMaxAttempts is how many times an image whose fetch failed
	// for a passing reason is tried before the failure is recorded.
	DefaultMaxAttempts = 6
	// DefaultRetryAfter is the wait before an image is tried again after
	// its first passing failure; it doubles with each further one.
	DefaultRetryAfter = 5 * time.Minute
)

// maxRetryAfter caps the wait before an image is tried again.
const maxRetryAfter = 6 * time.Hour

// acceptImages is the Accept header of image requests: the types
// imaging reads, and anything else rather than a 406.
const acceptImages = "image/webp, image/jpeg, image/png, image/gif;q=0.9, */*;q=0.1"

// Client fetches a URL: *fetch.Client. Its failures are *fetch.Error
// values, whose Kind tells a passing failure from a lasting one.
type Client interface {
	Get(ctx context.Context, req fetch.Request) (*fetch.Response, error)
}

// Config is what a Fetcher is made of. Store and Client are required.
type Config struct {
	Store  storyline.ImageStore
	Client Client
	// Limits bound the images accepted; zero fields take imaging's
	// defaults. The Client's body cap should be at least Limits.MaxBytes
	// (fetch.Options.MaxBytes), or larger images fail in the fetch.
	Limits imaging.Limits
	// MinSide refuses images whose width or height is below it, in
	// pixels; 0 means DefaultMinSide, a negative value refuses none.
	MinSide int
	// Batch is how many pending images a round takes; 0 means
	// DefaultBatch.
	Batch int
	// Concurrency is how many images are fetched and scaled at once; 0
	// means DefaultConcurrency.
	Concurrency int
	// Interval is the pause between rounds that found fewer images to
	// record than a batch; 0 means DefaultInterval.
	Interval time.Duration
	// MaxAttempts is how many passing failures an image has before the
	// last one is recorded; 0 means DefaultMaxAttempts.
	MaxAttempts int
	// RetryAfter is the wait after an image's first passing failure,
	// doubled with each further one (up to 6 hours) and lengthened to the
	// server's Retry-After; 0 means DefaultRetryAfter.
	RetryAfter time.Duration
	// Log receives a line per round that did something (at Info) and
	// per image not kept or left for later (at Debug); nil discards.
	Log *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Sleep waits d or until ctx ends, returning ctx's error then; nil
	// means a timer.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Fetcher fetches, scales and saves the articles' pending lead images.
// Safe for concurrent use, though one Run per process is enough.
type Fetcher struct {
	cfg Config
	// retries holds the images left pending after a passing failure.
	retries *retries
	// wake cuts Run's pause short: new articles were stored.
	wake chan struct{}
}

// New returns the Fetcher of cfg, with defaults in its zero fields.
func New(cfg Config) (*Fetcher, error) {
	if cfg.Store == nil || cfg.Client == nil {
		return nil, errors.New("images: new fetcher: a store and a client are required")
	}
	if cfg.MinSide == 0 {
		cfg.MinSide = DefaultMinSide
	}
	if cfg.Batch <= 0 {
		cfg.Batch = DefaultBatch
	}
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = DefaultConcurrency
	}
	if cfg.Interval <= 0 {
		cfg.Interval = DefaultInterval
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = DefaultMaxAttempts
	}
	if cfg.RetryAfter <= 0 {
		cfg.RetryAfter = DefaultRetryAfter
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Sleep == nil {
		cfg.Sleep = sleep
	}
	return &Fetcher{cfg: cfg, retries: newRetries(), wake: make(chan struct{}, 1)}, nil
}

// Wake tells Run that new articles were stored: a pause between rounds
// ends at once. It never blocks; a nil Fetcher ignores it.
func (f *Fetcher) Wake() {
	if f == nil {
		return
	}
	select {
	case f.wake <- struct{}{}:
	default:
	}
}

// pause waits Interval, or until Wake or the end of ctx.
func (f *Fetcher) pause(ctx context.Context) error {
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		select {
		case <-f.wake:
			cancel()
		case <-wctx.Done():
		}
	}()
	_ = f.cfg.Sleep(wctx, f.cfg.Interval)
	return ctx.Err()
}

// Run fetches pending images until ctx ends, then returns nil: a round
// after another while rounds record a whole batch, and otherwise (nothing
// pending, only images waiting for a retry, a failing store) a round
// every Interval, so that one failing host cannot make it spin.
func (f *Fetcher) Run(ctx context.Context) error {
	f.cfg.Log.Info("lead images on", "batch", f.cfg.Batch, "concurrency", f.cfg.Concurrency, "min_side", f.cfg.MinSide)
	for {
		n, err := f.FetchPending(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			f.cfg.Log.Warn("lead images: round failed", "err", err)
		}
		if err != nil || n < f.cfg.Batch {
			if f.pause(ctx) != nil {
				return nil
			}
		}
	}
}

// outcome is what became of one pending image.
type outcome int

const (
	kept     outcome = iota // saved with its renditions
	failed                  // recorded as a failure
	deferred                // left pending, to be tried again later
	skipped                 // not recorded: the article is gone, or ctx ended
)

// FetchPending takes up to a batch of pending images (leaving out those
// waiting for a retry), fetches and scales them, Concurrency at once, and
// records each: its renditions, or its failure in plain words. It
// returns how many it recorded. A problem of one image is recorded
// (or, when it may pass, left for a later round) and is no error; the
// error is the store's, or ctx's, and ends the round.
func (f *Fetcher) FetchPending(ctx context.Context) (n int, err error) {
	now := f.cfg.Now()
	f.retries.prune(now)
	waiting := f.retries.waiting(now)
	limit := f.cfg.Batch + min(waiting, maxExtra*f.cfg.Batch)
	tasks, err := f.cfg.Store.PendingImages(ctx, limit)
	if err != nil {
		return 0, fmt.Errorf("list pending images: %w", err)
	}
	due := make([]storyline.ImageTask, 0, min(len(tasks), f.cfg.Batch))
	for _, t := range tasks {
		if len(due) == f.cfg.Batch {
			break
		}
		if !f.retries.waitingFor(t, now) {
			due = append(due, t)
		}
	}
	if len(due) == 0 {
		return 0, nil
	}

	// The first error (the store's, or ctx ending) stops the round:
	// the images under way are abandoned and the rest left pending.
	rctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		counts [skipped + 1]int
	)
	jobs := make(chan storyline.ImageTask)
	for range min(f.cfg.Concurrency, len(due)) {
		wg.Go(func() {
			for t := range jobs {
				o, err := f.fetchImage(rctx, t)
				if err != nil {
					stop(err)
				}
				mu.Lock()
				counts[o]++
				mu.Unlock()
			}
		})
	}
feed:
	for _, t := range due {
		select {
		case jobs <- t:
		case <-rctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	n = counts[kept] + counts[failed]
	if n > 0 || counts[deferred] > 0 {
		f.cfg.Log.Info("lead images", "kept", counts[kept], "failed", counts[failed], "retry_later", counts[deferred])
	}
	if rctx.Err() != nil {
		return n, context.Cause(rctx)
	}
	return n, nil
}

// maxExtra bounds how many batches' worth of images waiting for a retry
// a round asks the store for besides its batch, so that they do not
// crowd the others out of it.
const maxExtra = 16

// fetchImage fetches, scales and records the image of task t, returning
// what became of it. The error is the store's or ctx's; any problem of the
// image itself is recorded, or left for a retry when it may pass.
func (f *Fetcher) fetchImage(ctx context.Context, t storyline.ImageTask) (outcome, error) {
	img, retry, retryAfter := f.fetch(ctx, t)
	if ctx.Err() != nil {
		return skipped, ctx.Err()
	}
	if retry {
		attempts, last := f.retries.failed(t, f.cfg.Now(), f.cfg.RetryAfter, retryAfter, f.cfg.MaxAttempts)
		if !last {
			f.cfg.Log.Debug("lead image: fetch failed, trying again later", "article", t.ArticleID, "err", img.Err, "attempt", attempts)
			return deferred, nil
		}
		img.Err = fmt.Sprintf("%s (after %d tries)", img.Err, attempts)
	}
	f.retries.done(t.ArticleID)
	if img.FetchedAt.IsZero() {
		img.FetchedAt = f.cfg.Now()
	}
	if err := f.cfg.Store.SaveImage(ctx, img); err != nil {
		if storyline.ErrorCode(err) == storyline.ENOTFOUND {
			return skipped, nil // the article was deleted meanwhile
		}
		return skipped, fmt.Errorf("save the image of article %d: %w", t.ArticleID, err)
	}
	if img.Err != "" {
		f.cfg.Log.Debug("lead image not kept", "article", t.ArticleID, "err", img.Err)
		return failed, nil
	}
	return kept, nil
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
