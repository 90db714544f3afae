package web

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/storyline/storyline"
)

// contentSecurityPolicy allows scripts, styles and fonts from the site
// only (no inline scripts), images from the site only (articles' lead
// images are fetched, scaled and served by Storyline, so that readers'
// browsers never ask the outlets' hosts for them), and no framing.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// middleware wraps h in what every request goes through, outermost first:
// panic recovery, logging and metrics; compression; security headers;
// cross-origin protection of state-changing requests; the signed-in user
// (a feed token's for feed requests); the first-run and private-reading
// gates; and the visitors' page cache.
//
// Compression sits outside the page cache, so that the cache keeps each
// page once, as rendered, whatever the first visitor accepted; serving a
// cached page, the cache finds the coding the compressor negotiated and
// sends the page compressed in it (compressed once, then kept), which the
// compressor passes through as already encoded. It sits inside observe so
// that logs and metrics see every response, and outside everything else
// so that redirects, errors and handlers' pages are compressed too.
func (s *Server) middleware(h http.Handler) http.Handler {
	if s.cache != nil {
		h = s.cache.middleware(h)
	}
	h = s.forgetOnChange(h)
	h = s.gate(h)
	h = s.feedToken(h)
	h = s.authenticate(h)
	h = s.crossOrigin(h)
	h = securityHeaders(h)
	h = s.compress(h)
	return s.observe(h)
}

// forgetOnChange empties the page cache and the kept rankings after any
// successful request by a signed-in user that may have changed something
// (not GET or HEAD, not signing out, switching the theme, asking a
// story a question or changing the reader's own state — see readerPath). Visitors change nothing that pages show, so they
// cannot empty the caches.
func (s *Server) forgetOnChange(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := userFrom(r.Context())
		if r.Method == http.MethodGet || r.Method == http.MethodHead || u == nil ||
			r.URL.Path == "/logout" || r.URL.Path == "/theme" || strings.HasSuffix(r.URL.Path, "/ask") {
			h.ServeHTTP(w, r)
			return
		}
		if readerPath(r.URL.Path) {
			h.ServeHTTP(w, r)
			s.readers.forgetItems(u.ID) // what they read and save changes their counts and saves
			return
		}
		sw := &statusWriter{ResponseWriter: w}
		h.ServeHTTP(sw, r)
		if sw.status < 400 {
			s.siteChanged()
			s.sessions.purge() // a password, role or account may have changed
		}
	})
}

// readerPath reports whether path changes only the signed-in reader's
// own state — what they read, saved, follow or mute — which no one
// else's pages show: marking read (…/read, /read, /api/v1/read), saving
// (/saved/…, /api/v1/saved/…), following and muting (/follows…,
// /mutes…, and the same under /api/v1). Their handlers forget the
// reader's own For you ranking when it may change.
func readerPath(path string) bool {
	path = strings.TrimPrefix(path, "/api/v1")
	return strings.HasSuffix(path, "/read") || strings.HasPrefix(path, "/saved/") ||
		strings.HasPrefix(path, "/follows") || strings.HasPrefix(path, "/mutes")
}

// statusWriter remembers the status written.
type statusWriter struct {
	http.ResponseWriter
	status int
}

// WriteHeader records the status.
func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

// Write records an implicit 200.
func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe recovers from panics in handlers (answering 500), logs each
// request and reports it to the observer.
func (s *Server) observe(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := s.now()
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("handler panic", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(v))
				if sw.status == 0 {
					s.fail(sw, r, storyline.Errorf(storyline.EINTERNAL, "internal error"))
				}
			}
			d := s.now().Sub(start)
			status := sw.status
			if status == 0 {
				status = http.StatusOK
			}
			// The route is looked up again rather than read from
			// r.Pattern: the middleware below hands the router a copy of
			// r, and requests the gate answers never reach the router.
			_, route := s.mux.Handler(r)
			if route == "" {
				route = "unmatched"
			}
			if s.cfg.Observer != nil {
				s.cfg.Observer.ObserveRequest(route, status, d)
			}
			level := s.log.Debug
			if status >= 500 {
				level = s.log.Warn
			}
			level("request", "method", r.Method, "path", r.URL.Path, "route", route, "status", status,
				"duration_ms", float64(d.Microseconds())/1000, "client", s.clientAddr(r))
		}()
		h.ServeHTTP(sw, r)
	})
}

// securityHeaders sets the headers every response carries.
func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", contentSecurityPolicy)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "same-origin")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.ServeHTTP(w, r)
	})
}

// crossOrigin refuses state-changing requests (POST, PUT, PATCH, DELETE)
// that a browser marks as coming from another site, with net/http's
// CrossOriginProtection (Sec-Fetch-Site, then Origin against Host).
// Requests from programs, which send neither header, pass: they cannot
// ride on a visitor's cookies.
func (s *Server) crossOrigin(h http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, &storyline.Error{Code: storyline.EFORBIDDEN, Message: "cross-origin request refused: this form must be sent from this site"})
	}))
	return cop.Handler(h)
}

// gate sends every page to first-run setup until an administrator exists,
// and, when reading is private, asks visitors to sign in. Setup, sign-in,
// static files, health and metrics stay open.
func (s *Server) gate(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if alwaysOpen(r.URL.Path) {
			h.ServeHTTP(w, r)
			return
		}
		ok, err := s.hasUsers(r.Context())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if !ok {
			if isAPI(r) {
				s.fail(w, r, &storyline.Error{Code: storyline.EUNAUTHORIZED, Message: "Storyline is not set up yet: create the administrator at /setup"})
				return
			}
			http.Redirect(w, r, "/setup", http.StatusSeeOther)
			return
		}
		if userFrom(r.Context()) == nil {
			set, err := s.currentSettings(r.Context())
			if err != nil {
				s.fail(w, r, err)
				return
			}
			if !set.PublicReading {
				s.requireSignIn(w, r)
				return
			}
		}
		h.ServeHTTP(w, r)
	})
}

// alwaysOpen reports whether path is served whatever the settings.
func alwaysOpen(path string) bool {
	switch path {
	case "/setup", "/login", "/healthz", "/metrics", "/theme":
		return true
	}
	return strings.HasPrefix(path, "/static/") || appPath(path)
}

// requireSignIn answers a request that needs a signed-in user: 401 for
// the API, a redirect to the sign-in page (and back) for pages.
func (s *Server) requireSignIn(w http.ResponseWriter, r *http.Request) {
	if isAPI(r) || r.Method != http.MethodGet {
		s.fail(w, r, &storyline.Error{Code: storyline.EUNAUTHORIZED, Message: "sign in first (API: send Authorization: Bearer <token>)"})
		return
	}
	http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
}

// clientAddr is the client's IP address: the connection's, or with
// TrustProxy the last address of X-Forwarded-For, the one the proxy in
// front added (the ones before it come from the client, who may make them
// up).
func (s *Server) clientAddr(r *http.Request) string {
	if s.cfg.TrustProxy {
		if xff := r.Header.Values("X-Forwarded-For"); len(xff) > 0 {
			last := xff[len(xff)-1]
			if i := strings.LastIndexByte(last, ','); i >= 0 {
				last = last[i+1:]
			}
			if addr := strings.TrimSpace(last); addr != "" {
				return addr
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// isTLS reports whether the client reached the site over HTTPS.
func (s *Server) isTLS(r *http.Request) bool {
	return r.TLS != nil || (s.cfg.TrustProxy && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https"))
}
