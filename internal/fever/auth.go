package fever

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/appitems"
	"github.com/storyline/storyline/internal/auth"
)

// authenticate returns the user whose app password the request's
// api_key is made from. A missing, malformed or unknown key, a disabled
// account or a client address throttled for failing too often is not
// authenticated; failures count against the address.
func (h *Handler) authenticate(ctx context.Context, r *http.Request) (*session, bool) {
	now := h.cfg.Now()
	addr := h.cfg.ClientAddr(r)
	if h.cfg.Throttle != nil {
		if ok, _ := h.cfg.Throttle.Allow("fever "+addr, now); !ok {
			h.cfg.Log.Warn("fever API: too many failed keys", "client", addr)
			return nil, false
		}
	}
	u, p, why := h.keyUser(ctx, strings.TrimSpace(r.Form.Get("api_key")))
	if u == nil {
		if h.cfg.Throttle != nil {
			h.cfg.Throttle.Fail("fever "+addr, now)
		}
		h.cfg.Log.Info("fever API: not authenticated", "client", addr, "why", why)
		return nil, false
	}
	site := h.cfg.SiteURL(r)
	return &session{user: u, items: appitems.View{
		Store: h.cfg.Store, Stories: p.StoriesAsItems,
		StoryURL: func(id int64) string { return site + "/stories/" + strconv.FormatInt(id, 10) },
	}}, true
}

// keyUser returns the user and the app password of Fever key, and
// records the app password's use; else nil and why not.
func (h *Handler) keyUser(ctx context.Context, key string) (*storyline.User, *storyline.AppPassword, string) {
	if !validKey(key) {
		return nil, nil, "api_key is missing or not 32 hex digits"
	}
	p, err := h.cfg.Store.AppPasswordByFeverKey(ctx, auth.FeverKeyHash(key))
	if err != nil {
		return nil, nil, "api_key: " + storyline.ErrorMessage(err)
	}
	u, err := h.cfg.Store.User(ctx, p.UserID)
	switch {
	case err != nil:
		return nil, nil, "the key's user: " + storyline.ErrorMessage(err)
	case u.Disabled:
		return nil, nil, "the key's account is disabled"
	}
	if now := h.cfg.Now(); p.TouchDue(now) {
		if err := h.cfg.Store.TouchAppPassword(ctx, p.ID, now); err != nil {
			h.cfg.Log.Warn("fever API: record an app password's use", "id", p.ID, "err", err)
		}
	}
	return u, p, ""
}

// validKey reports whether key looks like an MD5 in hex.
func validKey(key string) bool {
	if len(key) != 32 {
		return false
	}
	for _, c := range key {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return false
		}
	}
	return true
}
