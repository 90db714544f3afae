package web

import (
	"context"
	"net/http"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/api"
)

// hideBody is the JSON body of POST /api/v1/comments/{id}/hide.
type hideBody struct {
	Hidden *bool `json:"hidden"`
}

// apiEditComment answers PATCH /api/v1/comments/{id} {"body": "…"}: the
// author edits a comment.
func (s *Server) apiEditComment(w http.ResponseWriter, r *http.Request) {
	var in commentBody
	s.apiChangeComment(w, r, &in, func(ctx context.Context, id int64) (*storyline.Comment, error) {
		return s.editComment(ctx, id, in.Body)
	})
}

// apiDeleteComment answers DELETE /api/v1/comments/{id}: the author, or an
// administrator, deletes a comment. It answers 204.
func (s *Server) apiDeleteComment(w http.ResponseWriter, r *http.Request) {
	s.apiChangeComment(w, r, nil, s.deleteComment)
}

// apiHideComment answers POST /api/v1/comments/{id}/hide {"hidden": true}:
// an administrator hides (or, with false, shows) a comment.
func (s *Server) apiHideComment(w http.ResponseWriter, r *http.Request) {
	var in hideBody
	s.apiChangeComment(w, r, &in, func(ctx context.Context, id int64) (*storyline.Comment, error) {
		if in.Hidden == nil {
			return nil, storyline.Errorf(storyline.EINVALID, "request body: field \"hidden\": want true or false")
		}
		return s.hideComment(ctx, id, *in.Hidden)
	})
}

// apiChangeComment reads the comment id and, when body is not nil, the
// JSON body into it, then applies change as the signed-in user and answers
// with the comment (or 204 for a deletion, which has no body).
func (s *Server) apiChangeComment(w http.ResponseWriter, r *http.Request, body any, change func(context.Context, int64) (*storyline.Comment, error)) {
	if userFrom(r.Context()) == nil {
		s.writeError(w, r, storyline.Errorf(storyline.EUNAUTHORIZED, "sign in first (API: send Authorization: Bearer <token>)"))
		return
	}
	id, err := idParam(r, "id", "comment")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if body != nil {
		if err := decodeJSON(w, r, body); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	c, err := change(r.Context(), id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if body == nil {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	s.writeJSON(w, http.StatusOK, api.NewComment(c))
}
