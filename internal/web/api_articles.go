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

// apiArticles answers GET /api/v1/articles?source=&since=&limit=&offset=.
func (s *Server) apiArticles(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, offset, err := pageParams(q, 50)
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
