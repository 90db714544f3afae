package web

import (
	"context"
	"net/http"

	"github.com/storyline/storyline"
)

// postStoryRead marks a story read or unread (action=read|unread) for
// the signed-in reader and goes back to the page the form was on.
func (s *Server) postStoryRead(w http.ResponseWriter, r *http.Request) {
	s.postItemRead(w, r, storyline.KindStory)
}

// postArticleRead marks an article read or unread (action=read|unread)
// for the signed-in reader and goes back to the page the form was on.
func (s *Server) postArticleRead(w http.ResponseWriter, r *http.Request) {
	s.postItemRead(w, r, storyline.KindArticle)
}

// postItemRead marks the item of kind whose ID the path holds read or
// unread.
func (s *Server) postItemRead(w http.ResponseWriter, r *http.Request, kind storyline.ItemKind) {
	s.readerItemForm(w, r, kind, "read", "unread", func(ctx context.Context, u *storyline.User, id int64, read bool) error {
		mark := s.store.MarkArticlesRead
		if kind == storyline.KindStory {
			mark = s.store.MarkStoriesRead
		}
		return mark(ctx, u.ID, []int64{id}, read, s.now())
	})
}

// postSaved saves (action=save) or unsaves (action=unsave) the article
// or story of the path for the signed-in reader and goes back to the
// page the form was on.
func (s *Server) postSaved(w http.ResponseWriter, r *http.Request) {
	kind, err := itemKindParam(r.PathValue("kind"), false)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.readerItemForm(w, r, kind, "save", "unsave", func(ctx context.Context, u *storyline.User, id int64, save bool) error {
		if save {
			return s.store.Save(ctx, u.ID, kind, id, s.now())
		}
		return s.store.Unsave(ctx, u.ID, kind, id)
	})
}

// readerItemForm reads a reader's form about item id of kind (the path's
// {id}), whose field action is on or off (absent: on), applies change
// and goes back.
func (s *Server) readerItemForm(w http.ResponseWriter, r *http.Request, kind storyline.ItemKind, on, off string,
	change func(ctx context.Context, u *storyline.User, id int64, on bool) error) {
	if !s.userForm(w, r) {
		return
	}
	id, err := idParam(r, "id", string(kind))
	var yes bool
	if err == nil {
		yes, err = actionField(r, on, off)
	}
	if err == nil {
		err = s.itemExists(r.Context(), kind, id)
	}
	if err == nil {
		err = change(r.Context(), userFrom(r.Context()), id, yes)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.readerDone(w, r, backTo(r))
}

// actionField reads the form's field action: true for on (or no action),
// false for off.
func actionField(r *http.Request, on, off string) (bool, error) {
	switch a := r.PostFormValue("action"); a {
	case on, "":
		return true, nil
	case off:
		return false, nil
	default:
		return false, storyline.Errorf(storyline.EINVALID, "field action=%.20q: want %s or %s", a, on, off)
	}
}

// postMarkViewRead marks every story of a view read for the signed-in
// reader, as they see it (view=top|latest|foryou, with Top's and
// Latest's filters category and outlet), and goes back to the view
// (unread only when unread=1).
func (s *Server) postMarkViewRead(w http.ResponseWriter, r *http.Request) {
	if !s.userForm(w, r) {
		return
	}
	t := viewTools{View: storyView(r.PostFormValue("view")), UnreadOnly: r.PostFormValue("unread") == "1"}
	var err error
	switch t.View {
	case viewTop, viewLatest:
		if t.Category, err = textParam(r.PostForm, "category"); err == nil {
			t.Outlet, err = textParam(r.PostForm, "outlet")
		}
	case viewForYou:
	default:
		err = storyline.Errorf(storyline.EINVALID, "field view=%.20q: want top, latest or foryou", t.View)
	}
	var st *readerState
	if err == nil {
		st, err = s.readerBase(r.Context())
	}
	if err == nil {
		_, err = s.markViewRead(r.Context(), st, t.View, storyline.StoryFilter{Category: t.Category, Source: t.Outlet})
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.readerDone(w, r, t.URL(t.UnreadOnly))
}

// readerDone answers a reader's form that succeeded: 204 to the page's
// script (X-Requested-With: fetch), which updates the page itself, else
// a redirect (303) to the page to.
func (s *Server) readerDone(w http.ResponseWriter, r *http.Request, to string) {
	if r.Header.Get("X-Requested-With") == "fetch" {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}
