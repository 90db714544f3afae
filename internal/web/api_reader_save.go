package web

import (
	"context"
	"net/http"

	"github.com/storyline/storyline"
)

// apiSave answers PUT (save true) and DELETE (save false) of
// /api/v1/saved/{kind}/{id}: it saves (stars) the article or story for
// the signed-in reader, or removes it from their saved items, and
// answers 204. Saving twice keeps the first time; an unknown kind is
// 400, an unknown item 404.
func (s *Server) apiSave(save bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		kind, err := itemKindParam(r.PathValue("kind"), false)
		if err != nil {
			if s.apiReader(w, r) != nil {
				s.writeError(w, r, err)
			}
			return
		}
		s.apiItemChange(w, r, kind, func(ctx context.Context, u *storyline.User, id int64) error {
			if save {
				return s.store.Save(ctx, u.ID, kind, id, s.now())
			}
			return s.store.Unsave(ctx, u.ID, kind, id)
		})
	}
}

// itemKindParam reads an item kind: article or story, or with list also
// "" (both).
func itemKindParam(raw string, list bool) (storyline.ItemKind, error) {
	kind := storyline.ItemKind(raw)
	if kind.Valid() || list && kind == "" {
		return kind, nil
	}
	return "", storyline.Errorf(storyline.EINVALID, "kind %.40q: want article or story", raw)
}
