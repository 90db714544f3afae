package web

import (
	"net/http"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/api"
)

// feedPatch is the JSON body of PATCH /api/v1/feeds/{id}: the settings to
// change. A field left out (or null) keeps its setting; a new setting is
// a field here and its lines in check and apply.
type feedPatch struct {
	FeedOnly *bool   `json:"feed_only"`
	Paused   *bool   `json:"paused"`
	Category *string `json:"category"`
	Source   *string `json:"source"`
}

// check refuses a patch that changes nothing, and trims and checks the
// category and outlet name. Its errors are EINVALID and name the field.
func (p *feedPatch) check() error {
	if *p == (feedPatch{}) {
		return storyline.Errorf(storyline.EINVALID, "request body: nothing to change: give feed_only, paused, category or source")
	}
	for _, l := range []struct {
		what  string
		value *string
	}{{`request body: field "category"`, p.Category}, {`request body: field "source"`, p.Source}} {
		if l.value == nil {
			continue
		}
		v, err := feedLabel(l.what, *l.value)
		if err != nil {
			return err
		}
		*l.value = v
	}
	return nil
}

// apply sets on f the settings p gives; p must have passed check.
func (p *feedPatch) apply(f *storyline.Feed) {
	if p.FeedOnly != nil {
		f.FeedOnly = *p.FeedOnly
	}
	if p.Paused != nil {
		f.Paused = *p.Paused
	}
	if p.Category != nil {
		f.Category = *p.Category
	}
	if p.Source != nil {
		f.Source = *p.Source
	}
}

// apiPatchFeed answers PATCH /api/v1/feeds/{id} {"feed_only": true, …}
// (administrators): it changes the settings given and answers 200 with
// the feed as stored, in the shape GET /api/v1/feeds lists it.
func (s *Server) apiPatchFeed(w http.ResponseWriter, r *http.Request) {
	if err := requireAdmin(r.Context()); err != nil {
		s.writeError(w, r, err)
		return
	}
	id, err := idParam(r, "id", "feed")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var in feedPatch
	if err := decodeJSON(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := in.check(); err != nil {
		s.writeError(w, r, err)
		return
	}
	f, err := s.store.Feed(r.Context(), id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	in.apply(f)
	if err := s.store.UpdateFeed(r.Context(), f); err != nil {
		s.writeError(w, r, err)
		return
	}
	if f, err = s.store.Feed(r.Context(), id); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.log.Info("feed changed", "feed", f.ID, "feed_only", f.FeedOnly, "paused", f.Paused, "by", userFrom(r.Context()).Name)
	out := api.NewFeed(f)
	out.ErrorHelp = feedErrorHelp(out.LastError)
	s.writeJSON(w, http.StatusOK, out)
}
