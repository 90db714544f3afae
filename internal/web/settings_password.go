package web

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/auth"
)

// postPassword changes the signed-in user's password: the current one,
// then the new one twice. Every session of the user ends and every API
// token is revoked, so a browser or program signed in elsewhere (perhaps
// by someone else) is signed out; this browser is signed in again. Wrong current passwords count against the same
// limit as failed sign-ins.
func (s *Server) postPassword(w http.ResponseWriter, r *http.Request) {
	if !s.userForm(w, r) {
		return
	}
	u := userFrom(r.Context())
	err := s.checkCurrentPassword(u, r.PostFormValue("current"))
	if err == nil && r.PostFormValue("password") != r.PostFormValue("confirm") {
		err = storyline.Errorf(storyline.EINVALID, "new password: the two passwords differ")
	}
	var hash string
	if err == nil {
		hash, err = auth.HashPassword(r.PostFormValue("password"), s.cfg.PasswordParams)
	}
	if err == nil {
		err = s.store.SetPassword(r.Context(), u.ID, hash)
	}
	if err != nil {
		s.settingsFormError(w, r, settingsView{Section: "password"}, err)
		return
	}
	u.PasswordHash = hash
	if err := s.signIn(w, r, u); err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("password changed", "user", u.Name)
	http.Redirect(w, r, "/settings?done=password", http.StatusSeeOther)
}

// checkCurrentPassword returns an error unless password is u's, counting
// failures against u's sign-in throttle.
func (s *Server) checkCurrentPassword(u *storyline.User, password string) error {
	now, key := s.now(), "name:"+strings.ToLower(u.Name)
	if ok, wait := s.logins.Allow(key, now); !ok {
		return tryLater("too many wrong passwords", wait)
	}
	ok, err := auth.VerifyPassword(u.PasswordHash, password)
	if err != nil {
		return fmt.Errorf("check password of %q: %w", u.Name, err)
	}
	if !ok {
		s.logins.Fail(key, now)
		return storyline.Errorf(storyline.EINVALID, "current password: that is not your password")
	}
	return nil
}
