package web

import (
	"net/http"
	"net/url"

	"github.com/storyline/storyline"
)

// Search page limits.
const (
	// searchPerPage is how many results a search page shows.
	searchPerPage = 20
	// maxSearchOffset is the deepest result a page starts at, as far as
	// decodeOffsetCursor goes.
	maxSearchOffset = 10_000
)

// searchPageView is the data of the search page.
type searchPageView struct {
	Q        string
	Outlet   string
	Since    string
	Lang     string // the language the words are normalised for; "" for all
	Outlets  []*storyline.Source
	Periods  []searchPeriod
	Searched bool // a query was given
	Hits     []storyline.SearchHit
	From     int    // position of the first hit, from 1
	Prev     string // URL of the previous page, or ""
	Next     string // URL of the next page, or ""
	FeedURL  string
	// Reader is the signed-in reader's state of the articles found and
	// Follow their button to follow the search; nil for a visitor.
	Reader *readerState
	Follow *followButton
}

// readerOf is the reader's state, for the navigation's counts.
func (v *searchPageView) readerOf() *readerState { return v.Reader }

// searchPeriod is a choice of the date filter.
type searchPeriod struct {
	Value string // a since parameter (see api.ParseSince)
	Label string
}

// searchPeriods are the date filter's choices.
func searchPeriods() []searchPeriod {
	return []searchPeriod{{"", "Any time"}, {"1d", "Past day"}, {"7d", "Past week"}, {"30d", "Past month"}, {"365d", "Past year"}}
}

// pageSearch searches articles (?q=), optionally of one outlet (?outlet=)
// and since a time (?since=), a page at a time (?cursor=). Without a
// query it shows the form only.
func (s *Server) pageSearch(w http.ResponseWriter, r *http.Request) {
	v, sq, err := s.searchForm(r)
	if err == nil && v.Searched {
		err = s.searchResults(r, v, sq)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	title := "Search"
	if v.Searched {
		title = "Search: " + v.Q
	}
	s.render(w, r, http.StatusOK, "search", title, v)
}

// searchForm reads and checks the search's parameters (as the API and
// the Atom feed do) and lists the outlets to choose from.
func (s *Server) searchForm(r *http.Request) (*searchPageView, storyline.SearchQuery, error) {
	sq, err := s.searchParams(r)
	if err != nil {
		return nil, sq, err
	}
	v := &searchPageView{Q: sq.Text, Outlet: sq.Source, Since: r.URL.Query().Get("since"), Lang: sq.Lang,
		Periods: searchPeriods(), Searched: sq.Text != ""}
	if v.Outlets, err = s.store.Sources(r.Context()); err != nil {
		return nil, sq, err
	}
	sq.Limit = searchPerPage + 1
	return v, sq, nil
}

// searchResults runs the search and links the pages before and after.
func (s *Server) searchResults(r *http.Request, v *searchPageView, sq storyline.SearchQuery) error {
	hits, err := s.store.Search(r.Context(), sq)
	if err != nil {
		return err
	}
	v.From, v.Hits = sq.Offset+1, hits[:min(len(hits), searchPerPage)]
	v.FeedURL = "/search/feed?" + v.query().Encode()
	if len(hits) > searchPerPage && sq.Offset+searchPerPage <= maxSearchOffset {
		v.Next = v.pageURL(sq.Offset + searchPerPage)
	}
	if sq.Offset > 0 {
		v.Prev = v.pageURL(max(0, sq.Offset-searchPerPage))
	}
	ids := make([]int64, len(v.Hits))
	for i, h := range v.Hits {
		ids[i] = h.Article.ID
	}
	if v.Reader, err = s.readerStateFor(r.Context(), nil, ids); err != nil {
		return err
	}
	v.Follow = followButtonFor(v.Reader, storyline.FollowSearch, v.Q, "", "the search “"+v.Q+"”")
	return nil
}

// pageURL is the URL of the results from offset on.
func (v *searchPageView) pageURL(offset int) string {
	q := v.query()
	if offset > 0 {
		q.Set("cursor", offsetCursor(offset))
	}
	return "/search?" + q.Encode()
}

// query is the search's parameters: words and filters.
func (v *searchPageView) query() url.Values {
	q := url.Values{"q": {v.Q}}
	if v.Outlet != "" {
		q.Set("outlet", v.Outlet)
	}
	if v.Since != "" {
		q.Set("since", v.Since)
	}
	if v.Lang != "" {
		q.Set("lang", v.Lang)
	}
	return q
}
