package web

import (
	"net/http"
	"strings"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/atom"
)

// atomHashtag answers GET /hashtags/{tag}/feed: an Atom feed of the
// stories with the hashtag (named with or without its "#"), most recently
// updated first, each entry linking to the story's page.
func (s *Server) atomHashtag(w http.ResponseWriter, r *http.Request) {
	tag := strings.TrimPrefix(strings.TrimSpace(r.PathValue("tag")), "#")
	if tag == "" || len(tag) > maxParamLength {
		s.fail(w, r, storyline.Errorf(storyline.EINVALID, "hashtag: want a tag of 1 to %d bytes", maxParamLength))
		return
	}
	list, err := s.store.Stories(r.Context(), storyline.StoryFilter{Hashtag: tag, Limit: atomEntries})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := s.newAtomFeed(r, "#"+tag, hashtagURL(tag))
	f.Entries = make([]atom.Entry, len(list))
	for i, st := range list {
		f.Entries[i] = s.storyEntry(r, st)
	}
	s.writeAtom(w, r, f)
}

// storyEntry is an Atom entry for a story: a tag URI, a link to its page,
// its summary, its outlets as authors and its hashtags as categories.
func (s *Server) storyEntry(r *http.Request, st *storyline.Story) atom.Entry {
	page := storyPath(st.ID)
	e := atom.Entry{
		ID: tagURI(r, page[1:]), Title: st.Title, Updated: st.LastUpdated, Published: st.FirstSeen, Summary: st.Summary,
		Links: []atom.Link{{Href: s.siteURL(r) + page, Type: "text/html"}},
	}
	if e.Title == "" {
		e.Title = "(untitled)"
	}
	for _, o := range st.Outlets {
		e.Authors = append(e.Authors, s.outletPerson(r, o))
	}
	for _, k := range st.Keyphrases {
		if k.Hashtag != "" {
			e.Categories = append(e.Categories, k.Hashtag)
		}
	}
	return e
}
