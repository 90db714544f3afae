package fever

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/appitems"
	"github.com/storyline/storyline/internal/auth"
)

// APIVersion is the Fever API version served.
const APIVersion = 3

// Store is what the Fever API reads and writes.
type Store interface {
	appitems.Store
	storyline.ReadingStore
	storyline.AppPasswordStore
	// User: see storyline.UserStore.
	User(ctx context.Context, id int64) (*storyline.User, error)
	// Feeds: see storyline.FeedStore.
	Feeds(ctx context.Context) ([]*storyline.Feed, error)
}

// Config is what a Handler is made of. Store is required.
type Config struct {
	Store Store
	// Throttle, when set, limits failed keys per client address: the web
	// sign-in's is shared, so that guessing keys costs what guessing
	// passwords does.
	Throttle *auth.Throttle
	// ClientAddr returns a request's client address for the throttle;
	// nil means its RemoteAddr.
	ClientAddr func(*http.Request) string
	Log        *slog.Logger // nil: discard
	Now        func() time.Time
	// SiteURL returns the site's address as the request reached it
	// ("https://news.example.com"), which story items link to their pages
	// at; nil: the request's host over HTTP.
	SiteURL func(*http.Request) string
	// Changed, when set, is told of a user whose reading state a call
	// changed, so that what is kept of it elsewhere (the web pages'
	// caches) is forgotten.
	Changed func(userID int64)
}

// Handler serves the Fever API at one path (Storyline mounts it at
// /fever/).
type Handler struct {
	cfg Config
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
	return &Handler{cfg: cfg}
}

// ServeHTTP answers one Fever API call: authenticated by api_key, then
// the reads the query asks for (groups, feeds, favicons, items, links,
// unread_item_ids, saved_item_ids) or the write the form asks for (mark).
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, "Fever API: use GET or POST", http.StatusMethodNotAllowed)
		return
	}
	if err := r.ParseForm(); err != nil {
		h.fail(w, http.StatusBadRequest, "Fever API: "+err.Error())
		return
	}
	ctx := r.Context()
	sn, ok := h.authenticate(ctx, r)
	if !ok {
		writeJSON(w, map[string]any{"api_version": APIVersion, "auth": 0})
		return
	}
	resp, err := h.answer(ctx, r, sn)
	if err != nil {
		h.cfg.Log.Error("fever API", "user", sn.user.ID, "query", r.URL.Query().Encode(), "err", err)
		h.fail(w, statusOf(err), "Fever API: "+storyline.ErrorMessage(err))
		return
	}
	writeJSON(w, resp)
}

// session is an authenticated call: the user, and the items as the app
// password whose key it carries shows them.
type session struct {
	user  *storyline.User
	items appitems.View
}

// answer runs the call r asks for in session sn and returns the
// response.
func (h *Handler) answer(ctx context.Context, r *http.Request, sn *session) (map[string]any, error) {
	resp := map[string]any{"api_version": APIVersion, "auth": 1}
	siteFeeds, err := h.cfg.Store.Feeds(ctx)
	if err != nil {
		return nil, err
	}
	feeds := sn.items.Feeds(siteFeeds)
	resp["last_refreshed_on_time"] = lastRefreshed(feeds, h.cfg.Now())
	if r.Form.Get("mark") != "" {
		err := h.mark(ctx, r.Form, sn, feeds)
		if h.cfg.Changed != nil {
			h.cfg.Changed(sn.user.ID)
		}
		if err != nil {
			return nil, err
		}
	}
	q := r.URL.Query()
	for _, read := range []struct {
		arg string
		add func() error
	}{
		{"groups", func() error { addGroups(resp, feeds); return nil }},
		{"feeds", func() error { addFeeds(resp, feeds); return nil }},
		{"favicons", func() error { resp["favicons"] = []any{}; return nil }},
		{"links", func() error { resp["links"] = []any{}; return nil }},
		{"items", func() error { return h.addItems(ctx, resp, q, sn, siteFeeds) }},
		{"unread_item_ids", func() error {
			return addIDs(ctx, resp, "unread_item_ids", sn.items, storyline.ItemQuery{UserID: sn.user.ID, Unread: true})
		}},
		{"saved_item_ids", func() error {
			return addIDs(ctx, resp, "saved_item_ids", sn.items, storyline.ItemQuery{UserID: sn.user.ID, Saved: true})
		}},
	} {
		if q.Has(read.arg) || r.PostForm.Has(read.arg) {
			if err := read.add(); err != nil {
				return nil, err
			}
		}
	}
	return resp, nil
}

// lastRefreshed is when the feeds were last polled, as Unix seconds; now
// when none was.
func lastRefreshed(feeds []*storyline.Feed, now time.Time) int64 {
	var last time.Time
	for _, f := range feeds {
		if f.LastFetch.After(last) {
			last = f.LastFetch
		}
	}
	if last.IsZero() {
		last = now
	}
	return last.Unix()
}

// writeJSON sends v as the JSON body of a 200.
func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(v)
}

// fail sends a plain-text error with status.
func (h *Handler) fail(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Cache-Control", "no-store")
	http.Error(w, msg, status)
}

// statusOf maps an error's domain code to an HTTP status.
func statusOf(err error) int {
	switch storyline.ErrorCode(err) {
	case storyline.EINVALID:
		return http.StatusBadRequest
	case storyline.ENOTFOUND:
		return http.StatusNotFound
	}
	return http.StatusInternalServerError
}
