package web

import (
	"encoding/json"
	"net/http"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/api"
)

// statusOf maps a domain error code to an HTTP status: the one place
// where that mapping lives.
func statusOf(code string) int {
	switch code {
	case storyline.ENOTFOUND:
		return http.StatusNotFound
	case storyline.EINVALID:
		return http.StatusBadRequest
	case storyline.ECONFLICT:
		return http.StatusConflict
	case storyline.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case storyline.EFORBIDDEN:
		return http.StatusForbidden
	case storyline.ETOOMANY:
		return http.StatusTooManyRequests
	default:
		return http.StatusInternalServerError
	}
}

// writeJSON writes v as JSON with status.
func (s *Server) writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	if err := enc.Encode(v); err != nil {
		s.log.Warn("write response", "err", err)
	}
}

// writeError writes err in the API's one error shape; internal errors are
// logged and shown only as "internal error".
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	code := storyline.ErrorCode(err)
	if code == storyline.EINTERNAL {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	setRetryAfter(w, err)
	s.writeJSON(w, statusOf(code), api.NewError(err))
}

// fail answers err in the form the request expects: the API's JSON error
// shape, or an error page.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if isAPI(r) {
		s.writeError(w, r, err)
		return
	}
	s.errorPage(w, r, err)
}
