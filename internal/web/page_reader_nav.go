package web

import (
	"context"
	"html/template"
)

// readerNav is what the layout shows a signed-in reader besides the
// page: their unread counts by the sections of the navigation, and their
// follows and mutes (the Settings page lists them).
type readerNav struct {
	*readerState
	// Unread is how many stories of the last topWindow the reader has
	// not read as they are now.
	Unread int
	// ForYou is how many of the reader's For you stories they have not
	// read; only counted when they follow something.
	ForYou int
}

// readerOfPage is page data that carries the reader's state, so that the
// navigation does not read the follows and mutes again.
type readerOfPage interface {
	readerOf() *readerState
}

// readerNav reads the navigation's state of the reader signed in to ctx
// for a page showing data: nil for a visitor. A failure is logged and
// leaves the counts out; it never fails the page.
func (s *Server) readerNav(ctx context.Context, data any) *readerNav {
	u := userFrom(ctx)
	if u == nil {
		return nil
	}
	var st *readerState
	if v, ok := data.(readerOfPage); ok {
		st = v.readerOf()
	}
	if hs := holesFrom(ctx); hs != nil {
		st = hs.reader(u)
	}
	if st == nil {
		var err error
		if st, err = s.readerBase(ctx); err != nil {
			s.log.Warn("navigation: reader state", "user", u.ID, "err", err)
			st = &readerState{User: u}
		}
	}
	nav := &readerNav{readerState: st}
	if st.holes != nil {
		return nav // a shared page: the counts are holes
	}
	var ok bool
	if nav.Unread, nav.ForYou, ok = s.readers.counts(u.ID); ok {
		return nav
	}
	if s.marks != nil {
		s.marks.flushUser(ctx, u.ID) // the counts are the store's: the marks waiting go in first
	}
	at := s.now()
	var err error
	if nav.Unread, err = s.store.CountUnreadStories(ctx, u.ID, at.Add(-topWindow)); err != nil {
		s.log.Warn("navigation: unread stories", "user", u.ID, "err", err)
		return nav
	}
	if len(st.Follows) > 0 {
		if nav.ForYou, err = s.unreadForYou(ctx, st); err != nil {
			s.log.Warn("navigation: unread for you", "user", u.ID, "err", err)
			return nav
		}
	}
	s.readers.keepCounts(u.ID, nav.Unread, nav.ForYou, at)
	return nav
}

// UnreadCount is the navigation's unread count of Top and Latest.
func (n *readerNav) UnreadCount() template.HTML {
	if n.readerState != nil && n.holes != nil {
		return n.holes.html(holeNavUnread, 0, nil)
	}
	return navCountHTML(n.Unread)
}

// ForYouCount is the navigation's unread count of For you, shown when
// the reader follows something.
func (n *readerNav) ForYouCount() template.HTML {
	switch {
	case n == nil || n.readerState == nil:
		return ""
	case n.holes != nil:
		return n.holes.html(holeNavForYou, 0, nil)
	case !n.HasFollows():
		return ""
	}
	return navCountHTML(n.ForYou)
}

// unreadForYou counts the stories of reader st's For you page they have
// not read as they are now.
func (s *Server) unreadForYou(ctx context.Context, st *readerState) (int, error) {
	list, err := s.forYou(ctx, st, topStories)
	if err != nil || len(list) == 0 {
		return 0, err
	}
	ids := make([]int64, len(list))
	for i, x := range list {
		ids[i] = x.ID
	}
	reads, err := s.store.StoriesRead(ctx, st.User.ID, ids)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, x := range list {
		if r, ok := reads[x.ID]; !ok || r.NewReports(x.ArticleCount) > 0 {
			n++
		}
	}
	return n, nil
}

// HasFollows reports whether the reader follows anything.
func (n *readerNav) HasFollows() bool { return n != nil && n.readerState != nil && len(n.Follows) > 0 }
