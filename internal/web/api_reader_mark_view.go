package web

import (
	"net/http"
	"net/url"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/api"
)

// markViewBody is the JSON body of POST /api/v1/read: a view and, for
// Top and Latest, the filters of GET /api/v1/stories.
type markViewBody struct {
	View     string `json:"view"`
	Source   string `json:"source"`
	Outlet   string `json:"outlet"`
	Category string `json:"category"`
	Hashtag  string `json:"hashtag"`
	Entity   string `json:"entity"`
	Kind     string `json:"kind"`
	Since    string `json:"since"`
}

// filter reads the body's filters as GET /api/v1/stories reads its
// parameters.
func (b markViewBody) filter(s *Server) (storyline.StoryFilter, error) {
	q := url.Values{}
	for name, v := range map[string]string{"source": b.Source, "outlet": b.Outlet, "category": b.Category,
		"hashtag": b.Hashtag, "entity": b.Entity, "kind": b.Kind, "since": b.Since} {
		if v != "" {
			q.Set(name, v)
		}
	}
	if len(q) > 0 && storyView(b.View) == viewForYou {
		return storyline.StoryFilter{}, storyline.Errorf(storyline.EINVALID, "request body: For you takes no filters (source, category, hashtag, entity…)")
	}
	return s.storyFilterParams(q)
}

// apiMarkViewRead answers POST /api/v1/read {"view": "top" | "latest" |
// "foryou", and filters}: it marks every story of the view read for the
// signed-in reader, as they see it (what they mute stays as it was),
// and answers {"marked": n}.
func (s *Server) apiMarkViewRead(w http.ResponseWriter, r *http.Request) {
	if s.apiReader(w, r) == nil {
		return
	}
	var in markViewBody
	if err := decodeJSON(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	switch storyView(in.View) {
	case viewTop, viewLatest, viewForYou:
	default:
		s.writeError(w, r, storyline.Errorf(storyline.EINVALID, "request body: field \"view\": %.40q, want top, latest or foryou", in.View))
		return
	}
	f, err := in.filter(s)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	ctx := r.Context()
	st, err := s.readerStateFor(ctx, nil, nil)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	n, err := s.markViewRead(ctx, st, storyView(in.View), f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, api.Marked{Marked: n})
}
