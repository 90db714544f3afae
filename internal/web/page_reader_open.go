package web

import (
	"html/template"
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
	if r.Method == http.MethodGet && st.holes == nil { // a shared page is marked as it is filled
		v.Opened = s.markOpened(r, st, v.Story, 0)
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
	if r.Method == http.MethodGet && st.holes == nil { // a shared page is marked as it is filled
		v.Opened = s.markOpened(r, st, nil, v.Article.ID)
	}
	return nil
}

// markOpened marks reader st's opened page read — story x, or article
// id when x is nil — and reports whether it did; a failure is logged.
// With the page cache on, the mark is stored a moment later with others
// (see openMarks) and the reader's kept unread count follows it.
func (s *Server) markOpened(r *http.Request, st *readerState, x *storyline.Story, id int64) bool {
	uid := st.User.ID
	if s.marks != nil {
		if x != nil {
			if !st.StoryRead(x) && s.now().Sub(x.LastUpdated) < topWindow {
				s.readers.storyRead(uid)
			}
			s.marks.add(uid, storyline.KindStory, x.ID)
		} else {
			s.marks.add(uid, storyline.KindArticle, id)
		}
		return true
	}
	var err error
	if x != nil {
		id = x.ID
		err = s.store.MarkStoriesRead(r.Context(), uid, []int64{id}, true, s.now())
	} else {
		err = s.store.MarkArticlesRead(r.Context(), uid, []int64{id}, true, s.now())
	}
	if err != nil {
		s.log.Warn("mark an opened page read", "story", x != nil, "id", id, "user", uid, "err", err)
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

// PageActions are the story page's note of new reports and its save and
// mark-read buttons.
func (v *storyPageView) PageActions() template.HTML {
	switch {
	case v.Reader == nil:
		return ""
	case v.Reader.holes != nil:
		return v.Reader.holes.html(holeStoryPage, v.Story.ID, v.Story)
	}
	return storyPageActions(v.NewSince, v.Item())
}

// storyPageActions are a story page's note of newSince new reports and
// its buttons for item it.
func storyPageActions(newSince int, it itemState) template.HTML {
	note := ""
	if newSince > 0 {
		note = `<p class="meta"><strong class="new">` + plural(newSince, "new report") + `</strong> since you last read it.</p>`
	}
	return template.HTML(note + pageActions(it)) //nolint:gosec // a number and constants
}

// CommentsHole is, on a shared page, the hole its comments go in (the
// reader's rights on them are their own); elsewhere empty.
func (v *storyPageView) CommentsHole() template.HTML {
	return commentsHole(v.Reader, v.Comments)
}

// PageActions are the article page's save and mark-read buttons.
func (v *articlePageView) PageActions() template.HTML {
	switch {
	case v.Reader == nil:
		return ""
	case v.Reader.holes != nil:
		return v.Reader.holes.html(holeArticlePage, v.Article.ID, nil)
	}
	return template.HTML(pageActions(v.Item())) //nolint:gosec // constants and an ID
}

// CommentsHole is, on a shared page, the hole its comments go in.
func (v *articlePageView) CommentsHole() template.HTML {
	return commentsHole(v.Reader, v.Comments)
}

// commentsHole keeps comments b for the holes of st's shared page and
// returns the hole; "" when st is not a shared page's, or when there are
// no comments (the section is then the same for every reader).
func commentsHole(st *readerState, b commentBlock) template.HTML {
	if st == nil || st.holes == nil || len(b.Items) == 0 {
		return ""
	}
	st.holes.comments = &b
	return st.holes.html(holeComments, 0, nil)
}
