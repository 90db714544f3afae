package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/atom"
)

// atomOutlet answers GET /outlets/{name}/feed: an Atom feed of the
// outlet's latest articles. An unknown outlet is not found.
func (s *Server) atomOutlet(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimSpace(r.PathValue("name"))
	ctx := r.Context()
	sources, err := s.store.Sources(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var outlet *storyline.Source
	for _, src := range sources {
		if strings.EqualFold(src.Name, name) {
			outlet = src
			break
		}
	}
	if outlet == nil {
		s.fail(w, r, storyline.Errorf(storyline.ENOTFOUND, "no outlet named %.100q", name))
		return
	}
	list, err := s.store.Articles(ctx, storyline.ArticleFilter{Source: outlet.Name, Limit: atomEntries, IncludeCopies: true})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := s.newAtomFeed(r, outlet.Name, "/outlets/"+url.PathEscape(outlet.Name))
	f.Entries = make([]atom.Entry, 0, len(list))
	for _, a := range list {
		sum, err := s.articleSummary(ctx, a.ID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		f.Entries = append(f.Entries, s.articleEntry(r, atomArticle{ID: a.ID, Source: a.Source, Title: a.Title, URL: a.URL, At: articleSortTime(a), Summary: sum}))
	}
	s.writeAtom(w, r, f)
}
