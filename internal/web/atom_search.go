package web

import (
	"net/http"
	"net/url"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/atom"
)

// atomSearch answers GET /search/feed?q=&outlet=&since=: an Atom feed of
// a search's best results, each with its snippet as the summary.
func (s *Server) atomSearch(w http.ResponseWriter, r *http.Request) {
	sq, err := s.searchParams(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if sq.Text == "" {
		s.fail(w, r, storyline.Errorf(storyline.EINVALID, "parameter q: say what to search for"))
		return
	}
	sq.Limit, sq.Offset = atomEntries, 0
	hits, err := s.store.Search(r.Context(), sq)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := s.newAtomFeed(r, "Search: "+sq.Text, "/search?q="+url.QueryEscape(sq.Text))
	f.Entries = make([]atom.Entry, len(hits))
	for i, h := range hits {
		a := h.Article
		f.Entries[i] = s.articleEntry(r, atomArticle{ID: a.ID, Source: a.Source, Title: a.Title, URL: a.URL, At: articleSortTime(a), Summary: h.Snippet.String("", "")})
	}
	s.writeAtom(w, r, f)
}
