package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/storyline/storyline"
)

// postUser creates an account: a member or an administrator, with a
// password typed twice. Administrators only.
func (s *Server) postUser(w http.ResponseWriter, r *http.Request) {
	if !s.adminForm(w, r) {
		return
	}
	v := settingsView{Section: "users", NewUser: strings.TrimSpace(r.PostFormValue("name")), NewRole: r.PostFormValue("role")}
	role, err := formRole(v.NewRole)
	var u *storyline.User
	if err == nil {
		u, err = s.newUser(v.NewUser, r.PostFormValue("password"), r.PostFormValue("confirm"), role)
	}
	if err == nil {
		err = s.store.AddUser(r.Context(), u)
	}
	if err != nil {
		s.settingsFormError(w, r, v, err)
		return
	}
	s.log.Info("user added", "user", u.Name, "role", u.Role, "by", userFrom(r.Context()).Name)
	http.Redirect(w, r, "/settings?done=user", http.StatusSeeOther)
}

// postUserRole makes an account a member or an administrator.
// Administrators only, and not their own: a site keeps an administrator.
func (s *Server) postUserRole(w http.ResponseWriter, r *http.Request) {
	s.changeUser(w, r, func(me *storyline.User, id int64) (string, error) {
		role, err := formRole(r.PostFormValue("role"))
		if err == nil && id == me.ID {
			err = storyline.Errorf(storyline.EINVALID, "you cannot change your own role: ask another administrator")
		}
		if err == nil {
			err = s.store.SetRole(r.Context(), id, role)
		}
		if err == nil {
			s.log.Info("role changed", "user", id, "role", role, "by", me.Name)
		}
		return "role", err
	})
}

// changeUser runs an administrator's change to the account the path's
// {id} names, then shows the settings page with the notice change names
// (?done=…), or with its error; an unknown account is a 404.
func (s *Server) changeUser(w http.ResponseWriter, r *http.Request, change func(me *storyline.User, id int64) (done string, err error)) {
	if !s.adminForm(w, r) {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, storyline.Errorf(storyline.ENOTFOUND, "no user %q", r.PathValue("id")))
		return
	}
	done, err := change(userFrom(r.Context()), id)
	switch {
	case storyline.ErrorCode(err) == storyline.ENOTFOUND:
		s.fail(w, r, err)
	case err != nil:
		s.settingsFormError(w, r, settingsView{Section: "users"}, err)
	default:
		http.Redirect(w, r, "/settings?done="+done, http.StatusSeeOther)
	}
}

// formRole reads a role from a form value.
func formRole(v string) (storyline.Role, error) {
	role := storyline.Role(strings.TrimSpace(v))
	if !role.Valid() {
		return "", storyline.Errorf(storyline.EINVALID, "role %q: choose %s or %s", v, storyline.RoleMember, storyline.RoleAdmin)
	}
	return role, nil
}

// CheckUserName returns an EINVALID error unless name is a valid account
// name (1 to 40 letters, digits and . _ -): the one rule for the web app
// and the command line.
func CheckUserName(name string) error { return checkUserName(name) }
