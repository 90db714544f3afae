package web

import (
	"context"
	"net/http"
	"net/url"

	"github.com/storyline/storyline"
)

// viewTools are a signed-in reader's tools over a view of stories (Top,
// Latest, For you, with their filters): "mark all as read" and the
// "unread only" switch.
type viewTools struct {
	View       storyView
	Category   string
	Outlet     string
	UnreadOnly bool
}

// URL is the view with its filters, unread only when unread is true.
func (t viewTools) URL(unread bool) string {
	path := map[storyView]string{viewTop: "/", viewLatest: "/latest", viewForYou: "/foryou"}[t.View]
	q := url.Values{}
	if t.Category != "" {
		q.Set("category", t.Category)
	}
	if t.Outlet != "" {
		q.Set("outlet", t.Outlet)
	}
	if unread {
		q.Set("unread", "1")
	}
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// SwitchURL is the view with the unread-only switch flipped.
func (t viewTools) SwitchURL() string { return t.URL(!t.UnreadOnly) }

// readerList reads signed-in reader st's state of the stories of list
// and, when the request asks for unread stories only (?unread=1), keeps
// those. A visitor's list is returned as it is.
func (s *Server) readerList(r *http.Request, st *readerState, list []*storyline.Story) ([]*storyline.Story, bool, error) {
	if st == nil {
		return list, false, nil
	}
	if err := s.addItems(r.Context(), st, list, nil); err != nil {
		return nil, false, err
	}
	unread := r.URL.Query().Get("unread") == "1"
	if unread {
		list = unreadOnly(st, list)
	}
	return list, unread, nil
}

// readerBase reads the signed-in reader's follows and mutes, before the
// items of a page are known; nil for a visitor.
func (s *Server) readerBase(ctx context.Context) (*readerState, error) {
	return s.readerStateFor(ctx, nil, nil)
}
