package readerapi

import (
	"net/http"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/greader"
)

// editTag answers edit-tag: items marked read or unread, starred
// (Storyline's saved) or not. Labels on items, which Storyline has not,
// are ignored; so are the IDs of items that are gone.
func (h *Handler) editTag(w http.ResponseWriter, r *http.Request, u *storyline.User) {
	e, err := greader.ParseEditTag(r.Form)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ctx, now := r.Context(), h.cfg.Now()
	var ids []int64
	for _, id := range e.Items {
		if kind, aid := greader.SplitItemID(id); kind == greader.ItemArticle {
			ids = append(ids, aid)
		}
	}
	if e.Read != greader.Unchanged && len(ids) > 0 {
		err = h.cfg.Store.MarkArticlesRead(ctx, u.ID, ids, e.Read == greader.Set, now)
	}
	for _, id := range ids {
		if err != nil {
			break
		}
		switch e.Starred {
		case greader.Set:
			err = h.cfg.Store.Save(ctx, u.ID, storyline.KindArticle, id, now)
		case greader.Clear:
			err = h.cfg.Store.Unsave(ctx, u.ID, storyline.KindArticle, id)
		}
		if storyline.ErrorCode(err) == storyline.ENOTFOUND {
			err = nil // gone meanwhile
		}
	}
	h.changed(u)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	st, ct, body := greader.OK()
	reply(w, st, ct, body)
}

// markAllAsRead answers mark-all-as-read: every item of a feed, a folder
// or the reading list stored at or before ts marked read.
func (h *Handler) markAllAsRead(w http.ResponseWriter, r *http.Request, u *storyline.User) {
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
	q, ok, err := streamQuery(u, m.Stream, feeds)
	if err == nil && ok {
		q.StoredBefore = m.Before.Add(time.Nanosecond) // at or before
		_, err = h.cfg.Store.MarkItemsRead(ctx, q, true, now)
		h.changed(u)
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
