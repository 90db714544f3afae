package web

import "net/http"

// handleHealth answers GET /healthz: the server is up and the store answers.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	if _, err := s.store.CountArticles(r.Context()); err != nil {
		s.log.Error("health check", "err", err)
		s.writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
		return
	}
	s.writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}
