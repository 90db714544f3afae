// Package llmtest is a fake OpenAI-compatible chat-completions server for
// tests: real HTTP on loopback, answers chosen by the test, streaming as
// server-sent events when the request asks for it.
package llmtest

import (
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/llm"
)

// Request is what the server was asked.
type Request struct {
	Path          string
	Model         string
	Messages      []llm.Message
	Stream        bool
	MaxTokens     int
	Authorization string // the Authorization header as sent
}

// Prompt returns the request's messages joined, for searching.
func (r Request) Prompt() string {
	var b strings.Builder
	for _, m := range r.Messages {
		b.WriteString(m.Content)
		b.WriteString("\n")
	}
	return b.String()
}

// Response is how the server answers one request.
type Response struct {
	Text   string        // the model's answer
	Status int           // 0 means 200
	Body   string        // when set, sent as is instead of a chat completion
	Delay  time.Duration // wait this long first (or until the client hangs up)
	// PromptTokens and CompletionTokens are reported as usage when either
	// is set.
	PromptTokens, CompletionTokens int
}

// Server is the fake service. Its methods are safe for concurrent use.
type Server struct {
	*httptest.Server
	respond func(Request) Response

	mu       sync.Mutex
	requests []Request
}

// New starts a server answering each request with respond; it is closed
// when the test ends.
func New(t testing.TB, respond func(Request) Response) *Server {
	t.Helper()
	s := &Server{respond: respond}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	s.Config.ErrorLog = log.New(io.Discard, "", 0)
	s.Start()
	t.Cleanup(s.Close)
	return s
}

// Requests returns the requests received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// serve answers one request.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Model     string        `json:"model"`
		Messages  []llm.Message `json:"messages"`
		Stream    bool          `json:"stream"`
		MaxTokens int           `json:"max_tokens"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, `{"error":{"message":"bad request body"}}`, http.StatusBadRequest)
		return
	}
	req := Request{Path: r.URL.Path, Model: body.Model, Messages: body.Messages, Stream: body.Stream,
		MaxTokens: body.MaxTokens, Authorization: r.Header.Get("Authorization")}
	s.mu.Lock()
	s.requests = append(s.requests, req)
	s.mu.Unlock()
	resp := s.respond(req)
	if resp.Delay > 0 {
		select {
		case <-time.After(resp.Delay):
		case <-r.Context().Done():
			return
		}
	}
	if resp.Status == 0 {
		resp.Status = http.StatusOK
	}
	switch {
	case resp.Body != "" || resp.Status != http.StatusOK:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(resp.Status)
		io.WriteString(w, resp.Body)
	case req.Stream:
		s.stream(w, req, resp)
	default:
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(completion(req, resp))
	}
}

// stream sends resp's text as server-sent events, a word at a time.
func (s *Server) stream(w http.ResponseWriter, req Request, resp Response) {
	w.Header().Set("Content-Type", "text/event-stream")
	flush := func() {
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
	}
	words := strings.SplitAfter(resp.Text, " ")
	for i, piece := range words {
		chunk := map[string]any{"model": req.Model, "choices": []any{map[string]any{
			"index": 0, "delta": map[string]any{"content": piece}, "finish_reason": nil}}}
		if i == len(words)-1 {
			chunk["choices"] = []any{map[string]any{"index": 0, "delta": map[string]any{"content": piece}, "finish_reason": "stop"}}
			if u := usage(resp); u != nil {
				chunk["usage"] = u
			}
		}
		b, _ := json.Marshal(chunk)
		fmt.Fprintf(w, "data: %s\n\n", b)
		flush()
	}
	io.WriteString(w, "data: [DONE]\n\n")
	flush()
}

// completion is a whole chat-completion answer.
func completion(req Request, resp Response) map[string]any {
	out := map[string]any{
		"id": "chatcmpl-test", "object": "chat.completion", "model": req.Model,
		"choices": []any{map[string]any{"index": 0, "message": map[string]any{"role": "assistant", "content": resp.Text}, "finish_reason": "stop"}},
	}
	if u := usage(resp); u != nil {
		out["usage"] = u
	}
	return out
}

// usage is the usage object of resp, or nil.
func usage(resp Response) map[string]any {
	if resp.PromptTokens == 0 && resp.CompletionTokens == 0 {
		return nil
	}
	return map[string]any{"prompt_tokens": resp.PromptTokens, "completion_tokens": resp.CompletionTokens,
		"total_tokens": resp.PromptTokens + resp.CompletionTokens}
}
