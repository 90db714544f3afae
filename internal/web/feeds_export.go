package web

import (
	"bytes"
	"fmt"
	"net/http"

	"github.com/storyline/storyline/internal/opml"
)

// feedsExport answers the subscriptions as an OPML file, which other feed
// readers import; administrators only.
func (s *Server) feedsExport(w http.ResponseWriter, r *http.Request) {
	if !s.adminOnly(w, r) {
		return
	}
	feeds, err := s.store.Feeds(r.Context())
	if err != nil {
		s.fail(w, r, fmt.Errorf("export feeds: %w", err))
		return
	}
	outlines := make([]opml.Outline, len(feeds))
	for i, f := range feeds {
		outlines[i] = opml.Outline{URL: f.URL, Title: f.Title, SiteURL: f.SiteURL, Category: f.Category}
	}
	set, err := s.currentSettings(r.Context())
	if err != nil {
		s.log.Warn("export feeds: settings", "err", err)
	}
	var buf bytes.Buffer
	if err := opml.Write(&buf, set.SiteName+" subscriptions", outlines); err != nil {
		s.fail(w, r, fmt.Errorf("export feeds: %w", err))
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/x-opml; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="storyline-feeds.opml"`)
	h.Set("Cache-Control", "private, no-store")
	_, _ = buf.WriteTo(w)
}
