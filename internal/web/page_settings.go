package web

import (
	"context"
	"fmt"
	"net/http"

	"github.com/storyline/storyline"
)

// settingsView is the data of the settings page. Everyone signed in sees
// their password and API tokens; administrators also see the site's
// settings and the accounts.
type settingsView struct {
	Site Settings
	// Retention is how long articles are kept, for administrators.
	Retention retentionView
	Users     []*storyline.User
	Tokens    []*storyline.APIToken
	// UserTokens are the API tokens of each account, by user ID, for
	// administrators.
	UserTokens map[int64][]*storyline.APIToken
	// Apps are the user's app passwords (see settings_app_passwords.go).
	Apps appPasswordsView
	// NewUser, NewRole and TokenName are form values kept after an error.
	NewUser   string
	NewRole   string
	TokenName string
	Notice    string
	Error     string
	// Section is the form Error is about: "site", "retention", "users",
	// "password", "tokens" or "apps".
	Section string
}

// pageSettings shows the settings of the signed-in user (password, API
// tokens) and, to administrators, the site's settings and accounts.
func (s *Server) pageSettings(w http.ResponseWriter, r *http.Request) {
	if !s.signedInOnly(w, r) {
		return
	}
	s.showSettings(w, r, http.StatusOK, settingsView{Notice: settingsNotice(r)})
}

// postSettings saves the site's settings: its name and whether visitors
// may read without signing in. Administrators only.
func (s *Server) postSettings(w http.ResponseWriter, r *http.Request) {
	if !s.adminForm(w, r) {
		return
	}
	set := Settings{SiteName: r.PostFormValue("site_name"), PublicReading: r.PostFormValue("public") == "on"}
	if err := s.saveSettings(r.Context(), set); err != nil {
		s.settingsFormError(w, r, settingsView{Section: "site"}, err)
		return
	}
	s.log.Info("settings changed", "site_name", set.SiteName, "public_reading", set.PublicReading, "by", userFrom(r.Context()).Name)
	http.Redirect(w, r, "/settings?done=site", http.StatusSeeOther)
}

// showSettings renders the settings page with v.
func (s *Server) showSettings(w http.ResponseWriter, r *http.Request, status int, v settingsView) {
	if err := s.loadSettings(r.Context(), &v); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "settings", "Settings", v)
}

// settingsFormError shows the settings page again with err's message by
// the form of v.Section, or fails the request when err is not the user's
// mistake.
func (s *Server) settingsFormError(w http.ResponseWriter, r *http.Request, v settingsView, err error) {
	if lerr := s.loadSettings(r.Context(), &v); lerr != nil {
		s.fail(w, r, lerr)
		return
	}
	s.formError(w, r, "settings", "Settings", err, func(msg string) any { v.Error = msg; return v })
}

// loadSettings fills v with the user's tokens and, for administrators,
// the site's settings and the accounts.
func (s *Server) loadSettings(ctx context.Context, v *settingsView) error {
	u := userFrom(ctx)
	var err error
	if v.Tokens, err = s.store.Tokens(ctx, u.ID); err != nil {
		return fmt.Errorf("settings page: %w", err)
	}
	if err := s.loadAppPasswords(ctx, u, &v.Apps); err != nil {
		return err
	}
	if !u.IsAdmin() {
		return nil
	}
	if v.Site, err = s.currentSettings(ctx); err != nil {
		return fmt.Errorf("settings page: %w", err)
	}
	if v.Retention, err = s.loadRetention(ctx); err != nil {
		return err
	}
	if v.Users, err = s.store.Users(ctx); err != nil {
		return fmt.Errorf("settings page: %w", err)
	}
	v.UserTokens = map[int64][]*storyline.APIToken{u.ID: v.Tokens} // read above
	for _, x := range v.Users {
		if _, done := v.UserTokens[x.ID]; done {
			continue
		}
		if v.UserTokens[x.ID], err = s.store.Tokens(ctx, x.ID); err != nil {
			return fmt.Errorf("settings page: %w", err)
		}
	}
	return nil
}

// settingsNotice is what the settings page says after a form succeeded,
// from its ?done= code: fixed texts, so a link cannot put words on the
// page.
func settingsNotice(r *http.Request) string {
	switch r.URL.Query().Get("done") {
	case "site":
		return "Site settings saved."
	case "retention":
		return "Retention saved: it applies from the next hourly run."
	case "user":
		return "Account created: tell them their name and password."
	case "role":
		return "Role changed."
	case "disabled":
		return "Account disabled: its sessions have ended and its API tokens are refused."
	case "deleted":
		return "Account deleted: its comments stay, shown as a deleted account's."
	case "enabled":
		return "Account enabled: it can sign in again."
	case "password":
		return "Password changed. Your other sessions have been signed out and your API tokens and app passwords revoked."
	case "tokens-revoked":
		return "The account's API tokens are revoked: programs using them can no longer sign in."
	case "token-deleted":
		return "API token revoked: programs using it can no longer sign in."
	}
	return ""
}

// signedInOnly lets signed-in users through. Otherwise it asks the
// visitor to sign in and returns false.
func (s *Server) signedInOnly(w http.ResponseWriter, r *http.Request) bool {
	if userFrom(r.Context()) == nil {
		s.requireSignIn(w, r)
		return false
	}
	return true
}

// userForm is signedInOnly for posting an ordinary form: it parses the
// form too.
func (s *Server) userForm(w http.ResponseWriter, r *http.Request) bool {
	return s.signedInOnly(w, r) && s.parsedForm(w, r)
}
