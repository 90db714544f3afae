package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/auth"
)

// maxAppPasswords is how many app passwords a user may have.
const maxAppPasswords = 20

// appPasswordsView is the Apps section of the settings page: the
// signed-in user's app passwords and the form values kept after an
// error.
type appPasswordsView struct {
	List    []*storyline.AppPassword
	Label   string
	Stories bool
}

// newAppPasswordView is the data of the page that shows a new app
// password, the only time it is shown, with what an app signs in with.
type newAppPasswordView struct {
	UserName       string
	Label          string
	Secret         string
	StoriesAsItems bool
	// Fever is the address Fever apps are given; GoogleReader the one
	// Google Reader API apps are (FreshRSS-style apps take it with
	// /api/greader.php).
	Fever        string
	GoogleReader string
}

// loadAppPasswords fills v.List with u's app passwords.
func (s *Server) loadAppPasswords(ctx context.Context, u *storyline.User, v *appPasswordsView) error {
	var err error
	if v.List, err = s.store.AppPasswords(ctx, u.ID); err != nil {
		return fmt.Errorf("settings page: %w", err)
	}
	return nil
}

// postAppPassword makes an app password for the signed-in user, labelled
// by them, and shows it once: only its hashes are stored.
func (s *Server) postAppPassword(w http.ResponseWriter, r *http.Request) {
	if !s.userForm(w, r) {
		return
	}
	u := userFrom(r.Context())
	v := settingsView{Section: "apps", Apps: appPasswordsView{Label: r.PostFormValue("label"), Stories: r.PostFormValue("stories") == "on"}}
	label, err := storyline.CleanAppPasswordLabel(v.Apps.Label)
	if err == nil {
		err = s.checkAppPasswordRoom(r.Context(), u)
	}
	secret, secretHash, feverHash := auth.NewAppPassword(u.Name)
	p := &storyline.AppPassword{UserID: u.ID, Label: label, SecretHash: secretHash, FeverHash: feverHash, StoriesAsItems: v.Apps.Stories}
	if err == nil {
		err = s.store.AddAppPassword(r.Context(), p)
	}
	if err != nil {
		s.settingsFormError(w, r, v, err)
		return
	}
	s.log.Info("app password created", "user", u.Name, "app_password", p.ID)
	s.render(w, r, http.StatusCreated, "apppassword", "New app password", newAppPasswordView{
		UserName: u.Name, Label: p.Label, Secret: secret, StoriesAsItems: p.StoriesAsItems, Fever: s.siteURL(r) + "/fever/", GoogleReader: s.siteURL(r),
	})
}

// checkAppPasswordRoom returns ETOOMANY when u has as many app passwords
// as allowed.
func (s *Server) checkAppPasswordRoom(ctx context.Context, u *storyline.User) error {
	list, err := s.store.AppPasswords(ctx, u.ID)
	if err != nil {
		return err
	}
	if len(list) >= maxAppPasswords {
		return storyline.Errorf(storyline.ETOOMANY, "you have %d app passwords, the most allowed: revoke one first", len(list))
	}
	return nil
}

// postAppPasswordDelete revokes one of the signed-in user's app
// passwords; another user's is not found.
func (s *Server) postAppPasswordDelete(w http.ResponseWriter, r *http.Request) {
	if !s.userForm(w, r) {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, storyline.Errorf(storyline.ENOTFOUND, "no app password %q", r.PathValue("id")))
		return
	}
	u := userFrom(r.Context())
	if err := s.store.DeleteAppPassword(r.Context(), u.ID, id); err != nil {
		if storyline.ErrorCode(err) == storyline.ENOTFOUND {
			err = storyline.Errorf(storyline.ENOTFOUND, "you have no app password %d", id)
		}
		s.fail(w, r, err)
		return
	}
	s.log.Info("app password revoked", "user", u.Name, "app_password", id)
	s.showSettings(w, r, http.StatusOK, settingsView{Notice: "App password revoked: the app using it can no longer sign in."})
}
