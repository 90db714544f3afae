package readerapi

import (
	"net/http"

	"github.com/storyline/storyline/internal/greader"
)

// subscriptionList answers subscription/list: every feed of the site
// (subscriptions are site-wide), each in its folder as the app sees it
// (all in Stories for one item per story).
func (h *Handler) subscriptionList(w http.ResponseWriter, r *http.Request, sn *session) {
	feeds, err := h.cfg.Store.Feeds(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	subs := make([]greader.Subscription, 0, len(feeds))
	for _, f := range sn.items.Feeds(feeds) {
		subs = append(subs, greader.SubscriptionFromFeed(f, ""))
	}
	st, ct, body := greader.JSON(greader.NewSubscriptionList(subs))
	reply(w, st, ct, body)
}

// tagList answers tag/list: starred and the folders.
func (h *Handler) tagList(w http.ResponseWriter, r *http.Request, sn *session) {
	feeds, err := h.cfg.Store.Feeds(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	folders := make([]string, 0, len(feeds))
	for _, f := range sn.items.Feeds(feeds) {
		folders = append(folders, f.Category)
	}
	st, ct, body := greader.JSON(greader.NewTagList(folders))
	reply(w, st, ct, body)
}

// unreadCount answers unread-count: the reader's unread items by feed,
// by folder and in all.
func (h *Handler) unreadCount(w http.ResponseWriter, r *http.Request, sn *session) {
	ctx := r.Context()
	feeds, err := h.cfg.Store.Feeds(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	unread, err := sn.items.UnreadByFeed(ctx, sn.user.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	folder := make(map[int64]string, len(feeds))
	for _, f := range sn.items.Feeds(feeds) {
		folder[f.ID] = f.Category
	}
	counts := make([]greader.FeedUnread, 0, len(unread))
	for _, c := range unread {
		counts = append(counts, greader.FeedUnread{FeedID: c.FeedID, Folder: folder[c.FeedID], Count: c.Count, Newest: c.Newest})
	}
	st, ct, body := greader.JSON(greader.NewUnreadCounts(counts))
	reply(w, st, ct, body)
}
