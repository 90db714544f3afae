package readerapi

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/appitems"
	"github.com/storyline/storyline/internal/auth"
	"github.com/storyline/storyline/internal/greader"
)

// An app signs in with ClientLogin (the user's name and an app password)
// and gets a token it sends on every call, "Authorization: GoogleLogin
// auth=<token>". The token is "<user ID>/<app password ID>/<MAC>", the
// MAC made with the app password's stored hash: nothing is stored for
// it, revoking the app password (or changing the login password, which
// revokes them all) ends it, and it tells nothing of the password.

// tokenMAC is the MAC of an app password's tokens.
func tokenMAC(p *storyline.AppPassword) string {
	m := hmac.New(sha256.New, []byte(p.SecretHash))
	m.Write([]byte("storyline google reader token\x00" + strconv.FormatInt(p.UserID, 10) + "/" + strconv.FormatInt(p.ID, 10)))
	return hex.EncodeToString(m.Sum(nil))
}

// tokenOf is app password p's token.
func tokenOf(p *storyline.AppPassword) string {
	return strconv.FormatInt(p.UserID, 10) + "/" + strconv.FormatInt(p.ID, 10) + "/" + tokenMAC(p)
}

// clientLogin signs an app in: Email is the user's name, Passwd one of
// their app passwords. Failures count against the name and the client
// address, as the web sign-in's do.
func (h *Handler) clientLogin(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		reply(w, http.StatusBadRequest, greader.ContentTypeText, []byte("ClientLogin: "+err.Error()+"\n"))
		return
	}
	login, err := greader.ParseClientLogin(r.Form)
	if err != nil {
		st, ct, body := greader.BadRequest(err)
		reply(w, st, ct, body)
		return
	}
	now := h.cfg.Now()
	keys := []string{"greader name " + strings.ToLower(login.Email), "greader addr " + h.cfg.ClientAddr(r)}
	if h.cfg.Throttle != nil {
		for _, k := range keys {
			if ok, _ := h.cfg.Throttle.Allow(k, now); !ok {
				st, ct, body := greader.LoginFailed()
				reply(w, st, ct, body)
				return
			}
		}
	}
	p, why := h.login(r.Context(), login)
	if p == nil {
		if h.cfg.Throttle != nil {
			for _, k := range keys {
				h.cfg.Throttle.Fail(k, now)
			}
		}
		h.cfg.Log.Info("google reader API: sign-in refused", "login", login.String(), "client", h.cfg.ClientAddr(r), "why", why)
		st, ct, body := greader.LoginFailed()
		reply(w, st, ct, body)
		return
	}
	st, ct, body := greader.ClientLogin(tokenOf(p), login.JSON)
	reply(w, st, ct, body)
}

// login returns the app password login names, else nil and why not.
func (h *Handler) login(ctx context.Context, login greader.Login) (*storyline.AppPassword, string) {
	u, err := h.cfg.Store.UserByName(ctx, login.Email)
	if err != nil {
		return nil, "user: " + storyline.ErrorMessage(err)
	}
	if u.Disabled {
		return nil, "the account is disabled"
	}
	p, err := h.cfg.Store.AppPasswordBySecret(ctx, auth.HashToken(login.Passwd))
	if err != nil || p.UserID != u.ID {
		return nil, "not one of the user's app passwords"
	}
	h.touch(ctx, p)
	return p, ""
}

// touch records a use of app password p, at most once a minute.
func (h *Handler) touch(ctx context.Context, p *storyline.AppPassword) {
	if now := h.cfg.Now(); p.TouchDue(now) {
		if err := h.cfg.Store.TouchAppPassword(ctx, p.ID, now); err != nil {
			h.cfg.Log.Warn("google reader API: record an app password's use", "id", p.ID, "err", err)
		}
	}
}

// signedIn runs fn for the user whose token the request carries, and
// answers 401 (with the bad-token header apps sign in again on) without
// one.
func (h *Handler) signedIn(fn func(http.ResponseWriter, *http.Request, *session)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sn, ok := h.tokenSession(r)
		if !ok {
			w.Header().Set(greader.BadTokenHeader, "true")
			st, ct, body := greader.Unauthorized()
			reply(w, st, ct, body)
			return
		}
		if err := r.ParseForm(); err != nil {
			reply(w, http.StatusBadRequest, greader.ContentTypeText, []byte(err.Error()+"\n"))
			return
		}
		fn(w, r, sn)
	}
}

// tokenSession returns the session of the request's token, if it is
// valid.
func (h *Handler) tokenSession(r *http.Request) (*session, bool) {
	scheme, rest, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	token, ok := strings.CutPrefix(strings.TrimSpace(rest), "auth=")
	if !strings.EqualFold(scheme, "GoogleLogin") || !ok {
		return nil, false
	}
	parts := strings.Split(token, "/")
	if len(parts) != 3 {
		return nil, false
	}
	uid, err1 := strconv.ParseInt(parts[0], 10, 64)
	pid, err2 := strconv.ParseInt(parts[1], 10, 64)
	if err1 != nil || err2 != nil {
		return nil, false
	}
	ctx := r.Context()
	list, err := h.cfg.Store.AppPasswords(ctx, uid)
	if err != nil {
		return nil, false
	}
	for _, p := range list {
		if p.ID == pid && hmac.Equal([]byte(tokenMAC(p)), []byte(parts[2])) {
			u, err := h.cfg.Store.User(ctx, uid)
			if err != nil || u.Disabled {
				return nil, false
			}
			h.touch(ctx, p)
			site := h.cfg.SiteURL(r)
			return &session{user: u, items: appitems.View{
				Store: h.cfg.Store, Stories: p.StoriesAsItems,
				StoryURL: func(id int64) string { return site + "/stories/" + strconv.FormatInt(id, 10) },
			}}, true
		}
	}
	return nil, false
}

// token answers /reader/api/0/token: the action token apps send back as
// T. Calls are authenticated by their Authorization header, which a page
// elsewhere cannot send, so T is not checked: any token will do.
func (h *Handler) token(w http.ResponseWriter, r *http.Request, sn *session) {
	mac := sha256.Sum256([]byte(r.Header.Get("Authorization")))
	st, ct, body := greader.Token(hex.EncodeToString(mac[:])[:57])
	reply(w, st, ct, body)
}

// userInfo answers /reader/api/0/user-info.
func (h *Handler) userInfo(w http.ResponseWriter, r *http.Request, sn *session) {
	st, ct, body := greader.JSON(greader.NewUserInfo(sn.user))
	reply(w, st, ct, body)
}
