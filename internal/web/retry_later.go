package web

import (
	"errors"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/storyline/storyline"
)

// retryLater is an ETOOMANY refusal with the time until a new attempt
// may succeed, which responses send as Retry-After.
type retryLater struct {
	err  *storyline.Error
	wait time.Duration
}

// Error implements error.
func (e *retryLater) Error() string { return e.err.Error() }

// Unwrap gives the domain error, for storyline.ErrorCode and ErrorMessage.
func (e *retryLater) Unwrap() error { return e.err }

// tryLater returns the refusal what (say "too many failed sign-ins")
// that may be tried again after wait, worded in whole minutes: "… try
// again in 1 minute".
func tryLater(what string, wait time.Duration) error {
	minutes := max(1, int(math.Ceil(wait.Minutes())))
	unit := "minutes"
	if minutes == 1 {
		unit = "minute"
	}
	return &retryLater{
		err:  storyline.Errorf(storyline.ETOOMANY, "%s: try again in %d %s", what, minutes, unit),
		wait: wait,
	}
}

// setRetryAfter sets the Retry-After header (whole seconds, at least 1)
// when err says when to try again.
func setRetryAfter(w http.ResponseWriter, err error) {
	var rl *retryLater
	if errors.As(err, &rl) {
		w.Header().Set("Retry-After", strconv.Itoa(max(1, int(math.Ceil(rl.wait.Seconds())))))
	}
}
