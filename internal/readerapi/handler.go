// Package readerapi serves the Google Reader API as FreshRSS and Miniflux
// do, over internal/greader's protocol: ClientLogin with app passwords,
// the token, user-info, subscription/list, tag/list, unread-count,
// stream/items/ids, stream/contents, stream/items/contents, edit-tag and
// mark-all-as-read, and the Atom form of streams (/reader/atom/…) that
// newsboat's FeedHQ source reads. Storyline mounts it at the site's root
// and under /api/greader.php.
package readerapi

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/appitems"
	"github.com/storyline/storyline/internal/auth"
	"github.com/storyline/storyline/internal/greader"
)

// Store is what the Google Reader API reads and writes.
type Store interface {
	appitems.Store
	storyline.ReadingStore
	storyline.AppPasswordStore
	// User and UserByName: see storyline.UserStore.
	User(ctx context.Context, id int64) (*storyline.User, error)
	UserByName(ctx context.Context, name string) (*storyline.User, error)
	// Feeds, Feed, UpdateFeed and DeleteFeed: see storyline.FeedStore.
	Feeds(ctx context.Context) ([]*storyline.Feed, error)
	Feed(ctx context.Context, id int64) (*storyline.Feed, error)
	UpdateFeed(ctx context.Context, f *storyline.Feed) error
	DeleteFeed(ctx context.Context, id int64) error
}

// Config is what a Handler is made of. Store is required.
type Config struct {
	Store Store
	// Throttle, when set, limits failed sign-ins per user name and per
	// client address, as the web sign-in does.
	Throttle   *auth.Throttle
	ClientAddr func(*http.Request) string // nil: RemoteAddr
	Log        *slog.Logger               // nil: discard
	Now        func() time.Time
	// Changed, when set, is told of a user whose reading state a call
	// changed (the web pages' kept state of them is forgotten).
	Changed func(userID int64)
	// SiteChanged, when set, is told that an administrator's call changed
	// the site's subscriptions or folders.
	SiteChanged func()
	// SiteURL returns the site's address as the request reached it
	// ("https://news.example.com"), which story items link to their pages
	// at; nil: the request's host over HTTP.
	SiteURL func(*http.Request) string
	// Subscribe, when set, subscribes to the feed at url (or the one its
	// page leads to) in folder category, by the fetcher's rules; nil
	// where this server does not fetch feeds.
	Subscribe func(ctx context.Context, url, category string) (*storyline.Feed, error)
}

// Handler serves the API; its paths are /accounts/ClientLogin,
// /reader/api/0/… and /reader/atom/….
type Handler struct {
	cfg Config
	mux *http.ServeMux
}

// New returns the handler of cfg.
func New(cfg Config) *Handler {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.ClientAddr == nil {
		cfg.ClientAddr = func(r *http.Request) string { return r.RemoteAddr }
	}
	if cfg.SiteURL == nil {
		cfg.SiteURL = func(r *http.Request) string { return "http://" + r.Host }
	}
	h := &Handler{cfg: cfg, mux: http.NewServeMux()}
	h.mux.HandleFunc("/accounts/ClientLogin", h.clientLogin)
	api := map[string]func(http.ResponseWriter, *http.Request, *session){
		"GET /reader/api/0/token":                   h.token,
		"GET /reader/api/0/user-info":               h.userInfo,
		"GET /reader/api/0/subscription/list":       h.subscriptionList,
		"GET /reader/api/0/tag/list":                h.tagList,
		"GET /reader/api/0/unread-count":            h.unreadCount,
		"GET /reader/api/0/stream/items/ids":        h.itemIDs,
		"/reader/api/0/stream/contents/{stream...}": h.streamContents,
		"/reader/api/0/stream/items/contents":       h.itemsContents,
		"POST /reader/api/0/edit-tag":               h.editTag,
		"POST /reader/api/0/mark-all-as-read":       h.markAllAsRead,
		"GET /reader/atom/{stream...}":              h.atomStream,
		"POST /reader/api/0/subscription/edit":      h.admin(h.subscriptionEdit),
		"POST /reader/api/0/subscription/quickadd":  h.admin(h.quickadd),
		"GET /reader/api/0/subscription/export":     h.admin(h.export),
		"POST /reader/api/0/rename-tag":             h.admin(h.renameTag),
		"POST /reader/api/0/disable-tag":            h.admin(h.disableTag),
		"/reader/api/0/":                            h.unknown,
	}
	for pattern, fn := range api {
		h.mux.HandleFunc(pattern, h.signedIn(fn))
	}
	return h
}

// ServeHTTP serves one request of the API.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	h.mux.ServeHTTP(w, r)
}

// reply writes one of greader's answers.
func reply(w http.ResponseWriter, status int, contentType string, body []byte) {
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// fail answers err: a bad parameter 400 with its message, a missing item
// or stream 404, anything else 500 (logged).
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch storyline.ErrorCode(err) {
	case storyline.EINVALID:
		reply(w, http.StatusBadRequest, greader.ContentTypeText, []byte(storyline.ErrorMessage(err)+"\n"))
		return
	case storyline.ENOTFOUND:
		reply(w, http.StatusNotFound, greader.ContentTypeText, []byte(storyline.ErrorMessage(err)+"\n"))
		return
	}
	if pe := (*greader.ParamError)(nil); errors.As(err, &pe) {
		st, ct, body := greader.BadRequest(err)
		reply(w, st, ct, body)
		return
	}
	h.cfg.Log.Error("google reader API", "path", r.URL.Path, "err", err)
	reply(w, http.StatusInternalServerError, greader.ContentTypeText, []byte("internal error\n"))
}

// unknown answers a path of the API that Storyline does not serve.
func (h *Handler) unknown(w http.ResponseWriter, r *http.Request, _ *session) {
	reply(w, http.StatusNotFound, greader.ContentTypeText, []byte("Google Reader API: "+r.URL.Path+" is not served here\n"))
}

// session is a signed-in call: the user, and the items as the app
// password it signed in with shows them.
type session struct {
	user  *storyline.User
	items appitems.View
}
