package images

import (
	"sync"
	"time"

	"github.com/storyline/storyline"
)

// retryForget is how long after its retry was due an image that no round
// has taken again is forgotten: its article was deleted, or another
// process recorded its image.
const retryForget = 24 * time.Hour

// retry is an image left pending after failures that may pass.
type retry struct {
	url      string    // the URL that failed: a new one starts afresh
	attempts int       // failed tries so far
	next     time.Time // not tried again before
}

// retries are the images left pending after failures that may pass, by
// article ID, so that rounds skip them until their back-off ends and
// record the failure after the last attempt.
type retries struct {
	mu sync.Mutex
	m  map[int64]retry
}

func newRetries() *retries { return &retries{m: make(map[int64]retry)} }

// waiting returns how many images wait for a retry at now.
func (r *retries) waiting(now time.Time) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, e := range r.m {
		if now.Before(e.next) {
			n++
		}
	}
	return n
}

// waitingFor reports whether t's image waits for a retry at now.
func (r *retries) waitingFor(t storyline.ImageTask, now time.Time) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	e, ok := r.m[t.ArticleID]
	return ok && e.url == t.URL && now.Before(e.next)
}

// failed counts a passing failure of t's image at now and sets when it
// may be tried again: base doubled for each earlier failure, or the
// server's wait when that is longer, either at most maxRetryAfter. It
// returns the attempts so far and whether that was the last of
// maxAttempts; the image is forgotten then, as its failure is to be
// recorded.
func (r *retries) failed(t storyline.ImageTask, now time.Time, base, serverWait time.Duration, maxAttempts int) (attempts int, last bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	e := r.m[t.ArticleID]
	if e.url != t.URL {
		e = retry{url: t.URL}
	}
	e.attempts++
	if e.attempts >= maxAttempts {
		delete(r.m, t.ArticleID)
		return e.attempts, true
	}
	wait := base
	for i := 1; i < e.attempts && wait < maxRetryAfter; i++ {
		wait *= 2
	}
	wait = max(min(wait, maxRetryAfter), min(serverWait, maxRetryAfter))
	e.next = now.Add(wait)
	r.m[t.ArticleID] = e
	return e.attempts, false
}

// done forgets the image of article id: it was recorded.
func (r *retries) done(id int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.m, id)
}

// prune forgets the images whose retry was due more than retryForget
// before now.
func (r *retries) prune(now time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for id, e := range r.m {
		if now.Sub(e.next) > retryForget {
			delete(r.m, id)
		}
	}
}
