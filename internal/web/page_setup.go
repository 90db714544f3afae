package web

import (
	"net/http"
	"strings"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/auth"
)

// setupView is the data of the first-run page.
type setupView struct {
	Name   string
	Public bool
	Error  string
}

// pageSetup shows the first-run form that creates the administrator; once
// there is one, it sends people to sign in.
func (s *Server) pageSetup(w http.ResponseWriter, r *http.Request) {
	done, err := s.hasUsers(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if done {
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "setup", "Set up", setupView{Public: true})
}

// postSetup creates the administrator (only while there are no users),
// saves the reading setting and signs the administrator in.
func (s *Server) postSetup(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	v := setupView{Name: strings.TrimSpace(r.PostFormValue("name")), Public: r.PostFormValue("public") == "on"}
	u, err := s.newUser(v.Name, r.PostFormValue("password"), r.PostFormValue("confirm"), storyline.RoleAdmin)
	if err == nil {
		err = s.store.AddFirstUser(r.Context(), u)
	}
	if storyline.ErrorCode(err) == storyline.ECONFLICT {
		if n, cerr := s.store.CountUsers(r.Context()); cerr == nil && n > 0 {
			s.fail(w, r, storyline.Errorf(storyline.EFORBIDDEN, "Storyline is already set up: sign in instead"))
			return
		}
	}
	if err != nil {
		s.formError(w, r, "setup", "Set up", err, func(msg string) any { v.Error = msg; return v })
		return
	}
	s.settings.hasUsers.Store(true)
	set := defaultSettings()
	set.PublicReading = v.Public
	if err := s.saveSettings(r.Context(), set); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.signIn(w, r, u); err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("administrator created", "user", u.Name)
	http.Redirect(w, r, "/feeds", http.StatusSeeOther)
}

// newUser checks a new account's name and password (typed twice) and
// returns the user with the password hashed.
func (s *Server) newUser(name, password, confirm string, role storyline.Role) (*storyline.User, error) {
	if err := checkUserName(name); err != nil {
		return nil, err
	}
	if password != confirm {
		return nil, storyline.Errorf(storyline.EINVALID, "the two passwords differ")
	}
	hash, err := auth.HashPassword(password, s.cfg.PasswordParams)
	if err != nil {
		return nil, err
	}
	return &storyline.User{Name: name, PasswordHash: hash, Role: role}, nil
}

// checkUserName accepts names of 1 to 40 letters, digits and . _ -.
func checkUserName(name string) error {
	if name == "" || len(name) > 40 {
		return storyline.Errorf(storyline.EINVALID, "user name %q: 1 to 40 characters, please", name)
	}
	for _, c := range name {
		if !(c == '.' || c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return storyline.Errorf(storyline.EINVALID, "user name %q: only letters, digits, '.', '_' and '-', please", name)
		}
	}
	return nil
}

// formError shows a form page again with err's message, or fails the
// request when err is not the user's mistake.
func (s *Server) formError(w http.ResponseWriter, r *http.Request, name, title string, err error, with func(msg string) any) {
	switch code := storyline.ErrorCode(err); code {
	case storyline.EINVALID, storyline.ECONFLICT, storyline.EUNAUTHORIZED, storyline.ETOOMANY, storyline.EFORBIDDEN:
		setRetryAfter(w, err)
		s.render(w, r, statusOf(code), name, title, with(storyline.ErrorMessage(err)))
	default:
		s.fail(w, r, err)
	}
}
