package web

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/auth"
)

// loginView is the data of the sign-in page.
type loginView struct {
	Name  string
	Next  string
	Error string
}

// pageLogin shows the sign-in form.
func (s *Server) pageLogin(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "login", "Sign in", loginView{Next: localPath(r.URL.Query().Get("next"))})
}

// postLogin checks a name and password and starts a session. Failed
// attempts are throttled per name and client address, and per client
// address, and every failure reads the same, so names cannot be probed.
func (s *Server) postLogin(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	v := loginView{Name: strings.TrimSpace(r.PostFormValue("name")), Next: localPath(r.PostFormValue("next"))}
	u, err := s.checkLogin(r, v.Name, r.PostFormValue("password"))
	if err == nil {
		err = s.signIn(w, r, u)
	}
	if err != nil {
		s.formError(w, r, "login", "Sign in", err, func(msg string) any { v.Error = msg; return v })
		return
	}
	http.Redirect(w, r, v.Next, http.StatusSeeOther)
}

// The per-address sign-in throttle: more room than per name and
// address, since one address may be many people (a NAT, an office), but
// a bound on guessing many names from one place.
const (
	addrLoginBurst = 20
	addrLoginEvery = 15 * time.Second
)

// checkLogin returns the user whose name and password these are.
// Failures count against the name from this address and against the
// address: guesses at a name from elsewhere never lock its owner out.
func (s *Server) checkLogin(r *http.Request, name, password string) (*storyline.User, error) {
	now, addr := s.now(), s.clientAddr(r)
	// The name is hashed so that a long one costs the throttle no memory.
	nameKey, addrKey := "name:"+auth.HashToken(strings.ToLower(name))+"@"+addr, "addr:"+addr
	for _, c := range []struct {
		t   *auth.Throttle
		key string
	}{{&s.logins, nameKey}, {&s.loginAddrs, addrKey}} {
		if ok, wait := c.t.Allow(c.key, now); !ok {
			return nil, tryLater("too many failed sign-ins", wait)
		}
	}
	u, err := s.store.UserByName(r.Context(), name)
	if err != nil && storyline.ErrorCode(err) != storyline.ENOTFOUND {
		return nil, err
	}
	hash := s.dummyHash // an unknown name costs the same time as a known one
	if u != nil {
		hash = u.PasswordHash
	}
	ok, err := auth.VerifyPassword(hash, password)
	if err != nil {
		return nil, fmt.Errorf("sign in %.40q: %w", name, err)
	}
	ok = ok && u != nil
	if !ok {
		s.logins.Fail(nameKey, now)
		s.loginAddrs.Fail(addrKey, now)
		return nil, storyline.Errorf(storyline.EUNAUTHORIZED, "wrong name or password")
	}
	s.logins.Succeed(nameKey)
	if u.Disabled {
		return nil, storyline.Errorf(storyline.EFORBIDDEN, "this account is disabled: ask an administrator")
	}
	return u, nil
}

// postLogout ends the session.
func (s *Server) postLogout(w http.ResponseWriter, r *http.Request) {
	if err := s.signOut(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}
