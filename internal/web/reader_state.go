package web

import (
	"context"
	"strings"

	"github.com/storyline/storyline"
)

// readerState is what the signed-in reader has read and saved among the
// items of one page, and what they follow and mute. Its methods are safe
// on a nil state (a visitor's): nothing read, saved, followed or muted.
type readerState struct {
	User          *storyline.User
	storyReads    map[int64]storyline.StoryRead
	articlesRead  map[int64]bool
	savedStories  map[int64]bool
	savedArticles map[int64]bool
	Mutes         []*storyline.Mute
	Follows       []*storyline.Follow
	// holes is set on the state of a page rendered for every reader
	// alike (see sharedPages): the reader's own bits become holes.
	holes *holeSet
}

// readerStateFor reads the state of the reader signed in to ctx for
// stories and articles articleIDs: one query for each kind of state, not
// one per item, and the follows and mutes kept for a few seconds (see
// readerCache). It returns nil for a visitor, and a state of holes for a
// page rendered for every reader alike (see sharedPages).
func (s *Server) readerStateFor(ctx context.Context, stories []*storyline.Story, articleIDs []int64) (*readerState, error) {
	u := userFrom(ctx)
	if u == nil {
		return nil, nil
	}
	if hs := holesFrom(ctx); hs != nil {
		return hs.reader(u), nil
	}
	st := &readerState{User: u}
	var err error
	if st.Follows, st.Mutes, err = s.readers.base(ctx, s.store, u); err != nil {
		return nil, err
	}
	if err := s.addItems(ctx, st, stories, articleIDs); err != nil {
		return nil, err
	}
	return st, nil
}

// Visible returns stories without those the reader muted.
func (st *readerState) Visible(stories []*storyline.Story) []*storyline.Story {
	if st == nil || len(st.Mutes) == 0 {
		return stories
	}
	out := make([]*storyline.Story, 0, len(stories))
	for _, x := range stories {
		if storyline.HiddenBy(x, st.Mutes) == nil {
			out = append(out, x)
		}
	}
	return out
}

// SignedIn reports whether the state is a signed-in reader's.
func (st *readerState) SignedIn() bool { return st != nil }

// StoryRead reports whether the reader has read story x as it is now.
func (st *readerState) StoryRead(x *storyline.Story) bool {
	if st == nil || x == nil {
		return false
	}
	r, ok := st.storyReads[x.ID]
	return ok && r.NewReports(x.ArticleCount) == 0
}

// NewReports returns how many of story x's articles arrived since the
// reader last opened it: 0 for a story never opened (all of it is new,
// which StoryRead tells) and for a visitor.
func (st *readerState) NewReports(x *storyline.Story) int {
	if st == nil || x == nil {
		return 0
	}
	r, ok := st.storyReads[x.ID]
	if !ok {
		return 0
	}
	return r.NewReports(x.ArticleCount)
}

// ArticleRead reports whether the reader has read article id.
func (st *readerState) ArticleRead(id int64) bool {
	return st != nil && st.articlesRead[id]
}

// StorySaved reports whether the reader saved story id.
func (st *readerState) StorySaved(id int64) bool {
	return st != nil && st.savedStories[id]
}

// ArticleSaved reports whether the reader saved article id.
func (st *readerState) ArticleSaved(id int64) bool {
	return st != nil && st.savedArticles[id]
}

// Following returns the reader's follow of kind and value (ignoring
// case), or nil.
func (st *readerState) Following(kind storyline.FollowKind, value string) *storyline.Follow {
	if st == nil {
		return nil
	}
	for _, f := range st.Follows {
		if f.Kind == kind && equalFoldTrim(f.Value, value) {
			return f
		}
	}
	return nil
}

// Muting returns the reader's mute of kind and value (ignoring case), or
// nil.
func (st *readerState) Muting(kind storyline.MuteKind, value string) *storyline.Mute {
	if st == nil {
		return nil
	}
	for _, m := range st.Mutes {
		if m.Kind == kind && equalFoldTrim(m.Value, value) {
			return m
		}
	}
	return nil
}

// equalFoldTrim reports whether a and b are equal ignoring case, a
// leading "#" and surrounding spaces.
func equalFoldTrim(a, b string) bool {
	trim := func(s string) string { return strings.TrimPrefix(strings.TrimSpace(s), "#") }
	return strings.EqualFold(trim(a), trim(b))
}
