package web

import (
	"net/http"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/api"
)

// articlesResponse is the body of GET /api/v1/articles.
type articlesResponse struct {
	Articles []api.Article `json:"articles"`
}

// handleArticles answers GET /api/v1/articles?source=&since=&limit=&offset=.
func (s *Server) handleArticles(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, offset, err := page(q, 50)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	f, err := s.sinceParam(q)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	list, err := s.store.Articles(r.Context(), storyline.ArticleFilter{Source: f.Source, Since: f.Since, Limit: limit, Offset: offset})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, articlesResponse{Articles: api.NewArticles(list)})
}
