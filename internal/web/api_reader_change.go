package web

import (
	"context"
	"net/http"

	"github.com/storyline/storyline"
)

// apiReaderList answers a GET of the signed-in reader's follows or
// mutes with what list returns.
func (s *Server) apiReaderList(w http.ResponseWriter, r *http.Request, list func(context.Context, *storyline.User) (any, error)) {
	u := s.apiReader(w, r)
	if u == nil {
		return
	}
	out, err := list(r.Context(), u)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, out)
}

// apiReaderAdd reads the JSON body into in, then adds a follow or mute
// with add as the signed-in reader and answers 201 with what add
// returns. The reader's For you ranking is forgotten: it may change.
func (s *Server) apiReaderAdd(w http.ResponseWriter, r *http.Request, in any, add func(context.Context, *storyline.User) (any, error)) {
	u := s.apiReader(w, r)
	if u == nil {
		return
	}
	if err := decodeJSON(w, r, in); err != nil {
		s.writeError(w, r, err)
		return
	}
	out, err := add(r.Context(), u)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.forgetReader(u.ID)
	s.writeJSON(w, http.StatusCreated, out)
}

// apiReaderDelete removes the signed-in reader's follow or mute (what)
// of the path's id with del, and answers 204; one of another reader is
// not found. The reader's For you ranking is forgotten.
func (s *Server) apiReaderDelete(w http.ResponseWriter, r *http.Request, what string, del func(ctx context.Context, userID, id int64) error) {
	u := s.apiReader(w, r)
	if u == nil {
		return
	}
	id, err := idParam(r, "id", what)
	if err == nil {
		err = del(r.Context(), u.ID, id)
	}
	if storyline.ErrorCode(err) == storyline.ENOTFOUND {
		err = storyline.Errorf(storyline.ENOTFOUND, "you have no %s %d", what, id)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.forgetReader(u.ID)
	w.WriteHeader(http.StatusNoContent)
}

// roomFor returns ETOOMANY when reader userID already has most follows
// or mutes (verb "follow" or "mute"), as list lists them.
func roomFor[T any](ctx context.Context, userID int64, list func(context.Context, int64) ([]T, error), most int, verb string) error {
	have, err := list(ctx, userID)
	if err != nil {
		return err
	}
	if len(have) >= most {
		return storyline.Errorf(storyline.ETOOMANY, "you %s %d things, the most allowed: un%s one first", verb, len(have), verb)
	}
	return nil
}
