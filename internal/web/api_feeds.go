package web

import (
	"net/http"
	"strings"

	"github.com/storyline/storyline/internal/api"
)

// addFeedBody is the JSON body of POST /api/v1/feeds.
type addFeedBody struct {
	URL      string `json:"url"`
	Category string `json:"category"`
}

// apiFeeds answers GET /api/v1/feeds (administrators) with every feed and
// its polling status.
func (s *Server) apiFeeds(w http.ResponseWriter, r *http.Request) {
	if err := requireAdmin(r.Context()); err != nil {
		s.writeError(w, r, err)
		return
	}
	feeds, err := s.store.Feeds(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	list := api.NewFeeds(feeds)
	for i := range list {
		list[i].ErrorHelp = feedErrorHelp(list[i].LastError)
	}
	s.writeJSON(w, http.StatusOK, api.FeedList{Feeds: list})
}

// feedErrorHelp is a feed's stored error in plain words with what to do,
// or "" when there is no error or it is not recognised.
func feedErrorHelp(lastError string) string {
	if lastError == "" {
		return ""
	}
	if p := explainFeedText(lastError); p.Plain != lastError {
		return p.Plain
	}
	return ""
}

// apiAddFeed answers POST /api/v1/feeds {"url", "category"}
// (administrators): it subscribes to the feed at url, or the feed the page
// at url leads to, and answers 201 with it.
func (s *Server) apiAddFeed(w http.ResponseWriter, r *http.Request) {
	if err := requireAdmin(r.Context()); err != nil {
		s.writeError(w, r, err)
		return
	}
	var in addFeedBody
	if err := decodeJSON(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	f, err := s.subscribe(r.Context(), strings.TrimSpace(in.URL), in.Category)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusCreated, api.NewFeed(f))
}

// apiDeleteFeed answers DELETE /api/v1/feeds/{id} (administrators): it
// unsubscribes from the feed, keeping its articles, and answers 204.
func (s *Server) apiDeleteFeed(w http.ResponseWriter, r *http.Request) {
	if err := requireAdmin(r.Context()); err != nil {
		s.writeError(w, r, err)
		return
	}
	id, err := idParam(r, "id", "feed")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.store.DeleteFeed(r.Context(), id); err != nil {
		s.writeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
