package web

import (
	"net/http"

	"github.com/storyline/storyline"
)

// postUserTokensRevoke revokes every API token of an account (an
// administrator's form): an ex-member's programs stop at once.
func (s *Server) postUserTokensRevoke(w http.ResponseWriter, r *http.Request) {
	s.changeUser(w, r, func(me *storyline.User, id int64) (string, error) {
		if _, err := s.store.User(r.Context(), id); err != nil {
			return "", err
		}
		n, err := s.store.DeleteTokens(r.Context(), id)
		if err != nil {
			return "", err
		}
		s.log.Info("API tokens revoked", "user", id, "tokens", n, "by", me.Name)
		return "tokens-revoked", nil
	})
}
