package web

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/storyline/storyline"
)

// Caps on the lists of the story and article pages, which keep them fast
// on large stories.
const (
	// maxTimeline is how many timeline entries a page shows (a story's
	// page shows the others on further pages, or all at once when asked).
	maxTimeline = 50
	// outletNewest is how many of each outlet's articles the coverage
	// panel lists; the timeline has them all.
	outletNewest = 3
	// maxRelated is how many related stories a page shows.
	maxRelated = 5
	// maxOtherLanguages is how many stories of the event in other
	// languages a story's page and its API answer list.
	maxOtherLanguages = 10
)

// storyPageView is the data of the story page.
type storyPageView struct {
	Story    *storyline.Story
	Image    string     // the page-width image of its most covered report, or ""
	Brief    *briefView // nil: the summary is shown as it is
	FeedURL  string
	Entities []entityGroup
	Coverage []outletCoverage
	// Timeline is one page of the story's articles, newest first (the
	// undated last), or all of them.
	Timeline []storyline.TimelineEntry
	Pages    timelinePages
	Related  []storyline.RelatedStory
	// OtherLanguages is the event's coverage in other languages, by
	// language, the language of the best story first.
	OtherLanguages []languageCoverage
	Comments       commentBlock
	// Ask shows the "Ask this story" form (see AskForm): an Asker is
	// configured.
	Ask bool
	// Reader is the signed-in reader's state of the story and its
	// articles, nil for a visitor; NewSince is how many reports arrived
	// since they last read it, and Opened that opening the page marked
	// it read.
	Reader   *readerState
	NewSince int
	Opened   bool
}

// languageCoverage is a story's event as covered in another language:
// that language's stories of it, and their articles.
type languageCoverage struct {
	Lang     string             // the language's code, for a lang attribute
	Name     string             // its name in itself: "Deutsch", "فارسی"
	Articles int                // the articles of its stories
	Stories  []*storyline.Story // best first
}

// entityGroup is the entities of one kind, under a heading.
type entityGroup struct {
	Kind     storyline.EntityKind
	Heading  string
	Entities []storyline.Entity
}

// outletCoverage is one outlet's articles in a story: its newest few, and
// how many it has in all.
type outletCoverage struct {
	Outlet   string
	Articles []coverageItem
	Total    int
	Thumb    string // the thumbnail of its newest article with an image, or ""
}

// timelinePages is where a story's timeline page stands: page Page of
// Count (1-based), or every entry at once when All.
type timelinePages struct {
	Page, Count, Total int
	All                bool
	Base               string // the story's path, for the page links
}

// Prev and Next are the neighbouring pages, 0 when there is none.
func (p timelinePages) Prev() int { return cond(!p.All && p.Page > 1, p.Page-1) }

// Next is the page after this one, 0 when there is none.
func (p timelinePages) Next() int { return cond(!p.All && p.Page < p.Count, p.Page+1) }

// cond returns v when ok, else 0.
func cond(ok bool, v int) int {
	if ok {
		return v
	}
	return 0
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
		to := storyPath(st.ID)
		if q := r.URL.RawQuery; q != "" {
			to += "?" + q // the timeline page asked for
		}
		http.Redirect(w, r, to, http.StatusMovedPermanently)
		return
	}
	pages, err := timelinePage(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.storyView(r.Context(), st, form, pages)
	if err == nil {
		err = s.openStory(r, v)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.validateStoryPage(r.Context(), st)
	s.render(w, r, status, "story", st.Title, v)
}

// timelinePage reads which timeline page a request asks for: ?page=N
// (from 1) or ?all=1.
func timelinePage(r *http.Request) (timelinePages, error) {
	q := r.URL.Query()
	p := timelinePages{Page: 1, All: q.Get("all") == "1"}
	if s := q.Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 1<<20 {
			return p, storyline.Errorf(storyline.EINVALID, "page %q: want a page number from 1", s)
		}
		p.Page = n
	}
	return p, nil
}

