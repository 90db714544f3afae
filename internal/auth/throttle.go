package auth

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Throttle limits sign-in attempts per key (a client address, a user
// name): after Burst failures, one more attempt is allowed every Every.
// A success resets the key. It is safe for concurrent use and keeps at most
// MaxKeys keys, forgetting the quietest when full. Each key's allowance is
// a token bucket (x/time/rate) that only failures draw from.
type Throttle struct {
	Burst   int           // failures allowed at once; 0 means 5
	Every   time.Duration // one more attempt per this; 0 means 1 minute
	MaxKeys int           // 0 means 10,000

	mu   sync.Mutex
	keys map[string]*rate.Limiter
}

// params returns the settings with defaults filled in.
func (t *Throttle) params() (burst int, every time.Duration, maxKeys int) {
	burst, every, maxKeys = t.Burst, t.Every, t.MaxKeys
	if burst <= 0 {
		burst = 5
	}
	if every <= 0 {
		every = time.Minute
	}
	if maxKeys <= 0 {
		maxKeys = 10_000
	}
	return burst, every, maxKeys
}

// Allow reports whether key may try now, and if not, how long until it
// may. It takes nothing; Fail does.
func (t *Throttle) Allow(key string, now time.Time) (bool, time.Duration) {
	_, every, _ := t.params()
	t.mu.Lock()
	defer t.mu.Unlock()
	lim, ok := t.keys[key]
	if !ok {
		return true, 0
	}
	tokens := lim.TokensAt(now)
	if tokens >= 1 {
		return true, 0
	}
	return false, time.Duration((1 - tokens) * float64(every))
}

// Fail records a failed attempt by key.
func (t *Throttle) Fail(key string, now time.Time) {
	burst, every, maxKeys := t.params()
	t.mu.Lock()
	defer t.mu.Unlock()
	lim := t.limiterLocked(key, now, burst, every, maxKeys)
	lim.AllowN(now, 1) // draws a token when there is one; none is left otherwise
}

// Take draws one attempt by key now, for limits that count every attempt
// rather than failures only (say, questions asked): it reports whether key
// had one left, and if not, how long until it will. A refusal draws
// nothing. Keys that Take and Fail draw from share one allowance.
func (t *Throttle) Take(key string, now time.Time) (bool, time.Duration) {
	burst, every, maxKeys := t.params()
	t.mu.Lock()
	defer t.mu.Unlock()
	lim := t.limiterLocked(key, now, burst, every, maxKeys)
	if lim.AllowN(now, 1) {
		return true, 0
	}
	tokens := lim.TokensAt(now)
	return false, time.Duration((1 - tokens) * float64(every))
}

// limiterLocked returns key's token bucket, made full when key has none,
// making room for it when MaxKeys are kept. t.mu must be held.
func (t *Throttle) limiterLocked(key string, now time.Time, burst int, every time.Duration, maxKeys int) *rate.Limiter {
	if t.keys == nil {
		t.keys = map[string]*rate.Limiter{}
	}
	lim, ok := t.keys[key]
	if !ok {
		if len(t.keys) >= maxKeys {
			t.evict(now, burst, maxKeys)
		}
		lim = rate.NewLimiter(rate.Every(every), burst)
		t.keys[key] = lim
	}
	return lim
}

// Succeed forgets key's failures.
func (t *Throttle) Succeed(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.keys, key)
}

// evict drops keys that have refilled, or if none has, the fullest one.
func (t *Throttle) evict(now time.Time, burst, maxKeys int) {
	var fullest string
	best := -1.0
	for k, lim := range t.keys {
		tokens := lim.TokensAt(now)
		if tokens >= float64(burst) {
			delete(t.keys, k)
			continue
		}
		if tokens > best {
			fullest, best = k, tokens
		}
	}
	if len(t.keys) >= maxKeys {
		delete(t.keys, fullest)
	}
}
