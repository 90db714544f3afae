package web

import (
	"cmp"
	"context"
	"net/http"
	"time"

	"github.com/storyline/storyline"
)

// Caps on the lists of the story and article pages, which keep them fast
// on large stories.
const (
	// maxTimeline is how many timeline entries a page shows.
	maxTimeline = 50
	// maxRelated is how many related stories a page shows.
	maxRelated = 5
)

// storyPageView is the data of the story page.
type storyPageView struct {
	Story        *storyline.Story
	FeedURL      string
	Entities     []entityGroup
	Coverage     []outletCoverage
	Timeline     []storyline.TimelineEntry
	TimelineMore int // entries left out of Timeline
	Related      []storyline.RelatedStory
	Comments     commentBlock
}

// entityGroup is the entities of one kind, under a heading.
type entityGroup struct {
	Kind     storyline.EntityKind
	Heading  string
	Entities []storyline.Entity
}

// outletCoverage is one outlet's articles in a story.
type outletCoverage struct {
	Outlet   string
	Articles []coverageItem
}

// coverageItem is one article under "Coverage".
type coverageItem struct {
	ID        int64
	Title     string
	Published time.Time
	CopyOf    string // outlet of the original, for a syndicated copy
}

// pageStory shows a story: its summary, coverage, timeline, people, places
// and organisations, related stories and comments. The id of a story
// merged into another redirects to the surviving one.
func (s *Server) pageStory(w http.ResponseWriter, r *http.Request) {
	s.pageByID(w, r, "story", s.showStory)
}

// pageByID shows the page of the story or article ("what") whose ID the
// path holds.
func (s *Server) pageByID(w http.ResponseWriter, r *http.Request, what string, show showPage) {
	id, err := idParam(r, "id", what)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	show(w, r, id, http.StatusOK, commentForm{})
}

// showStory renders story id with status, the comment form as given.
func (s *Server) showStory(w http.ResponseWriter, r *http.Request, id int64, status int, form commentForm) {
	st, err := s.store.Story(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if st.ID != id && r.Method == http.MethodGet {
		http.Redirect(w, r, storyPath(st.ID), http.StatusMovedPermanently)
		return
	}
	v, err := s.storyView(r.Context(), st, form)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "story", st.Title, v)
}

// storyView gathers what the story page shows about st.
func (s *Server) storyView(ctx context.Context, st *storyline.Story, form commentForm) (*storyPageView, error) {
	v := &storyPageView{Story: st, FeedURL: storyPath(st.ID) + "/feed", Entities: groupEntities(st.Entities)}
	timeline, err := s.store.Timeline(ctx, st.ID)
	if err != nil {
		return nil, err
	}
	v.Timeline, v.TimelineMore = capTimeline(timeline)
	v.Coverage = coverage(v.Timeline)
	if v.Related, err = s.store.RelatedStories(ctx, st.ID, maxRelated); err != nil {
		return nil, err
	}
	v.Comments, err = s.commentBlock(ctx, storyline.CommentFilter{StoryID: st.ID}, storyPath(st.ID), form)
	v.Comments.Count = st.CommentCount
	return v, err
}

// capTimeline returns the first maxTimeline entries of a timeline and how
// many are left out.
func capTimeline(list []storyline.TimelineEntry) ([]storyline.TimelineEntry, int) {
	if len(list) <= maxTimeline {
		return list, 0
	}
	return list[:maxTimeline], len(list) - maxTimeline
}

// coverage groups a story's articles by outlet, in the order the outlets
// first published, with syndicated copies marked by their original's
// outlet.
func coverage(timeline []storyline.TimelineEntry) []outletCoverage {
	source := make(map[int64]string, len(timeline))
	for _, e := range timeline {
		source[e.ArticleID] = e.Source
	}
	var out []outletCoverage
	index := map[string]int{}
	for _, e := range timeline {
		item := coverageItem{ID: e.ArticleID, Title: e.Title, Published: e.Published}
		if e.CopyOf != 0 {
			item.CopyOf = cmp.Or(source[e.CopyOf], "another outlet")
		}
		i, ok := index[e.Source]
		if !ok {
			i = len(out)
			index[e.Source] = i
			out = append(out, outletCoverage{Outlet: e.Source})
		}
		out[i].Articles = append(out[i].Articles, item)
	}
	return out
}

// groupEntities splits entities by kind: people, places, organisations.
func groupEntities(list []storyline.Entity) []entityGroup {
	groups := []entityGroup{
		{Kind: storyline.EntityPerson, Heading: "People"},
		{Kind: storyline.EntityPlace, Heading: "Places"},
		{Kind: storyline.EntityOrganization, Heading: "Organisations"},
	}
	for _, e := range list {
		for i := range groups {
			if groups[i].Kind == e.Kind {
				groups[i].Entities = append(groups[i].Entities, e)
			}
		}
	}
	out := groups[:0]
	for _, g := range groups {
		if len(g.Entities) > 0 {
			out = append(out, g)
		}
	}
	return out
}
