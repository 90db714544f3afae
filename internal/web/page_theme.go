package web

import (
	"net/http"
	"time"
)

// themeCookie remembers the reader's choice of light or dark.
const themeCookie = "theme"

// themeOf returns the theme the request's cookie chose: "light", "dark",
// or "" to follow the system's setting.
func themeOf(r *http.Request) string {
	c, err := r.Cookie(themeCookie)
	if err != nil {
		return ""
	}
	switch c.Value {
	case "light", "dark":
		return c.Value
	}
	return ""
}

// postTheme sets the theme (theme=light|dark|auto) and goes back to the
// page the switch was on. It works without JavaScript; the script only
// saves the reload.
func (s *Server) postTheme(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	c := &http.Cookie{Name: themeCookie, Path: "/", HttpOnly: false, Secure: s.isTLS(r), SameSite: http.SameSiteLaxMode}
	switch v := r.PostFormValue("theme"); v {
	case "light", "dark":
		c.Value, c.MaxAge = v, int(365*24*time.Hour/time.Second)
	default:
		c.MaxAge = -1
	}
	http.SetCookie(w, c)
	if r.Header.Get("X-Requested-With") == "fetch" {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	http.Redirect(w, r, backTo(r), http.StatusSeeOther)
}
