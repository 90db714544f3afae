package web

import (
	"context"
	"net/http"

	"github.com/storyline/storyline"
)

// apiItemRead answers PUT (read true) and DELETE (read false) of
// /api/v1/articles/{id}/read or /api/v1/stories/{id}/read (by kind): it
// marks the item read or unread for the signed-in reader and answers
// 204. A story is read as it is now: reports that arrive later make it
// new again. An unknown item is 404.
func (s *Server) apiItemRead(kind storyline.ItemKind, read bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.apiItemChange(w, r, kind, func(ctx context.Context, u *storyline.User, id int64) error {
			mark := s.store.MarkArticlesRead
			if kind == storyline.KindStory {
				mark = s.store.MarkStoriesRead
			}
			return mark(ctx, u.ID, []int64{id}, read, s.now())
		})
	}
}

// apiItemChange reads the item id of kind from the path, checks that it
// exists, applies change as the signed-in reader and answers 204.
func (s *Server) apiItemChange(w http.ResponseWriter, r *http.Request, kind storyline.ItemKind, change func(context.Context, *storyline.User, int64) error) {
	u := s.apiReader(w, r)
	if u == nil {
		return
	}
	id, err := idParam(r, "id", string(kind))
	if err == nil {
		err = s.itemExists(r.Context(), kind, id)
	}
	if err == nil {
		err = change(r.Context(), u, id)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// itemExists returns nil when item id of kind exists (a story merged
// away does, as the story it went into), else ENOTFOUND.
func (s *Server) itemExists(ctx context.Context, kind storyline.ItemKind, id int64) error {
	var err error
	switch kind {
	case storyline.KindArticle:
		_, err = s.store.Article(ctx, id)
	case storyline.KindStory:
		_, err = s.store.Story(ctx, id)
	default:
		err = storyline.Errorf(storyline.EINVALID, "kind %.40q: want article or story", kind)
	}
	return err
}
