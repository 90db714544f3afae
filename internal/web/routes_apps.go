package web

import (
	"strings"

	"github.com/storyline/storyline/internal/fever"
)

// appRoutes are the APIs of feed-reading apps, which authenticate with
// app passwords on their own: the Fever API at /fever/.
func (s *Server) appRoutes() {
	s.mux.Handle("/fever/", fever.New(fever.Config{
		Store: s.store, Throttle: &s.loginAddrs, ClientAddr: s.clientAddr, Log: s.log, Now: s.now,
		Changed: s.readers.forgetItems,
	}))
}

// appPath reports whether path is one of the apps' APIs, which are open
// whatever the site's settings (they sign in with app passwords) and
// never cached.
func appPath(path string) bool {
	return strings.HasPrefix(path, "/fever/")
}
