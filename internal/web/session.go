package web

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/auth"
)

// SessionCookie is the name of the cookie that holds a signed-in
// browser's secret session token (for benchmarks that sign in many
// readers at once).
const SessionCookie = sessionCookie

const (
	// sessionCookie holds a signed-in browser's secret session token.
	sessionCookie = "storyline_session"
	// sessionLifetime is how long a session lasts after signing in.
	sessionLifetime = 30 * 24 * time.Hour
)

// authenticate puts the signed-in user in the request's context: from an
// API token (Authorization: Bearer …) or the session cookie. A token that
// is not valid is refused; a stale cookie is cleared and the request goes
// on as a visitor's.
func (s *Server) authenticate(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if appPath(r.URL.Path) {
			h.ServeHTTP(w, r) // apps' APIs sign in on their own
			return
		}
		if authz := r.Header.Get("Authorization"); authz != "" {
			u, err := s.tokenUser(r.Context(), authz)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			h.ServeHTTP(w, r.WithContext(withUser(r.Context(), u)))
			return
		}
		c, err := r.Cookie(sessionCookie)
		if err != nil || c.Value == "" {
			h.ServeHTTP(w, r)
			return
		}
		u, err := s.sessionUser(r.Context(), c.Value)
		switch storyline.ErrorCode(err) {
		case "":
			r = r.WithContext(withUser(r.Context(), u))
		case storyline.ENOTFOUND:
			s.clearSessionCookie(w, r)
		default:
			s.fail(w, r, err)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// tokenUser returns the user of an "Authorization: Bearer <token>" header.
func (s *Server) tokenUser(ctx context.Context, authz string) (*storyline.User, error) {
	scheme, secret, _ := strings.Cut(authz, " ")
	if !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(secret) == "" {
		return nil, storyline.Errorf(storyline.EUNAUTHORIZED, "Authorization header: want \"Bearer <token>\"")
	}
	t, err := s.store.TokenByHash(ctx, auth.HashToken(strings.TrimSpace(secret)))
	if storyline.ErrorCode(err) == storyline.ENOTFOUND {
		return nil, storyline.Errorf(storyline.EUNAUTHORIZED, "API token not valid (revoked, or mistyped)")
	}
	if err != nil {
		return nil, err
	}
	u, err := s.store.User(ctx, t.UserID)
	if err == nil && u.Disabled {
		return nil, storyline.Errorf(storyline.EUNAUTHORIZED, "API token of a disabled account")
	}
	return u, err
}

// sessionUser returns the user of a session token, or ENOTFOUND (also
// for a session of a disabled account).
func (s *Server) sessionUser(ctx context.Context, secret string) (*storyline.User, error) {
	hash := auth.HashToken(secret)
	if u, ok := s.sessions.get(hash); ok {
		return u, nil
	}
	sess, err := s.store.Session(ctx, hash, s.now())
	if err != nil {
		return nil, err
	}
	u, err := s.store.User(ctx, sess.UserID)
	if err == nil && u.Disabled {
		return nil, storyline.Errorf(storyline.ENOTFOUND, "session of a disabled account")
	}
	if err == nil {
		s.sessions.put(hash, u, sess.ExpiresAt)
	}
	return u, err
}

// signIn starts a session for u and sets its cookie. The session the
// browser had before, if any, ends: a session is never carried across a
// sign-in.
func (s *Server) signIn(w http.ResponseWriter, r *http.Request, u *storyline.User) error {
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		s.sessions.forget(auth.HashToken(c.Value))
		if err := s.store.DeleteSession(r.Context(), auth.HashToken(c.Value)); err != nil {
			return err
		}
	}
	secret, hash := auth.NewToken()
	now := s.now()
	sess := &storyline.Session{TokenHash: hash, UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(sessionLifetime)}
	if err := s.store.AddSession(r.Context(), sess); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: secret, Path: "/", MaxAge: int(sessionLifetime / time.Second),
		HttpOnly: true, Secure: s.isTLS(r), SameSite: http.SameSiteLaxMode,
	})
	return nil
}

// signOut ends the request's session, if any, and clears its cookie.
func (s *Server) signOut(w http.ResponseWriter, r *http.Request) error {
	s.clearSessionCookie(w, r)
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil
	}
	s.sessions.forget(auth.HashToken(c.Value))
	return s.store.DeleteSession(r.Context(), auth.HashToken(c.Value))
}

// clearSessionCookie tells the browser to forget its session cookie.
func (s *Server) clearSessionCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.isTLS(r), SameSite: http.SameSiteLaxMode,
	})
}
