package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/api"
)

const (
	// apiSearchPage is the default page size of GET /api/v1/search.
	apiSearchPage = 20
	// apiSearchDepth is how far into the results paging goes.
	apiSearchDepth = 10_000
)

// apiSearch answers GET /api/v1/search?q=&outlet=&since=&lang=&limit=&cursor=
// with the matching articles, best first, each with a snippet. The query
// is plain text; any characters are allowed. lang (a language code such as
// "de") normalises the words for that language only; by default they are
// normalised for every language of the stored articles. A signed-in
// reader's hits carry the articles' read and saved flags.
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
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.Article.ID
	}
	st, err := s.readerStateFor(r.Context(), nil, ids)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	page := api.SearchPage{Query: sq.Text, Hits: api.NewSearchHits(hits)}
	for i := range page.Hits {
		setArticleState(st, &page.Hits[i].Article)
	}
	if next := sq.Offset + sq.Limit; len(hits) == sq.Limit && next < apiSearchDepth {
		page.NextCursor = offsetCursor(next)
	}
	s.writeJSON(w, http.StatusOK, page)
}

// searchParams reads a search's parameters: q, outlet (or source), since,
// lang, limit and cursor.
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
	if sq.Lang, err = langParam(q); err != nil {
		return sq, err
	}
	if sq.Limit, err = limitParam(q, apiSearchPage); err != nil {
		return sq, err
	}
	sq.Offset, err = decodeOffsetCursor(q.Get("cursor"))
	return sq, err
}

// languageTag is the form of the lang parameter: a BCP 47 language tag
// such as "de" or "pt-BR".
var languageTag = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)

// langParam reads the lang parameter: a language tag, or "" for every
// language.
func langParam(q url.Values) (string, error) {
	lang := strings.TrimSpace(q.Get("lang"))
	if lang != "" && (len(lang) > 35 || !languageTag.MatchString(lang)) {
		return "", storyline.Errorf(storyline.EINVALID, "parameter lang: %q is not a language code such as de or pt-BR", lang)
	}
	return lang, nil
}
