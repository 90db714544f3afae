package web

import (
	"net/http"
	"net/url"

	"github.com/storyline/storyline"
)

// Sizes of the outlet page.
const (
	// outletArticles is how many articles an outlet page lists.
	outletArticles = 30
	// outletStories is how many of its stories the first page shows.
	outletStories = 10
)

// outletPageView is the data of the outlet page.
type outletPageView struct {
	Name     string
	FeedURL  string
	Stories  []*storyline.Story // on the first page only
	Articles []*storyline.Article
	Next     string // cursor of the next page of articles
	Older    bool   // this is not the first page
	// Reader is the signed-in reader's state of the stories and articles,
	// Follow and Mute their buttons for the outlet; nil for a visitor.
	Reader *readerState
	Follow *followButton
	Mute   *muteButton
	Images cardImages
}

// Cards are the stories with the reader's state of each.
func (v *outletPageView) Cards() []storyCard { return storyCards(v.Reader, v.Stories, v.Images) }

// readerOf is the reader's state, for the navigation's counts.
func (v *outletPageView) readerOf() *readerState { return v.Reader }

// pageOutlet shows an outlet: its latest stories and its articles, newest
// first, a page at a time (?cursor=).
func (s *Server) pageOutlet(w http.ResponseWriter, r *http.Request) {
	v, err := s.outletView(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "outlet", v.Name, v)
}

// outletView gathers the outlet page the request asks for.
func (s *Server) outletView(r *http.Request) (*outletPageView, error) {
	name, err := nameParam(r, "name", "outlet")
	if err != nil {
		return nil, err
	}
	cursor := r.URL.Query().Get("cursor")
	f := storyline.ArticleFilter{Source: name, Limit: outletArticles, IncludeCopies: true}
	if f.BeforeTime, f.BeforeID, err = decodeCursor(cursor); err != nil {
		return nil, err
	}
	v := &outletPageView{Name: name, FeedURL: "/outlets/" + url.PathEscape(name) + "/feed", Older: cursor != ""}
	if v.Articles, err = s.store.Articles(r.Context(), f); err != nil {
		return nil, err
	}
	if n := len(v.Articles); n > 0 {
		v.Name = v.Articles[0].Source
		if n == f.Limit {
			last := v.Articles[n-1]
			v.Next = encodeCursor(articleSortTime(last), last.ID)
		}
	}
	if !v.Older {
		if v.Stories, err = s.store.Stories(r.Context(), storyline.StoryFilter{Source: name, Limit: outletStories}); err != nil {
			return nil, err
		}
		if len(v.Articles) == 0 && len(v.Stories) == 0 {
			return nil, storyline.Errorf(storyline.ENOTFOUND, "no outlet named %q", name)
		}
	}
	ids := make([]int64, len(v.Articles))
	for i, a := range v.Articles {
		ids[i] = a.ID
	}
	if v.Reader, err = s.readerStateFor(r.Context(), v.Stories, ids); err != nil {
		return nil, err
	}
	if v.Images, err = s.storyImages(r.Context(), v.Stories); err != nil {
		return nil, err
	}
	v.Follow = followButtonFor(v.Reader, storyline.FollowOutlet, v.Name, "", v.Name)
	v.Mute = muteButtonFor(v.Reader, v.Name)
	return v, nil
}
