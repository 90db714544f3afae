package readerapi

import (
	"context"
	"net/http"
	"strings"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/greader"
)

// page is one page of a stream: its items' refs and the continuation of
// the next page (zero on the last).
type page struct {
	refs  []storyline.ItemRef
	next  greader.Continuation
	feeds []*storyline.Feed // the site's, read for the page
}

// streamPage reads the page of stream s that sq asks for, at most max
// items, as session sn sees it.
func (h *Handler) streamPage(ctx context.Context, sn *session, s greader.Stream, sq greader.StreamQuery, max int) (page, error) {
	feeds, err := h.cfg.Store.Feeds(ctx)
	if err != nil {
		return page{}, err
	}
	q, ok, err := streamQuery(sn.user.ID, s, sn.items.Feeds(feeds))
	if err != nil || !ok {
		return page{feeds: feeds}, err
	}
	switch {
	case sq.Excludes(greader.StateRead), sq.Includes(greader.StateUnread):
		q.Unread = true
	case sq.Includes(greader.StateRead), sq.Excludes(greader.StateUnread):
		q.Read = true
	}
	if sq.Includes(greader.StateStarred) {
		q.Saved = true
	}
	q.StoredSince, q.StoredBefore, q.OldestFirst = sq.Since, sq.Before, sq.Oldest
	if c := sq.Continuation; !c.IsZero() {
		if sq.Oldest {
			q.AfterID = c.ID
		} else {
			q.BeforeID = c.ID
		}
	}
	limit := sq.Limit(max)
	q.Limit = limit + 1
	refs, err := sn.items.Refs(ctx, q)
	if err != nil {
		return page{}, err
	}
	p := page{refs: refs, feeds: feeds}
	if len(refs) > limit {
		last := refs[limit-1]
		p.refs, p.next = refs[:limit], greader.Continuation{Time: last.Stored, ID: last.ID}
	}
	return p, nil
}

// streamQuery is the item query of stream s for user uid, of feeds as
// the app sees them; false when the stream holds nothing (an unknown feed
// or folder).
func streamQuery(uid int64, s greader.Stream, feeds []*storyline.Feed) (storyline.ItemQuery, bool, error) {
	q := storyline.ItemQuery{UserID: uid}
	switch s.Kind {
	case greader.StreamFeed:
		for _, f := range feeds {
			if (s.FeedID != 0 && f.ID == s.FeedID) || (s.FeedID == 0 && f.URL == s.FeedURL) {
				q.FeedID = f.ID
				return q, true, nil
			}
		}
		return q, false, nil
	case greader.StreamLabel:
		q.FeedIDs = []int64{}
		for _, f := range feeds {
			if folderOf(f) == s.Label {
				q.FeedIDs = append(q.FeedIDs, f.ID)
			}
		}
		return q, len(q.FeedIDs) > 0, nil
	case greader.StreamState:
		switch s.State {
		case greader.StateReadingList:
		case greader.StateStarred:
			q.Saved = true
		case greader.StateRead:
			q.Read = true
		case greader.StateUnread, greader.StateKeptUnread:
			q.Unread = true
		default:
			return q, false, storyline.Errorf(storyline.EINVALID, "stream %s: Storyline keeps no items in that state", s)
		}
	}
	return q, true, nil
}

// folderOf is feed f's folder label.
func folderOf(f *storyline.Feed) string {
	if f.Category == "" {
		return greader.DefaultFolder
	}
	return f.Category
}

// itemIDs answers stream/items/ids: the IDs of a page of a stream.
func (h *Handler) itemIDs(w http.ResponseWriter, r *http.Request, sn *session) {
	sq, err := greader.ParseStreamQuery(r.Form)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.streamPage(r.Context(), sn, sq.Stream, sq, greader.MaxIDsCount)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	refs := make([]greader.ItemRef, len(p.refs))
	for i, ref := range p.refs {
		refs[i] = greader.NewItemRef(ref.ID, ref.Stored)
	}
	st, ct, body := greader.JSON(greader.NewItemIDs(refs, p.next))
	reply(w, st, ct, body)
}

// streamContents answers stream/contents/<stream>: a page of a stream's
// items with their text.
func (h *Handler) streamContents(w http.ResponseWriter, r *http.Request, sn *session) {
	s, sq, err := pathStream(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.streamPage(r.Context(), sn, s, sq, greader.MaxContentsCount)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items, err := h.items(r.Context(), sn, refIDs(p.refs), p.feeds)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	st, ct, body := greader.JSON(greader.NewStreamContents(s, h.cfg.Now(), items, p.next))
	reply(w, st, ct, body)
}

// pathStream reads the stream of stream/contents (or of an Atom stream)
// from its path, or from s when the path names none, and the query.
func pathStream(r *http.Request) (greader.Stream, greader.StreamQuery, error) {
	sq, err := greader.ParseStreamQuery(r.Form)
	if err != nil {
		return greader.Stream{}, sq, err
	}
	if raw := r.PathValue("stream"); raw != "" {
		s, err := greader.ParseStreamPath(escapedTail(r, raw))
		return s, sq, err
	}
	return sq.Stream, sq, nil
}

// escapedTail returns the escaped form of the path's tail after the
// stream endpoint (a stream ID may hold an escaped URL, which the decoded
// path would break); raw, the decoded tail, when the path has none.
func escapedTail(r *http.Request, raw string) string {
	ep := r.URL.EscapedPath()
	for _, prefix := range []string{"/reader/api/0/stream/contents/", "/reader/atom/"} {
		if i := strings.Index(ep, prefix); i >= 0 {
			return ep[i+len(prefix):]
		}
	}
	return raw
}

// itemsContents answers stream/items/contents: the items asked for by ID.
func (h *Handler) itemsContents(w http.ResponseWriter, r *http.Request, sn *session) {
	iq, err := greader.ParseItemsQuery(r.Form)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items, err := h.items(r.Context(), sn, iq.IDs, nil)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if iq.Oldest {
		for i, j := 0, len(items)-1; i < j; i, j = i+1, j-1 {
			items[i], items[j] = items[j], items[i]
		}
	}
	st, ct, body := greader.JSON(greader.NewStreamContents(greader.StateStream(greader.StateReadingList), h.cfg.Now(), items, greader.Continuation{}))
	reply(w, st, ct, body)
}

// items returns the items ids as session sn sees them, in that order;
// IDs of no item are left out. feeds are the site's, read here when nil.
func (h *Handler) items(ctx context.Context, sn *session, ids []int64, feeds []*storyline.Feed) ([]greader.Item, error) {
	entries, err := h.entries(ctx, sn, ids, feeds)
	if err != nil {
		return nil, err
	}
	out := make([]greader.Item, len(entries))
	for i, e := range entries {
		out[i] = greader.NewItem(e)
	}
	return out, nil
}

// entries returns what the items ids are made of, as items does.
func (h *Handler) entries(ctx context.Context, sn *session, ids []int64, feeds []*storyline.Feed) ([]greader.Entry, error) {
	if feeds == nil {
		var err error
		if feeds, err = h.cfg.Store.Feeds(ctx); err != nil {
			return nil, err
		}
	}
	return sn.items.Entries(ctx, sn.user.ID, ids, feeds)
}

// refIDs returns the IDs of refs.
func refIDs(refs []storyline.ItemRef) []int64 {
	ids := make([]int64, len(refs))
	for i, r := range refs {
		ids[i] = r.ID
	}
	return ids
}
