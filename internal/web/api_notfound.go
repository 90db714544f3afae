package web

import (
	"net/http"

	"github.com/storyline/storyline"
)

// apiNotFound answers unknown API paths in the API's error shape.
func (s *Server) apiNotFound(w http.ResponseWriter, r *http.Request) {
	s.writeError(w, r, storyline.Errorf(storyline.ENOTFOUND, "no API route %s %s", r.Method, r.URL.Path))
}
