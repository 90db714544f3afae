package web

import (
	"net/http"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/api"
)

// apiArticlesPage is the default page size of GET /api/v1/articles.
const apiArticlesPage = 50

// apiArticles answers GET /api/v1/articles?outlet=&since=&limit=&cursor=
// with canonical articles (not syndicated copies), newest first, a page at
// a time. source= is accepted for outlet=. A signed-in reader's articles
// carry their read and saved flags.
func (s *Server) apiArticles(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var (
		f   storyline.ArticleFilter
		err error
	)
	if f.Source, err = outletParam(q); err != nil {
		s.writeError(w, r, err)
		return
	}
	if f.Since, err = s.sinceParam(q); err != nil {
		s.writeError(w, r, err)
		return
	}
	if f.Limit, f.BeforeTime, f.BeforeID, err = keysetParams(q, apiArticlesPage); err != nil {
		s.writeError(w, r, err)
		return
	}
	list, err := s.store.Articles(r.Context(), f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	st, err := s.readerStateFor(r.Context(), nil, articleIDs(list))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, api.ArticlePage{Articles: apiArticlesFor(st, list), NextCursor: nextCursor(list, f.Limit, articleKey)})
}

// articleKey is what articles are listed by: articleSortTime, then ID.
func articleKey(a *storyline.Article) (time.Time, int64) { return articleSortTime(a), a.ID }

// articleSortTime is the time articles are listed by: published, or first
// stored when that is unknown.
func articleSortTime(a *storyline.Article) time.Time {
	if a.Published.IsZero() {
		return a.CreatedAt
	}
	return a.Published
}
