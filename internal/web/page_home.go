package web

import (
	"context"
	"net/http"
	"slices"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/rank"
)

const (
	// topStories is how many stories the front page shows.
	topStories = 30
	// topCandidates is how many recently updated stories are ranked for it.
	topCandidates = 300
	// topWindow is how far back the front page looks for stories.
	topWindow = 72 * time.Hour
)

// homeView is the data of the home and latest pages.
type homeView struct {
	Latest     bool
	Stories    []*storyline.Story
	Category   string
	Outlet     string
	Categories []string
	Outlets    []*storyline.Source
	Next       string // cursor of the next page (latest only)
	// Reader is the signed-in reader's state of the stories, nil for a
	// visitor; UnreadOnly hides those they read (?unread=1).
	Reader     *readerState
	UnreadOnly bool
	Images     cardImages
}

// Cards are the stories with the reader's state of each.
func (v homeView) Cards() []storyCard { return storyCards(v.Reader, v.Stories, v.Images) }

// Tools are the reader's tools over the view.
func (v homeView) Tools() viewTools {
	return viewTools{View: homeStoryView(v.Latest), Category: v.Category, Outlet: v.Outlet, UnreadOnly: v.UnreadOnly}
}

// readerOf is the reader's state, for the navigation's counts.
func (v homeView) readerOf() *readerState { return v.Reader }

// homeStoryView is the view the home page shows: Latest or Top.
func homeStoryView(latest bool) storyView {
	if latest {
		return viewLatest
	}
	return viewTop
}

// pageHome shows the top stories: the recently updated ones ranked by
// recency, breadth of coverage and its pace. ?category= and ?outlet=
// filter them. A signed-in reader's exclude what they mute, and with
// ?unread=1 what they read.
func (s *Server) pageHome(w http.ResponseWriter, r *http.Request) {
	v, f, err := s.homeFilters(r)
	if err == nil {
		v.Reader, err = s.readerBase(r.Context())
	}
	if err == nil {
		v.Stories, err = s.topFor(r.Context(), v.Reader, f, topStories)
	}
	if err == nil {
		v.Stories, v.UnreadOnly, err = s.readerList(r, v.Reader, v.Stories)
	}
	if err == nil {
		v.Images, err = s.storyImages(r.Context(), v.Stories)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "home", "", v)
}

// rankedStories returns the top n stories that f selects (its Since and
// Limit are set here): the recently updated ones ranked by recency,
// breadth of coverage and its pace. The home page and the API share it.
// Rankings are kept for topTTL (see topCache).
func (s *Server) rankedStories(ctx context.Context, f storyline.StoryFilter, n int) ([]*storyline.Story, error) {
	return s.top.get(ctx, topKeyOf(f, n), s.now(), func() ([]*storyline.Story, error) {
		return s.rankStories(ctx, f, n)
	})
}

// rankStories ranks the stories f selects; see rankedStories.
func (s *Server) rankStories(ctx context.Context, f storyline.StoryFilter, n int) ([]*storyline.Story, error) {
	now := s.now()
	f.Since, f.Limit = now.Add(-topWindow), max(n, topCandidates)
	list, err := s.store.Stories(ctx, f)
	if err == nil && len(list) < n {
		// A quiet spell, or an archive: rank the latest stories, however old.
		f.Since = time.Time{}
		list, err = s.store.Stories(ctx, f)
	}
	if err != nil {
		return nil, err
	}
	return rank.Top(list, now, n), nil
}

// pageLatest lists stories by their last update, newest first, a page at
// a time (?cursor=). A signed-in reader's exclude what they mute, and
// with ?unread=1 what they read.
func (s *Server) pageLatest(w http.ResponseWriter, r *http.Request) {
	v, f, err := s.homeFilters(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.Latest = true
	if f.BeforeTime, f.BeforeID, err = decodeCursor(r.URL.Query().Get("cursor")); err != nil {
		s.fail(w, r, err)
		return
	}
	f.Limit = topStories
	if v.Stories, err = s.store.Stories(r.Context(), f); err != nil {
		s.fail(w, r, err)
		return
	}
	if len(v.Stories) == f.Limit {
		last := v.Stories[len(v.Stories)-1]
		v.Next = encodeCursor(last.LastUpdated, last.ID)
	}
	if v.Reader, err = s.readerBase(r.Context()); err == nil {
		v.Stories, v.UnreadOnly, err = s.readerList(r, v.Reader, v.Reader.Visible(v.Stories))
	}
	if err == nil {
		v.Images, err = s.storyImages(r.Context(), v.Stories)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "home", "Latest", v)
}

// homeFilters reads ?category= and ?outlet= and lists the choices.
func (s *Server) homeFilters(r *http.Request) (homeView, storyline.StoryFilter, error) {
	q := r.URL.Query()
	var v homeView
	var err error
	if v.Category, err = textParam(q, "category"); err != nil {
		return v, storyline.StoryFilter{}, err
	}
	if v.Outlet, err = textParam(q, "outlet"); err != nil {
		return v, storyline.StoryFilter{}, err
	}
	feeds, err := s.store.Feeds(r.Context())
	if err != nil {
		return v, storyline.StoryFilter{}, err
	}
	for _, f := range feeds {
		if f.Category != "" && !slices.Contains(v.Categories, f.Category) {
			v.Categories = append(v.Categories, f.Category)
		}
	}
	slices.Sort(v.Categories)
	sources, err := s.store.Sources(r.Context())
	if err != nil {
		return v, storyline.StoryFilter{}, err
	}
	slices.SortStableFunc(sources, func(a, b *storyline.Source) int { return b.ArticleCount - a.ArticleCount })
	v.Outlets = sources[:min(len(sources), 20)]
	return v, storyline.StoryFilter{Category: v.Category, Source: v.Outlet}, nil
}
