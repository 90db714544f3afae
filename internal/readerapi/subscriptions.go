package readerapi

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/greader"
	"github.com/storyline/storyline/internal/opml"
)

// Subscriptions and folders are the site's, so only an administrator
// changes them from an app; a member gets 403 with the reason, as the
// API's other errors, in plain text.

// admin runs fn for an administrator, after which the site changed.
func (h *Handler) admin(fn func(http.ResponseWriter, *http.Request, *session) error) func(http.ResponseWriter, *http.Request, *session) {
	return func(w http.ResponseWriter, r *http.Request, sn *session) {
		if !sn.user.IsAdmin() {
			reply(w, http.StatusForbidden, greader.ContentTypeText,
				[]byte("Forbidden: subscriptions and folders are the site's; only an administrator changes them\n"))
			return
		}
		err := fn(w, r, sn)
		if h.cfg.SiteChanged != nil {
			h.cfg.SiteChanged()
		}
		if err != nil {
			h.fail(w, r, err)
		}
	}
}

// ok writes greader's "OK".
func ok(w http.ResponseWriter) error {
	st, ct, body := greader.OK()
	reply(w, st, ct, body)
	return nil
}

// quickadd answers subscription/quickadd: subscribe to the feed at
// quickadd (or the feed its page leads to).
func (h *Handler) quickadd(w http.ResponseWriter, r *http.Request, _ *session) error {
	raw := strings.TrimSpace(r.Form.Get("quickadd"))
	raw = strings.TrimPrefix(raw, "feed/")
	if raw == "" {
		return storyline.Errorf(storyline.EINVALID, "quickadd: missing: the feed's address")
	}
	f, err := h.subscribe(r, raw, "")
	if err != nil {
		return err
	}
	st, ct, body := greader.JSON(map[string]any{"numResults": 1, "query": raw,
		"streamId": greader.FeedStream(f.ID).String(), "streamName": greader.SubscriptionFromFeed(f, "").Title})
	reply(w, st, ct, body)
	return nil
}

// subscribe subscribes to url in folder category.
func (h *Handler) subscribe(r *http.Request, url, category string) (*storyline.Feed, error) {
	if h.cfg.Subscribe == nil {
		return nil, storyline.Errorf(storyline.EINVALID, "subscribe to %s: this server does not fetch feeds (it serves only); add it where the feeds are polled", url)
	}
	return h.cfg.Subscribe(r.Context(), url, category)
}

// subscriptionEdit answers subscription/edit: ac=subscribe (s=feed/<URL>,
// a=label for its folder, t for its title), ac=unsubscribe, or ac=edit
// (t renames, a=label files it, r=label takes it out of that folder).
func (h *Handler) subscriptionEdit(w http.ResponseWriter, r *http.Request, _ *session) error {
	ctx := r.Context()
	ac := r.Form.Get("ac")
	folder, err := labelParam(r.Form.Get("a"), "a")
	if err != nil {
		return err
	}
	out, err := labelParam(r.Form.Get("r"), "r")
	if err != nil {
		return err
	}
	streams := r.Form["s"]
	if len(streams) == 0 {
		return storyline.Errorf(storyline.EINVALID, "subscription/edit: s missing: name the feed")
	}
	feeds, err := h.cfg.Store.Feeds(ctx)
	if err != nil {
		return err
	}
	for _, raw := range streams {
		s, err := greader.ParseStreamID(raw)
		if err != nil {
			return err
		}
		if s.Kind != greader.StreamFeed {
			return storyline.Errorf(storyline.EINVALID, "subscription/edit: s=%q is not a feed", raw)
		}
		if ac == "subscribe" && s.FeedID == 0 {
			f, err := h.subscribe(r, s.FeedURL, folder)
			if err == nil && r.Form.Get("t") != "" {
				f.Title = r.Form.Get("t")
				err = h.cfg.Store.UpdateFeed(ctx, f)
			}
			if err != nil {
				return err
			}
			continue
		}
		q, found, _ := streamQuery(0, s, feeds)
		if !found {
			return storyline.Errorf(storyline.ENOTFOUND, "subscription/edit: no feed %s", raw)
		}
		if err := h.editFeed(r, ac, q.FeedID, folder, out); err != nil {
			return err
		}
	}
	return ok(w)
}

