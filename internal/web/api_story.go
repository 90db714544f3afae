package web

import (
	"net/http"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/api"
)

// apiRelatedStories is how many related stories GET /api/v1/stories/{id}
// lists.
const apiRelatedStories = 10

// apiStory answers GET /api/v1/stories/{id} with the story (following
// merges: the answer's id may differ), its timeline, related stories and
// stories of the same event in other languages; for a signed-in reader,
// the story and the related ones carry their read and saved flags.
func (s *Server) apiStory(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "id", "story")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	ctx := r.Context()
	st, err := s.store.Story(ctx, id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	timeline, err := s.store.Timeline(ctx, st.ID)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	related, err := s.store.RelatedStories(ctx, st.ID, apiRelatedStories)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	other, err := s.store.OtherLanguages(ctx, st.ID, maxOtherLanguages)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	stories := []*storyline.Story{st}
	for _, x := range related {
		stories = append(stories, x.Story)
	}
	reader, err := s.readerStateFor(ctx, stories, nil)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := api.NewStoryDetail(st, timeline, related, other)
	out.Story = apiStoryFor(reader, st)
	for i, x := range related {
		out.Related[i].Story = apiStoryFor(reader, x.Story)
	}
	s.writeJSON(w, http.StatusOK, out)
}