// storyView gathers what the story page shows about st: the timeline's
// page p.
func (s *Server) storyView(ctx context.Context, st *storyline.Story, form commentForm, p timelinePages) (*storyPageView, error) {
	v := &storyPageView{Story: st, FeedURL: storyPath(st.ID) + "/feed", Entities: groupEntities(st.Entities), Ask: s.cfg.Asker != nil}
	timeline, err := s.store.Timeline(ctx, st.ID)
	if err != nil {
		return nil, err
	}
	v.Brief = newBriefView(st.Brief, timeline)
	v.Coverage = coverage(timeline)
	v.Timeline, v.Pages = pageTimeline(newestFirst(timeline), p)
	v.Pages.Base = storyPath(st.ID)
	if err := s.storyPageImages(ctx, v); err != nil {
		return nil, err
	}
	if v.Related, err = s.store.RelatedStories(ctx, st.ID, maxRelated); err != nil {
		return nil, err
	}
	others, err := s.store.OtherLanguages(ctx, st.ID, maxOtherLanguages)
	if err != nil {
		return nil, err
	}
	v.OtherLanguages = byLanguage(others)
	v.Comments, err = s.commentBlock(ctx, storyline.CommentFilter{StoryID: st.ID}, storyPath(st.ID), form)
	v.Comments.Count = st.CommentCount
	return v, err
}

// storyPageImages sets the images of story page v: the story's, and each
// outlet's newest report's thumbnail in the coverage panel.
func (s *Server) storyPageImages(ctx context.Context, v *storyPageView) error {
	refs, err := s.store.StoryImages(ctx, []int64{v.Story.ID})
	if err != nil {
		return fmt.Errorf("the image of story %d: %w", v.Story.ID, err)
	}
	v.Image = imageURL(refs[v.Story.ID], storyline.ImagePage)
	var ids []int64
	for _, c := range v.Coverage {
		for _, a := range c.Articles {
			ids = append(ids, a.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	images, err := s.store.ArticleImages(ctx, ids)
	if err != nil {
		return fmt.Errorf("the images of story %d's reports: %w", v.Story.ID, err)
	}
	for i, c := range v.Coverage {
		for _, a := range c.Articles {
			if ref, ok := images[a.ID]; ok {
				v.Coverage[i].Thumb = imageURL(ref, storyline.ImageThumb)
				break
			}
		}
	}
	return nil
}

// byLanguage groups stories in other languages (best first) by language,
// the language of the best story first.
func byLanguage(list []storyline.RelatedStory) []languageCoverage {
	var out []languageCoverage
	index := map[string]int{}
	for _, r := range list {
		i, ok := index[r.Story.Language]
		if !ok {
			i = len(out)
			index[r.Story.Language] = i
			out = append(out, languageCoverage{Lang: textLang(r.Story.Language), Name: languageName(r.Story.Language)})
		}
		out[i].Articles += r.Story.ArticleCount
		out[i].Stories = append(out[i].Stories, r.Story)
	}
	return out
}

// languageName returns the name of language code in that language ("de"
// → "Deutsch"), or the code itself when it names no language known.
func languageName(code string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return code
	}
	if name := display.Self.Name(tag); name != "" {
		return name
	}
	return code
}

// newestFirst returns a timeline (oldest first, undated last) newest
// first, the undated still last.
func newestFirst(list []storyline.TimelineEntry) []storyline.TimelineEntry {
	dated := len(list)
	for dated > 0 && list[dated-1].Published.IsZero() {
		dated--
	}
	out := make([]storyline.TimelineEntry, 0, len(list))
	for i := dated - 1; i >= 0; i-- {
		out = append(out, list[i])
	}
	return append(out, list[dated:]...)
}

// pageTimeline returns page p of a timeline, maxTimeline entries a page
// (the last page when p is past it), or all of it when p.All.
func pageTimeline(list []storyline.TimelineEntry, p timelinePages) ([]storyline.TimelineEntry, timelinePages) {
	p.Total = len(list)
	p.Count = max(1, (len(list)+maxTimeline-1)/maxTimeline)
	if p.All || p.Count == 1 {
		p.Page = 1
		return list, p
	}
	p.Page = min(p.Page, p.Count)
	from := (p.Page - 1) * maxTimeline
	return list[from:min(from+maxTimeline, len(list))], p
}

// coverage groups a story's articles by outlet, in the order the outlets
// first published, with syndicated copies marked by their original's
// outlet: each outlet's newest few and its count.
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
		out[i].Total++
	}
	for i := range out {
		// The newest few: the timeline is oldest first, undated last.
		out[i].Articles = newestItems(out[i].Articles, outletNewest)
	}
	return out
}

// newestItems returns the newest n of items (oldest first, undated
// last), newest first.
func newestItems(items []coverageItem, n int) []coverageItem {
	dated := len(items)
	for dated > 0 && items[dated-1].Published.IsZero() {
		dated--
	}
	out := make([]coverageItem, 0, n)
	for i := dated - 1; i >= 0 && len(out) < n; i-- {
		out = append(out, items[i])
	}
	for i := dated; i < len(items) && len(out) < n; i++ {
		out = append(out, items[i])
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
