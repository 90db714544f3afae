package web

import (
	"net/http"
	"strconv"

	"github.com/storyline/storyline"
)

// postFeedDelete unsubscribes from a feed; its articles stay.
// Administrators only.
func (s *Server) postFeedDelete(w http.ResponseWriter, r *http.Request) {
	f, ok := s.pathFeed(w, r)
	if !ok {
		return
	}
	if err := s.store.DeleteFeed(r.Context(), f.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("feed removed", "feed", f.ID, "url", f.URL, "by", userFrom(r.Context()).Name)
	http.Redirect(w, r, "/feeds?done=deleted", http.StatusSeeOther)
}

// postFeedPause pauses (paused=1) or resumes (paused=0) a feed.
// Administrators only.
func (s *Server) postFeedPause(w http.ResponseWriter, r *http.Request) {
	f, ok := s.pathFeed(w, r)
	if !ok {
		return
	}
	done := "paused"
	switch r.PostFormValue("paused") {
	case "1":
		f.Paused = true
	case "0":
		f.Paused, done = false, "resumed"
	default:
		s.feedsFormError(w, r, feedsView{}, storyline.Errorf(storyline.EINVALID, "pause feed %d: paused must be 1 or 0", f.ID))
		return
	}
	if err := s.store.UpdateFeed(r.Context(), f); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/feeds?done="+done, http.StatusSeeOther)
}

// postFeedEdit changes a feed's category and the outlet name given to its
// articles. Administrators only.
func (s *Server) postFeedEdit(w http.ResponseWriter, r *http.Request) {
	f, ok := s.pathFeed(w, r)
	if !ok {
		return
	}
	var err error
	if f.Category, err = feedLabel("category", r.PostFormValue("category")); err == nil {
		f.Source, err = feedLabel("outlet name", r.PostFormValue("source"))
	}
	if err == nil {
		err = s.store.UpdateFeed(r.Context(), f)
	}
	if err != nil {
		s.feedsFormError(w, r, feedsView{}, err)
		return
	}
	http.Redirect(w, r, "/feeds?done=saved", http.StatusSeeOther)
}

// pathFeed checks that the user is an administrator, parses the form and
// returns the feed named by the path's {id}. When it returns false it has
// answered the request.
func (s *Server) pathFeed(w http.ResponseWriter, r *http.Request) (*storyline.Feed, bool) {
	if !s.adminForm(w, r) {
		return nil, false
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, storyline.Errorf(storyline.ENOTFOUND, "no feed %q", r.PathValue("id")))
		return nil, false
	}
	f, err := s.store.Feed(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return nil, false
	}
	return f, true
}
