package web

import (
	"net/http"

	"github.com/storyline/storyline"
)

// openStory reads the signed-in reader's state of story page v (the
// story, its articles listed) and, when the page is opened (GET), marks
// the story read as it is now. Failing to mark is logged: it never fails
// the page. A visitor's page is left alone.
func (s *Server) openStory(r *http.Request, v *storyPageView) error {
	ids := make([]int64, 0, len(v.Timeline))
	for _, e := range v.Timeline {
		ids = append(ids, e.ArticleID)
	}
	for _, c := range v.Coverage {
		for _, a := range c.Articles {
			ids = append(ids, a.ID)
		}
	}
	st, err := s.readerStateFor(r.Context(), []*storyline.Story{v.Story}, ids)
	if err != nil || st == nil {
		return err
	}
	v.Reader, v.NewSince = st, st.NewReports(v.Story)
	if r.Method == http.MethodGet {
		v.Opened = s.markOpened(r, storyline.KindStory, v.Story.ID)
	}
	return nil
}

// openArticle reads the signed-in reader's state of article page v (the
// article, its story, the articles listed) and, when the page is opened
// (GET), marks the article read. Failing to mark is logged: it never
// fails the page. A visitor's page is left alone.
func (s *Server) openArticle(r *http.Request, v *articlePageView) error {
	ids := []int64{v.Article.ID}
	for _, a := range v.Also {
		ids = append(ids, a.ID)
	}
	for _, e := range v.Coverage {
		ids = append(ids, e.ArticleID)
	}
	var stories []*storyline.Story
	if v.Story != nil {
		stories = append(stories, v.Story)
	}
	st, err := s.readerStateFor(r.Context(), stories, ids)
	if err != nil || st == nil {
		return err
	}
	v.Reader = st
	if r.Method == http.MethodGet {
		v.Opened = s.markOpened(r, storyline.KindArticle, v.Article.ID)
	}
	return nil
}

// markOpened marks item id of kind read for the signed-in reader, who
// opened its page, and reports whether it did; a failure is logged.
func (s *Server) markOpened(r *http.Request, kind storyline.ItemKind, id int64) bool {
	u := userFrom(r.Context())
	ids := []int64{id}
	var err error
	if kind == storyline.KindStory {
		err = s.store.MarkStoriesRead(r.Context(), u.ID, ids, true, s.now())
	} else {
		err = s.store.MarkArticlesRead(r.Context(), u.ID, ids, true, s.now())
	}
	if err != nil {
		s.log.Warn("mark an opened page read", "kind", kind, "id", id, "user", u.ID, "err", err)
		return false
	}
	return true
}

// Item is the story's state for the page's save and mark-read buttons:
// read once the page marked it so.
func (v *storyPageView) Item() itemState {
	it := v.Reader.StoryItem(v.Story)
	it.Read = it.Read || v.Opened
	return it
}

// readerOf is the reader's state, for the navigation's counts.
func (v *storyPageView) readerOf() *readerState { return v.Reader }

// Item is the article's state for the page's save and mark-read
// buttons: read once the page marked it so.
func (v *articlePageView) Item() itemState {
	it := v.Reader.ArticleItem(v.Article.ID)
	it.Read = it.Read || v.Opened
	return it
}

// readerOf is the reader's state, for the navigation's counts.
func (v *articlePageView) readerOf() *readerState { return v.Reader }
