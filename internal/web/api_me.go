package web

import (
	"net/http"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/api"
)

// apiMe answers GET /api/v1/me with the signed-in user (never the password
// hash), or 401 for visitors.
func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	if u == nil {
		s.writeError(w, r, storyline.Errorf(storyline.EUNAUTHORIZED, "not signed in (API: send Authorization: Bearer <token>)"))
		return
	}
	s.writeJSON(w, http.StatusOK, api.NewUser(u))
}
