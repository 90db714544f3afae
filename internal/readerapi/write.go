package readerapi

import (
	"net/http"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/greader"
)

// editTag answers edit-tag: items marked read or unread, starred
// (Storyline's saved) or not. A story item marked read marks its
// articles read too. Labels on items, which Storyline has not, are
// ignored; so are the IDs of items that are gone.
func (h *Handler) editTag(w http.ResponseWriter, r *http.Request, sn *session) {
	e, err := greader.ParseEditTag(r.Form)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ctx, now := r.Context(), h.cfg.Now()
	if e.Read != greader.Unchanged {
		err = sn.items.MarkRead(ctx, sn.user.ID, e.Items, e.Read == greader.Set, now)
	}
	if err == nil && e.Starred != greader.Unchanged {
		err = sn.items.SetSaved(ctx, sn.user.ID, e.Items, e.Starred == greader.Set, now)
	}
	h.changed(sn.user)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	st, ct, body := greader.OK()
	reply(w, st, ct, body)
}

// markAllAsRead answers mark-all-as-read: every item of a feed, a folder
// or the reading list stored at or before ts marked read (a story item:
// last updated at or before it).
func (h *Handler) markAllAsRead(w http.ResponseWriter, r *http.Request, sn *session) {
	now := h.cfg.Now()
	m, err := greader.ParseMarkAllAsRead(r.Form, now)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ctx := r.Context()
	feeds, err := h.cfg.Store.Feeds(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	q, ok, err := streamQuery(sn.user.ID, m.Stream, sn.items.Feeds(feeds))
	if err == nil && ok {
		q.StoredBefore = m.Before.Add(time.Nanosecond) // at or before
		_, err = sn.items.MarkAllRead(ctx, q, now)
		h.changed(sn.user)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	st, ct, body := greader.OK()
	reply(w, st, ct, body)
}

// changed tells Config.Changed that user u's reading state changed.
func (h *Handler) changed(u *storyline.User) {
	if h.cfg.Changed != nil {
		h.cfg.Changed(u.ID)
	}
}
