package web

import (
	"mime"
	"net/http"
	"strings"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/api"
)

// maxAskBodyBytes caps the body of a question to the API: a question of
// storyline.MaxQuestionBytes, every byte written as a \u escape, fits.
const maxAskBodyBytes = 8 << 10

// askRequest is the body of POST /api/v1/stories/{id}/ask.
type askRequest struct {
	Question string `json:"question"`
}

// apiAskStory answers POST /api/v1/stories/{id}/ask: the question in the
// JSON body, answered from the story's coverage. With Accept:
// text/event-stream the answer comes as server-sent events (see
// askStream); errors found before the first event (an unknown story, a bad
// question, too many questions) are ordinary error answers either way.
func (s *Server) apiAskStory(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "id", "story")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxAskBodyBytes)
	var req askRequest
	if err := decodeJSON(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	text, err := questionText("question", req.Question)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	rc := http.NewResponseController(w)
	extendWrite(rc)
	if wantsEventStream(r) {
		s.streamAnswer(w, r, rc, id, text)
		return
	}
	a, err := s.askStory(r, id, text, nil)
	if err != nil {
		if r.Context().Err() == nil { // else the client has gone
			s.writeError(w, r, err)
		}
		return
	}
	s.writeJSON(w, http.StatusOK, api.NewAnswer(a))
}

// streamAnswer asks story id the question text and answers as
// server-sent events.
func (s *Server) streamAnswer(w http.ResponseWriter, r *http.Request, rc *http.ResponseController, id int64, text string) {
	st := &askStream{w: w, rc: rc}
	a, err := s.askStory(r, id, text, st.delta)
	if !st.finish() && err != nil {
		if r.Context().Err() == nil {
			s.writeError(w, r, err)
		}
		return
	}
	if err != nil {
		if storyline.ErrorCode(err) == storyline.EINTERNAL && r.Context().Err() == nil {
			s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		}
		st.event("error", api.NewError(err))
		return
	}
	st.event("answer", api.NewAnswer(a))
}

// wantsEventStream reports whether r's Accept header names
// text/event-stream (and does not refuse it with q=0).
func wantsEventStream(r *http.Request) bool {
	for _, v := range r.Header.Values("Accept") {
		for part := range strings.SplitSeq(v, ",") {
			mt, params, err := mime.ParseMediaType(part)
			if err == nil && mt == "text/event-stream" {
				q := strings.TrimRight(params["q"], "0.")
				return params["q"] == "" || q != ""
			}
		}
	}
	return false
}
