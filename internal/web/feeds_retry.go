package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/storyline/storyline"
)

// FeedPoller is what an Ingester may also do: poll one feed now. When the
// configured Ingester implements it, the feeds page offers "Retry now" on
// a feed in error. It is an interface of its own so that an Ingester need
// not poll.
type FeedPoller interface {
	// PollFeed polls feed id at once and records the outcome as a
	// scheduled poll does; the error is the poll's failure, if any.
	PollFeed(ctx context.Context, id int64) error
}

// retryTimeout bounds polling a feed from the feeds page: the feed, then
// its new entries' pages.
const retryTimeout = 45 * time.Second

// feedPoller returns the configured ingester as a FeedPoller, or nil when
// it cannot poll.
func (s *Server) feedPoller() FeedPoller {
	p, _ := s.cfg.Ingester.(FeedPoller)
	return p
}

// postFeedRetry polls a feed now, so that an administrator who fixed what
// made it fail sees the outcome at once. Administrators only.
func (s *Server) postFeedRetry(w http.ResponseWriter, r *http.Request) {
	f, ok := s.pathFeed(w, r)
	if !ok {
		return
	}
	p := s.feedPoller()
	if p == nil {
		s.feedsFormError(w, r, feedsView{}, storyline.Errorf(storyline.EINVALID, "polling a feed now needs the server's poller: run storyline serve"))
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), retryTimeout)
	defer cancel()
	done := "retried"
	if err := p.PollFeed(ctx, f.ID); err != nil {
		s.log.Info("feed retried", "feed", f.ID, "err", err)
		done = "retry-failed"
	}
	http.Redirect(w, r, "/feeds?done="+done+"#feed-"+strconv.FormatInt(f.ID, 10), http.StatusSeeOther)
}
