package web

import (
	"net/http"
	"strconv"

	"github.com/storyline/storyline"
)

// maxBulkFeeds caps the feeds one bulk removal names.
const maxBulkFeeds = 1000

// feedsRemoveView is the data of the page that asks to confirm removing
// the feeds selected on the feeds page.
type feedsRemoveView struct {
	Feeds []*storyline.Feed
}

// postFeedsRemove removes the feeds whose IDs the form lists (id=…, the
// feeds page's checkboxes); their articles stay. Without confirm=1 it
// only shows them and asks to confirm, so that a slip does not lose
// feeds and the step needs no script. Administrators only.
func (s *Server) postFeedsRemove(w http.ResponseWriter, r *http.Request) {
	if !s.adminForm(w, r) {
		return
	}
	feeds, err := s.formFeeds(r)
	if err != nil {
		s.feedsFormError(w, r, feedsView{}, err)
		return
	}
	if r.PostFormValue("confirm") != "1" {
		s.render(w, r, http.StatusOK, "feedsremove", "Remove feeds", feedsRemoveView{Feeds: feeds})
		return
	}
	for _, f := range feeds {
		if err := s.store.DeleteFeed(r.Context(), f.ID); err != nil && storyline.ErrorCode(err) != storyline.ENOTFOUND {
			s.fail(w, r, err)
			return
		}
		s.log.Info("feed removed", "feed", f.ID, "url", f.URL, "by", userFrom(r.Context()).Name)
	}
	http.Redirect(w, r, "/feeds?done=removed&n="+strconv.Itoa(len(feeds)), http.StatusSeeOther)
}

// formFeeds returns the stored feeds that the form's id values name, in
// the feeds page's order; at least one must be named.
func (s *Server) formFeeds(r *http.Request) ([]*storyline.Feed, error) {
	ids := r.PostForm["id"]
	if len(ids) == 0 {
		return nil, storyline.Errorf(storyline.EINVALID, "remove feeds: tick the feeds to remove first")
	}
	if len(ids) > maxBulkFeeds {
		return nil, storyline.Errorf(storyline.EINVALID, "remove feeds: at most %d at once", maxBulkFeeds)
	}
	want := make(map[int64]bool, len(ids))
	for _, v := range ids {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return nil, storyline.Errorf(storyline.EINVALID, "remove feeds: %q is not a feed number", v)
		}
		want[id] = true
	}
	all, err := s.store.Feeds(r.Context())
	if err != nil {
		return nil, err
	}
	var feeds []*storyline.Feed
	for _, f := range all {
		if want[f.ID] {
			feeds = append(feeds, f)
		}
	}
	if len(feeds) == 0 {
		return nil, storyline.Errorf(storyline.EINVALID, "remove feeds: none of those feeds exists any more")
	}
	sortFeeds(feeds)
	return feeds, nil
}
