package fetch

import (
	"net/http"
	"time"

	"golang.org/x/time/rate"
)

// The adaptive per-host rate. From the default 4/s a host reaches the
// default HostRateMax of 100/s after 15 fast answers (4×1.25^15 ≈ 114):
// at most about 1.2s of requests even with the HostBurst tokens spent, so
// 500 requests to a fast host take about 6.5s from a cold start (when
// HostConcurrency lets that many through, i.e. answers within ~30ms)
// rather than 120s at a fixed 4/s.
const (
	// fastAnswer is the longest wait for response headers that still
	// counts as fast: well above a busy server's usual latency, well below
	// the 20s header timeout.
	fastAnswer = time.Second
	// rateRaise multiplies a host's rate after a fast answer: a gentle
	// probe (+25% per answer) so that a host that slows down under load is
	// noticed before the rate has doubled, yet quick to climb.
	rateRaise = 1.25
	// rateCut multiplies a host's rate after a slow answer or a network
	// failure: halving is the classic multiplicative decrease.
	rateCut = 0.5
)

// outcome is what one answer says about how much load its host takes.
type outcome int

const (
	outcomeSteady  outcome = iota // says nothing either way: keep the rate
	outcomeFast                   // answered quickly: raise the rate
	outcomeSlow                   // slow answer or network failure: lower it
	outcomeBackoff                // 429, 503 or Retry-After: back to HostRate
)

// answerOutcome classifies an answer with status whose headers took took to
// arrive; retryAfter tells whether it carried a Retry-After header. Other
// 5xx answers hold the rate: they may be one broken feed, but raising the
// rate on a failing server is not polite.
func answerOutcome(status int, retryAfter bool, took time.Duration) outcome {
	switch {
	case retryAfter, status == http.StatusTooManyRequests, status == http.StatusServiceUnavailable:
		return outcomeBackoff
	case took > fastAnswer:
		return outcomeSlow
	case status >= 500:
		return outcomeSteady
	default:
		return outcomeFast
	}
}

// failureOutcome classifies a request that got no answer and failed with
// kind, the caller's own cancellation already ruled out. Failures on our
// side (the address guard, redirects we refuse, a bad URL) say nothing
// about the host; timeouts, refused or reset connections and other
// network failures lower the rate.
func failureOutcome(kind Kind) outcome {
	switch kind {
	case KindBlocked, KindRedirects, KindInvalid, KindTooLarge, KindRobots, KindCanceled:
		return outcomeSteady
	default:
		return outcomeSlow
	}
}

// nextRate returns the rate in requests per second that follows cur after
// an answer with outcome o, kept within [lo, hi] (HostRate, HostRateMax).
func nextRate(cur float64, o outcome, lo, hi float64) float64 {
	switch o {
	case outcomeFast:
		cur *= rateRaise
	case outcomeSlow:
		cur *= rateCut
	case outcomeBackoff:
		cur = lo
	}
	return min(max(cur, lo), hi)
}

// adapt moves h's rate as an answer with outcome o says. A back-off also
// takes away the whole tokens banked for a burst, so that the host gets no
// burst right after telling us to slow down.
func (t *hostTable) adapt(h *hostState, o outcome) {
	if !t.limited() || o == outcomeSteady {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if r := nextRate(h.rate, o, t.base, t.max); r != h.rate {
		h.rate = r
		h.limiter.SetLimit(rate.Limit(r))
	}
	if o == outcomeBackoff {
		// The token bucket runs on real time, as Limiter.Wait does.
		now := time.Now()
		if n := int(h.limiter.TokensAt(now)); n > 0 {
			h.limiter.AllowN(now, n)
		}
	}
}

// currentRate returns the rate in requests per second that the host behind
// key is paced at now: HostRate for a host not seen (or forgotten), and a
// negative number when hosts are not paced.
func (t *hostTable) currentRate(key string) float64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	if h, ok := t.m[key]; ok && t.limited() {
		return h.rate
	}
	return t.base
}
