package web

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/auth"
)

// Limits on API tokens.
const (
	maxTokens        = 20 // per user
	maxTokenNameSize = 60 // characters
)

// tokenView is the data of the page that shows a new token's secret, the
// only time it is shown.
type tokenView struct {
	Name   string
	Secret string
}

// postToken creates an API token for the signed-in user, named by them,
// and shows its secret once: only its hash is stored.
func (s *Server) postToken(w http.ResponseWriter, r *http.Request) {
	if !s.userForm(w, r) {
		return
	}
	u := userFrom(r.Context())
	v := settingsView{Section: "tokens", TokenName: strings.TrimSpace(r.PostFormValue("name"))}
	secret, hash := auth.NewToken()
	t := &storyline.APIToken{UserID: u.ID, Name: v.TokenName, TokenHash: hash}
	err := s.checkNewToken(r, t)
	if err == nil {
		err = s.store.AddToken(r.Context(), t)
	}
	if err != nil {
		s.settingsFormError(w, r, v, err)
		return
	}
	s.log.Info("API token created", "user", u.Name, "token", t.ID)
	s.render(w, r, http.StatusCreated, "token", "New API token", tokenView{Name: t.Name, Secret: secret})
}

// checkNewToken checks a new token's name and that its user has room for
// another.
func (s *Server) checkNewToken(r *http.Request, t *storyline.APIToken) error {
	if t.Name == "" || utf8.RuneCountInString(t.Name) > maxTokenNameSize || !utf8.ValidString(t.Name) {
		return storyline.Errorf(storyline.EINVALID, "token name: 1 to %d characters, please, such as \"phone\"", maxTokenNameSize)
	}
	list, err := s.store.Tokens(r.Context(), t.UserID)
	if err != nil {
		return err
	}
	if len(list) >= maxTokens {
		return storyline.Errorf(storyline.ETOOMANY, "you have %d API tokens, the most allowed: revoke one first", len(list))
	}
	return nil
}

// postTokenDelete revokes one of the signed-in user's API tokens; another
// user's token is not found.
func (s *Server) postTokenDelete(w http.ResponseWriter, r *http.Request) {
	if !s.signedInOnly(w, r) {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, storyline.Errorf(storyline.ENOTFOUND, "no API token %q", r.PathValue("id")))
		return
	}
	u := userFrom(r.Context())
	if err := s.store.DeleteToken(r.Context(), u.ID, id); err != nil {
		if storyline.ErrorCode(err) == storyline.ENOTFOUND {
			err = storyline.Errorf(storyline.ENOTFOUND, "you have no API token %d", id)
		}
		s.fail(w, r, err)
		return
	}
	s.log.Info("API token revoked", "user", u.Name, "token", id)
	http.Redirect(w, r, "/settings?done=token-deleted", http.StatusSeeOther)
}
