package web

import (
	"net/http"
	"strings"

	"github.com/storyline/storyline/internal/fever"
	"github.com/storyline/storyline/internal/readerapi"
)

// greaderPrefix is where FreshRSS serves the Google Reader API, and so
// where some apps look for it; Storyline serves it there and at the
// site's root, as Miniflux does.
const greaderPrefix = "/api/greader.php"

// appRoutes are the APIs of feed-reading apps, which authenticate with
// app passwords on their own: the Fever API at /fever/, and the Google
// Reader API at the root (/accounts/ClientLogin, /reader/…) and under
// /api/greader.php.
func (s *Server) appRoutes() {
	s.mux.Handle("/fever/", fever.New(fever.Config{
		Store: s.store, Throttle: &s.loginAddrs, ClientAddr: s.clientAddr, Log: s.log, Now: s.now,
		SiteURL: s.siteURL, Changed: s.readers.forgetItems,
	}))
	cfg := readerapi.Config{
		Store: s.store, Throttle: &s.logins, ClientAddr: s.clientAddr, Log: s.log, Now: s.now,
		SiteURL: s.siteURL, Changed: s.readers.forgetItems, SiteChanged: s.siteChanged,
	}
	if s.cfg.Ingester != nil {
		cfg.Subscribe = s.cfg.Ingester.Subscribe
	}
	gr := readerapi.New(cfg)
	s.mux.Handle("/accounts/ClientLogin", gr)
	s.mux.Handle("/reader/", gr)
	s.mux.Handle(greaderPrefix+"/", http.StripPrefix(greaderPrefix, gr))
}

// appPath reports whether path is one of the apps' APIs, which are open
// whatever the site's settings (they sign in with app passwords), never
// cached, and signed in to by themselves.
func appPath(path string) bool {
	return strings.HasPrefix(path, "/fever/") || path == "/accounts/ClientLogin" ||
		strings.HasPrefix(path, "/reader/") || strings.HasPrefix(path, greaderPrefix+"/")
}
