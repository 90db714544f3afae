package web

import (
	"net/http"
	"strconv"

	"github.com/storyline/storyline"
)

// postFeedContent sets where a feed's articles come from: the feed's own
// text (feed_only=1), or each entry's page, fetched for the full article
// (feed_only=0). New entries follow it. Administrators only.
func (s *Server) postFeedContent(w http.ResponseWriter, r *http.Request) {
	f, ok := s.pathFeed(w, r)
	if !ok {
		return
	}
	done := "feed-only"
	switch r.PostFormValue("feed_only") {
	case "1":
		f.FeedOnly = true
	case "0":
		f.FeedOnly, done = false, "full-articles"
	default:
		s.feedsFormError(w, r, feedsView{}, storyline.Errorf(storyline.EINVALID, "feed %d: feed_only must be 1 (feed text only) or 0 (full articles)", f.ID))
		return
	}
	if err := s.store.UpdateFeed(r.Context(), f); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/feeds?done="+done+"#feed-"+strconv.FormatInt(f.ID, 10), http.StatusSeeOther)
}
