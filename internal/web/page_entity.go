package web

import (
	"net/http"

	"github.com/storyline/storyline"
)

// pageEntity lists the stories naming a person, place or organisation,
// most recently updated first, a page at a time (?cursor=).
func (s *Server) pageEntity(w http.ResponseWriter, r *http.Request) {
	kind := storyline.EntityKind(r.PathValue("kind"))
	heading, ok := map[storyline.EntityKind]string{
		storyline.EntityPerson: "Person", storyline.EntityPlace: "Place", storyline.EntityOrganization: "Organisation",
	}[kind]
	name, err := nameParam(r, "name", "entity")
	if err == nil && !ok {
		err = storyline.Errorf(storyline.EINVALID, "entity kind %.40q: want person, place or organization", kind)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := storyListView{Heading: name, Kind: heading}
	if err := s.listStories(r, &v, storyline.StoryFilter{Entity: &storyline.Entity{Name: name, Kind: kind}}); err != nil {
		s.fail(w, r, err)
		return
	}
	v.Follow = followButtonFor(v.Reader, storyline.FollowEntity, name, kind, name)
	s.render(w, r, http.StatusOK, "entity", name, v)
}
