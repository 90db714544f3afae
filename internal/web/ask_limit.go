package web

import (
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/auth"
)

// How many questions to stories may be asked: a signed-in user askUserBurst
// at once, then one every askUserEvery; a visitors' address (which may be
// many people behind one NAT) askAddrBurst at once, then one every
// askAddrEvery.
const (
	askUserBurst = 10
	askUserEvery = 6 * time.Second
	askAddrBurst = 20
	askAddrEvery = 3 * time.Second
)

// askLimits throttles questions: a signed-in user's per user (wherever
// they ask from), a visitor's per client address. Every question counts,
// answered or not. The zero value is ready to use, with the rates above;
// each throttle keeps a bounded number of keys.
type askLimits struct {
	once  sync.Once
	users auth.Throttle
	addrs auth.Throttle
}

// take draws one question for u, or for a visitor (u nil) at address
// addr, at now; when none is left it returns ETOOMANY with the time to
// wait.
func (l *askLimits) take(u *storyline.User, addr string, now time.Time) error {
	l.once.Do(func() {
		l.users.Burst, l.users.Every = askUserBurst, askUserEvery
		l.addrs.Burst, l.addrs.Every = askAddrBurst, askAddrEvery
	})
	t, key := &l.addrs, "addr:"+addr
	if u != nil {
		t, key = &l.users, "user:"+strconv.FormatInt(u.ID, 10)
	}
	if ok, wait := t.Take(key, now); !ok {
		return askTryLater(wait)
	}
	return nil
}

// allowQuestion draws one question for r's asker from the limits.
func (s *Server) allowQuestion(r *http.Request) error {
	return s.asks.take(userFrom(r.Context()), s.clientAddr(r), s.now())
}

// askTryLater is the refusal of a question asked too soon, which may be
// asked again after wait, worded in seconds (the waits are short).
func askTryLater(wait time.Duration) error {
	secs := max(1, int(math.Ceil(wait.Seconds())))
	unit := "seconds"
	if secs == 1 {
		unit = "second"
	}
	return &retryLater{
		err:  storyline.Errorf(storyline.ETOOMANY, "too many questions: try again in %d %s", secs, unit),
		wait: wait,
	}
}
