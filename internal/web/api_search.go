package web

import (
	"net/http"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/api"
)

const (
	// apiSearchPage is the default page size of GET /api/v1/search.
	apiSearchPage = 20
	// apiSearchDepth is how far into the results paging goes.
	apiSearchDepth = 10_000
)

// apiSearch answers GET /api/v1/search?q=&outlet=&since=&limit=&cursor=
// with the matching articles, best first, each with a snippet. The query
// is plain text; any characters are allowed.
func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	sq, err := s.searchParams(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	hits, err := s.store.Search(r.Context(), sq)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	page := api.SearchPage{Query: sq.Text, Hits: api.NewSearchHits(hits)}
	if next := sq.Offset + sq.Limit; len(hits) == sq.Limit && next < apiSearchDepth {
		page.NextCursor = offsetCursor(next)
	}
	s.writeJSON(w, http.StatusOK, page)
}

// searchParams reads a search's parameters: q, outlet (or source), since,
// limit and cursor.
func (s *Server) searchParams(r *http.Request) (storyline.SearchQuery, error) {
	q := r.URL.Query()
	var (
		sq  storyline.SearchQuery
		err error
	)
	if sq.Text, err = textParam(q, "q"); err != nil {
		return sq, err
	}
	if sq.Source, err = outletParam(q); err != nil {
		return sq, err
	}
	if sq.Since, err = s.sinceParam(q); err != nil {
		return sq, err
	}
	if sq.Limit, err = limitParam(q, apiSearchPage); err != nil {
		return sq, err
	}
	sq.Offset, err = decodeOffsetCursor(q.Get("cursor"))
	return sq, err
}