// editFeed applies ac to feed id: unsubscribe, or edit its title and
// folder.
func (h *Handler) editFeed(r *http.Request, ac string, id int64, folder, out string) error {
	ctx := r.Context()
	switch ac {
	case "unsubscribe":
		return h.cfg.Store.DeleteFeed(ctx, id)
	case "edit", "subscribe":
		f, err := h.cfg.Store.Feed(ctx, id)
		if err != nil {
			return err
		}
		if t := strings.TrimSpace(r.Form.Get("t")); t != "" {
			f.Title = t
		}
		if out != "" && folderOf(f) == out {
			f.Category = ""
		}
		if folder != "" {
			f.Category = categoryOf(folder)
		}
		return h.cfg.Store.UpdateFeed(ctx, f)
	}
	return storyline.Errorf(storyline.EINVALID, "subscription/edit: ac=%q: want subscribe, unsubscribe or edit", ac)
}

// renameTag answers rename-tag: folder s renamed dest.
func (h *Handler) renameTag(w http.ResponseWriter, r *http.Request, _ *session) error {
	from, err := labelParam(r.Form.Get("s"), "s")
	if err == nil && from == "" {
		err = storyline.Errorf(storyline.EINVALID, "rename-tag: s missing: name the folder")
	}
	if err != nil {
		return err
	}
	to, err := labelParam(r.Form.Get("dest"), "dest")
	if err == nil && to == "" {
		err = storyline.Errorf(storyline.EINVALID, "rename-tag: dest missing: name the new folder")
	}
	if err != nil {
		return err
	}
	return h.refile(w, r, from, categoryOf(to))
}

// disableTag answers disable-tag: folder s removed, its feeds filed
// under none.
func (h *Handler) disableTag(w http.ResponseWriter, r *http.Request, _ *session) error {
	from, err := labelParam(r.Form.Get("s"), "s")
	if err == nil && from == "" {
		err = storyline.Errorf(storyline.EINVALID, "disable-tag: s missing: name the folder")
	}
	if err != nil {
		return err
	}
	return h.refile(w, r, from, "")
}

// refile files the feeds of folder from under category to.
func (h *Handler) refile(w http.ResponseWriter, r *http.Request, from, to string) error {
	ctx := r.Context()
	feeds, err := h.cfg.Store.Feeds(ctx)
	if err != nil {
		return err
	}
	for _, f := range feeds {
		if folderOf(f) == from {
			f.Category = to
			if err := h.cfg.Store.UpdateFeed(ctx, f); err != nil {
				return err
			}
		}
	}
	return ok(w)
}

// export answers subscription/export: every feed as OPML, in its folder.
func (h *Handler) export(w http.ResponseWriter, r *http.Request, _ *session) error {
	feeds, err := h.cfg.Store.Feeds(r.Context())
	if err != nil {
		return err
	}
	outlines := make([]opml.Outline, 0, len(feeds))
	for _, f := range feeds {
		outlines = append(outlines, opml.Outline{URL: f.URL, Title: greader.SubscriptionFromFeed(f, "").Title, SiteURL: f.SiteURL, Category: f.Category})
	}
	var buf bytes.Buffer
	if err := opml.Write(&buf, "Storyline subscriptions", outlines); err != nil {
		return err
	}
	w.Header().Set("Content-Disposition", `attachment; filename="storyline.opml"`)
	reply(w, http.StatusOK, "text/x-opml; charset=utf-8", buf.Bytes())
	return nil
}

// labelParam reads a label stream parameter: its folder name, "" when
// missing.
func labelParam(raw, name string) (string, error) {
	if raw == "" {
		return "", nil
	}
	s, err := greader.ParseStreamID(raw)
	if err != nil {
		return "", err
	}
	if s.Kind != greader.StreamLabel {
		return "", storyline.Errorf(storyline.EINVALID, "%s=%q: want a folder, user/-/label/<name>", name, raw)
	}
	return s.Label, nil
}

// categoryOf is the category of folder label: none for the default
// folder.
func categoryOf(label string) string {
	if label == greader.DefaultFolder {
		return ""
	}
	return label
}
