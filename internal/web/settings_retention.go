package web

import (
	"context"
	"fmt"
	"net/http"

	"github.com/storyline/storyline"
)

// retentionView is the retention part of the settings page.
type retentionView struct {
	// Age is the age in force, as ParseRetention reads it ("0": keep
	// everything).
	Age string
	// Fixed is true when the server's --retain flag sets the age, which
	// the page then shows but cannot change.
	Fixed bool
}

// loadRetention returns the retention age in force: the server's flag
// when given, else the one saved from this page.
func (s *Server) loadRetention(ctx context.Context) (retentionView, error) {
	if s.cfg.Retain != "" {
		return retentionView{Age: s.cfg.Retain, Fixed: true}, nil
	}
	v, ok, err := s.store.Meta(ctx, storyline.RetentionKey)
	if err != nil {
		return retentionView{}, fmt.Errorf("settings page: retention: %w", err)
	}
	if !ok {
		v = "0"
	}
	return retentionView{Age: v}, nil
}

// postRetention saves how long articles are kept, from the form field
// "retain" (90d, 12w, 0 …). Administrators only; refused while the
// server's --retain flag sets it.
func (s *Server) postRetention(w http.ResponseWriter, r *http.Request) {
	if !s.adminForm(w, r) {
		return
	}
	v := settingsView{Section: "retention"}
	if s.cfg.Retain != "" {
		s.settingsFormError(w, r, v, storyline.Errorf(storyline.ECONFLICT,
			"the server was started with --retain %s (or STORYLINE_RETAIN), which decides; restart it without to set the age here", s.cfg.Retain))
		return
	}
	age, err := storyline.ParseRetention(r.PostFormValue("retain"))
	if err != nil {
		s.settingsFormError(w, r, v, err)
		return
	}
	if err := s.store.SetMeta(r.Context(), storyline.RetentionKey, storyline.FormatRetention(age)); err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("retention changed", "retain", storyline.FormatRetention(age), "by", userFrom(r.Context()).Name)
	http.Redirect(w, r, "/settings?done=retention", http.StatusSeeOther)
}
