package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/storyline/storyline"
)

// savedPerPage is how many saved items the Saved page lists.
const savedPerPage = 20

// savedPageView is the data of the Saved page.
type savedPageView struct {
	Items  []savedEntry
	Reader *readerState
	Page   int    // from 1
	Prev   string // URL of the page before, or ""
	Next   string // URL of the page after, or ""
}

// savedEntry is one saved item: a story's card or an article.
type savedEntry struct {
	Card    *storyCard
	Article *storyline.Article
	SavedAt time.Time
}

// readerOf is the reader's state, for the navigation's counts.
func (v *savedPageView) readerOf() *readerState { return v.Reader }

// pageSaved lists the signed-in reader's saved stories and articles, the
// most recently saved first, a page at a time (?page=N), muted ones too.
func (s *Server) pageSaved(w http.ResponseWriter, r *http.Request) {
	if !s.signedInOnly(w, r) {
		return
	}
	v, err := s.savedView(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "saved", "Saved", v)
}

// savedView gathers the Saved page the request asks for.
func (s *Server) savedView(r *http.Request) (*savedPageView, error) {
	page, err := intParam(r.URL.Query(), "page", 1, 1, maxSearchOffset/savedPerPage)
	if err != nil {
		return nil, err
	}
	ctx, u := r.Context(), userFrom(r.Context())
	items, n, err := s.savedItems(ctx, u.ID, "", savedPerPage, (page-1)*savedPerPage)
	if err != nil {
		return nil, err
	}
	v := &savedPageView{Page: page}
	if v.Reader, err = s.readerStateFor(ctx, savedStories(items), savedArticleIDs(items)); err != nil {
		return nil, err
	}
	images, err := s.storyImages(ctx, savedStories(items))
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		e := savedEntry{Article: it.Article, SavedAt: it.SavedAt}
		if it.Story != nil {
			e.Card = &storyCard{Story: it.Story, Reader: v.Reader, Image: images[it.Story.ID]}
		}
		v.Items = append(v.Items, e)
	}
	if page > 1 {
		v.Prev = "/saved?page=" + strconv.Itoa(page-1)
	}
	if n == savedPerPage && page*savedPerPage < maxSearchOffset {
		v.Next = "/saved?page=" + strconv.Itoa(page+1)
	}
	return v, nil
}
