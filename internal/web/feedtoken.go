package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/auth"
)

// feedTokenParam is the query parameter that carries a feed token.
const feedTokenParam = "token"

// ReaderFeed is one of a reader's Atom feeds, with its address.
type ReaderFeed struct {
	Name string
	URL  string
}

// ReaderFeeds returns the addresses of the Atom feeds of Top, Latest,
// For you and Saved on the site at base (such as
// "https://news.example.com"), carrying feed token secret, for a feed
// reader that cannot sign in.
func ReaderFeeds(base, secret string) []ReaderFeed {
	base = strings.TrimRight(base, "/")
	q := "?" + feedTokenParam + "=" + url.QueryEscape(secret)
	return []ReaderFeed{
		{"Top stories", base + "/top/feed" + q},
		{"Latest stories", base + "/latest/feed" + q},
		{"For you", base + "/foryou/feed" + q},
		{"Saved", base + "/saved/feed" + q},
	}
}

// isFeedRequest reports whether r reads an Atom feed: a GET or HEAD of a
// path ending in /feed. Only these accept a feed token.
func isFeedRequest(r *http.Request) bool {
	return (r.Method == http.MethodGet || r.Method == http.MethodHead) && strings.HasSuffix(r.URL.Path, "/feed")
}

// feedToken signs in, for a feed request only (see isFeedRequest), the
// reader whose feed token it carries as ?token=: read only, since feeds
// change nothing. The token decides over a session or API token the
// request also has; a token no one has (rotated, revoked with a password
// change, mistyped) or a disabled account's is 401. The token is taken
// out of the URL the handlers see, so that it never reaches a page, a
// feed's links, a cache key, a log line or an error message. On any
// other request ?token= means nothing and is left alone.
func (s *Server) feedToken(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !isFeedRequest(r) || !strings.Contains(r.URL.RawQuery, feedTokenParam) {
			h.ServeHTTP(w, r)
			return
		}
		rest, secret, found := cutParam(r.URL.RawQuery, feedTokenParam)
		if !found {
			h.ServeHTTP(w, r)
			return
		}
		u := *r.URL
		u.RawQuery = rest
		r = r.Clone(r.Context())
		r.URL, r.RequestURI = &u, u.RequestURI()
		user, err := s.feedTokenUser(r.Context(), secret)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		h.ServeHTTP(w, r.WithContext(withUser(r.Context(), user)))
	})
}

// feedTokenUser returns the user of a feed token's secret, or
// EUNAUTHORIZED.
func (s *Server) feedTokenUser(ctx context.Context, secret string) (*storyline.User, error) {
	if secret == "" {
		return nil, storyline.Errorf(storyline.EUNAUTHORIZED, "feed token: empty; copy the feed's address from Settings → Feed token")
	}
	u, err := s.store.UserByFeedToken(ctx, auth.HashToken(secret))
	switch {
	case storyline.ErrorCode(err) == storyline.ENOTFOUND:
		return nil, storyline.Errorf(storyline.EUNAUTHORIZED, "feed token not valid (rotated, revoked or mistyped): create a new one in Settings → Feed token")
	case err != nil:
		return nil, err
	case u.Disabled:
		return nil, storyline.Errorf(storyline.EUNAUTHORIZED, "feed token of a disabled account")
	}
	return u, nil
}

// cutParam returns raw query without parameter name, and name's first
// value (unescaped); found reports whether name was there. The other
// parameters keep their order and form.
func cutParam(raw, name string) (rest, value string, found bool) {
	var kept []string
	for part := range strings.SplitSeq(raw, "&") {
		key, v, _ := strings.Cut(part, "=")
		if k, err := url.QueryUnescape(key); err != nil || k != name {
			if part != "" {
				kept = append(kept, part)
			}
			continue
		}
		if !found {
			value, _ = url.QueryUnescape(v)
			found = true
		}
	}
	return strings.Join(kept, "&"), value, found
}
