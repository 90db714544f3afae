package web

import (
	"net/http"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/api"
)

// searchResponse is the body of GET /api/v1/search.
type searchResponse struct {
	Query string          `json:"query"`
	Hits  []api.SearchHit `json:"hits"`
}

// apiSearch answers GET /api/v1/search?q=&source=&since=&limit=&offset=.
// The query is plain text; any characters are allowed.
func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	text := q.Get("q")
	if len(text) > 1000 {
		s.writeError(w, r, storyline.Errorf(storyline.EINVALID, "parameter q: longer than 1000 bytes"))
		return
	}
	limit, offset, err := pageParams(q, 20)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	sq, err := s.sinceParam(q)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	sq.Text, sq.Limit, sq.Offset = text, limit, offset
	hits, err := s.store.Search(r.Context(), sq)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, searchResponse{Query: text, Hits: api.NewSearchHits(hits)})
}
