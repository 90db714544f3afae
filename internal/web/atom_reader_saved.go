package web

import (
	"net/http"

	"github.com/storyline/storyline/internal/atom"
)

// atomSaved answers GET /saved/feed: an Atom feed of the signed-in
// reader's saved articles and stories, most recently saved first. Feed
// readers sign in with a feed token (?token=); visitors get 401.
func (s *Server) atomSaved(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	if u == nil {
		s.fail(w, r, errSignInFeed())
		return
	}
	ctx := r.Context()
	items, _, err := s.savedItems(ctx, u.ID, "", atomEntries, 0)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := s.newAtomFeed(r, "Saved", "/saved")
	f.Entries = make([]atom.Entry, 0, len(items))
	for _, it := range items {
		if it.Story != nil {
			f.Entries = append(f.Entries, s.storyEntry(r, it.Story))
			continue
		}
		a := it.Article
		sum, err := s.articleSummary(ctx, a.ID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		f.Entries = append(f.Entries, s.articleEntry(r, atomArticle{ID: a.ID, Source: a.Source, Title: a.Title, URL: a.URL, At: articleSortTime(a), Summary: sum}))
	}
	s.writeReaderAtom(w, r, f)
}
