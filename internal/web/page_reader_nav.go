package web

import "context"

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
	if st == nil {
		var err error
		if st, err = s.readerBase(ctx); err != nil {
			s.log.Warn("navigation: reader state", "user", u.ID, "err", err)
			st = &readerState{User: u}
		}
	}
	nav := &readerNav{readerState: st}
	var err error
	if nav.Unread, err = s.store.CountUnreadStories(ctx, u.ID, s.now().Add(-topWindow)); err != nil {
		s.log.Warn("navigation: unread stories", "user", u.ID, "err", err)
	}
	if len(st.Follows) > 0 {
		if nav.ForYou, err = s.unreadForYou(ctx, st); err != nil {
			s.log.Warn("navigation: unread for you", "user", u.ID, "err", err)
		}
	}
	return nav
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
