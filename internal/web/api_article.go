package web

import (
	"net/http"
	"strconv"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/api"
)

// apiArticle answers GET /api/v1/articles/{id} with the article, its
// text, and the outlets that also published it.
func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) {
	raw := r.PathValue("id")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		s.writeError(w, r, storyline.Errorf(storyline.EINVALID, "article id %q: want a positive whole number", raw))
		return
	}
	a, err := s.store.Article(r.Context(), id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	others, err := storyline.AlsoPublishedBy(r.Context(), s.store, a)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := api.NewArticle(a, true)
	out.AlsoPublishedBy = api.NewCopies(others)
	s.writeJSON(w, http.StatusOK, out)
}
