package web

import (
	"net/http"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/atom"
)

// atomTop answers GET /top/feed?outlet=&category=: an Atom feed of the
// top stories, ranked as the home page ranks them; a signed-in reader's
// (or a feed token's) leaves out what they mute.
func (s *Server) atomTop(w http.ResponseWriter, r *http.Request) {
	f, err := s.storyFilterParams(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.atomReaderStories(w, r, "Top stories", "/", func(st *readerState) ([]*storyline.Story, error) {
		return s.topFor(r.Context(), st, f, topStories)
	})
}

// atomLatest answers GET /latest/feed with the filters of
// /api/v1/stories: an Atom feed of the most recently updated stories; a
// signed-in reader's leaves out what they mute.
func (s *Server) atomLatest(w http.ResponseWriter, r *http.Request) {
	f, err := s.storyFilterParams(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.atomReaderStories(w, r, "Latest stories", "/latest", func(st *readerState) ([]*storyline.Story, error) {
		f.Limit = atomEntries
		if st != nil && len(st.Mutes) > 0 {
			f.Limit += mutedSpare
		}
		list, err := s.store.Stories(r.Context(), f)
		list = st.Visible(list)
		return list[:min(len(list), atomEntries)], err
	})
}

// atomForYou answers GET /foryou/feed: an Atom feed of the signed-in
// reader's For you stories. Feed readers sign in with a feed token
// (?token=); visitors get 401.
func (s *Server) atomForYou(w http.ResponseWriter, r *http.Request) {
	if userFrom(r.Context()) == nil {
		s.fail(w, r, errSignInFeed())
		return
	}
	s.atomReaderStories(w, r, "For you", "/foryou", func(st *readerState) ([]*storyline.Story, error) {
		return s.forYou(r.Context(), st, topStories)
	})
}

// atomReaderStories writes an Atom feed titled title, of the page at
// page, of the stories list returns for the reader signed in (nil for a
// visitor).
func (s *Server) atomReaderStories(w http.ResponseWriter, r *http.Request, title, page string, list func(*readerState) ([]*storyline.Story, error)) {
	st, err := s.readerStateFor(r.Context(), nil, nil)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	stories, err := list(st)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := s.newAtomFeed(r, title, page)
	f.Entries = make([]atom.Entry, len(stories))
	for i, x := range stories {
		f.Entries[i] = s.storyEntry(r, x)
	}
	s.writeReaderAtom(w, r, f)
}

// writeReaderAtom writes f, which may be a reader's own, as
// writeAtom does; a signed-in reader's is not kept by caches on the way.
func (s *Server) writeReaderAtom(w http.ResponseWriter, r *http.Request, f *atom.Feed) {
	if userFrom(r.Context()) != nil {
		w.Header().Set("Cache-Control", "private, no-store")
	}
	s.writeAtom(w, r, f)
}

// errSignInFeed is the error of a reader's own feed asked by a visitor.
func errSignInFeed() error {
	return storyline.Errorf(storyline.EUNAUTHORIZED, "sign in first, or add ?token=<your feed token> to the feed's address (Settings → Feed token)")
}
