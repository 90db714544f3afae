package web

import (
	"net/http"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/api"
)

// apiForYou answers GET /api/v1/foryou?limit= (default 30) with the
// signed-in reader's For you stories: those of the last week about what
// they follow, without what they mute, ranked as Top is; none when they
// follow nothing.
func (s *Server) apiForYou(w http.ResponseWriter, r *http.Request) {
	if s.apiReader(w, r) == nil {
		return
	}
	n, err := intParam(r.URL.Query(), "limit", topStories, 1, topCandidates)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	list, st, err := s.rankedForReader(r.Context(), func(st *readerState) ([]*storyline.Story, error) {
		return s.forYou(r.Context(), st, n)
	})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, api.StoryPage{Stories: apiStoriesFor(st, list)})
}
