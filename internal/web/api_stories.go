package web

import (
	"net/http"
	"time"

	"github.com/storyline/storyline"

	"github.com/storyline/storyline/internal/api"
)

// apiStoriesPage is the default page size of GET /api/v1/stories.
const apiStoriesPage = 50

// apiStories answers GET /api/v1/stories?outlet=&category=&hashtag=
// &entity=&kind=&since=&limit=&cursor= with stories, most recently updated
// first, a page at a time. A signed-in reader's stories carry their read
// and saved flags, and those they mute are left out (a page may then hold
// fewer than limit; next_cursor still leads on).
func (s *Server) apiStories(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f, err := s.storyFilterParams(q)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if f.Limit, f.BeforeTime, f.BeforeID, err = keysetParams(q, apiStoriesPage); err != nil {
		s.writeError(w, r, err)
		return
	}
	list, err := s.store.Stories(r.Context(), f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	st, err := s.readerStateFor(r.Context(), list, nil)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, api.StoryPage{Stories: apiStoriesFor(st, st.Visible(list)), NextCursor: nextCursor(list, f.Limit, storyKey)})
}

// apiTopStories answers GET /api/v1/stories/top with the front page's
// stories, ranked as the home page ranks them; it takes the filters of
// /api/v1/stories (but not since or cursor) and limit (default 30). A
// signed-in reader's ranking leaves out what they mute.
func (s *Server) apiTopStories(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f, err := s.storyFilterParams(q)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	n, err := intParam(q, "limit", topStories, 1, topCandidates)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	list, st, err := s.rankedForReader(r.Context(), func(st *readerState) ([]*storyline.Story, error) {
		return s.topFor(r.Context(), st, f, n)
	})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, api.StoryPage{Stories: apiStoriesFor(st, list)})
}

// storyKey is what stories are listed by: last update, then ID.
func storyKey(st *storyline.Story) (time.Time, int64) { return st.LastUpdated, st.ID }
