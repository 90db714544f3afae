package web

import (
	"net/http"
	"slices"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/atom"
)

// atomStory answers GET /stories/{id}/feed: an Atom feed of the story's
// articles, newest first.
func (s *Server) atomStory(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "id", "story")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	st, err := s.store.Story(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	timeline, err := s.store.Timeline(ctx, st.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// Syndicated copies repeat their original: a reader following the
	// story gets each report once.
	timeline = slices.DeleteFunc(timeline, func(e storyline.TimelineEntry) bool { return e.CopyOf != 0 })
	slices.Reverse(timeline)
	// Newest first, the undated (first after the reversal) last, dated as
	// the story began.
	undated := 0
	for undated < len(timeline) && timeline[undated].Published.IsZero() {
		timeline[undated].Published = st.FirstSeen
		undated++
	}
	timeline = append(timeline[undated:], timeline[:undated]...)
	timeline = timeline[:min(len(timeline), atomEntries)]
	f := s.newAtomFeed(r, st.Title, storyPath(st.ID))
	f.Subtitle = st.Summary
	f.Entries = make([]atom.Entry, 0, len(timeline))
	for _, e := range timeline {
		sum, err := s.articleSummary(ctx, e.ArticleID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		f.Entries = append(f.Entries, s.articleEntry(r, atomArticle{ID: e.ArticleID, Source: e.Source, Title: e.Title, URL: e.URL, At: e.Published, Summary: sum}))
	}
	s.writeAtom(w, r, f)
}
