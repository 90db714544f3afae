package web

import (
	"net/http"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/api"
)

// apiArticle answers GET /api/v1/articles/{id} with the article and its
// text, the outlets that also published it, and, once it is analysed, its
// analysis and story, and for a signed-in reader its read and saved flags.
func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "id", "article")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	ctx := r.Context()
	a, err := s.store.Article(ctx, id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	others, err := storyline.AlsoPublishedBy(ctx, s.store, a)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := api.NewArticle(a, true)
	out.AlsoPublishedBy = api.NewCopies(others)
	an, err := storyline.AnalysisOf(ctx, s.store, a)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out.SetAnalysis(an)
	st, err := s.readerStateFor(ctx, nil, []int64{a.ID})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	setArticleState(st, &out)
	s.writeJSON(w, http.StatusOK, out)
}
