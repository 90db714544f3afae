package llm

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testKey is the API key the tests use; no error may show it.
const testKey = "sk-test-5ecret-0123456789abcdef"

// zeroJitter is a rand.Source that always draws 0, so backoffs are exact.
type zeroJitter struct{}

func (zeroJitter) Uint64() uint64 { return 0 }

// sleeper records the waits asked of it instead of waiting.
type sleeper struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (s *sleeper) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.waits = append(s.waits, d)
	return ctx.Err()
}

func (s *sleeper) recorded() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.waits...)
}

// server is a fake chat-completions service: handle answers request
// number n (from 1) to any path. The request body is read in full first,
// as real servers do, so that the server notices a client hanging up.
type server struct {
	*httptest.Server
	calls atomic.Int32
}

func newServer(t *testing.T, handle func(w http.ResponseWriter, r *http.Request, n int)) *server {
	t.Helper()
	s := &server{}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("reading the request: %v", err)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		handle(w, r, int(s.calls.Add(1)))
	}))
	s.Config.ErrorLog = log.New(io.Discard, "", 0)
	s.Start()
	t.Cleanup(s.Close)
	return s
}

// newClient returns a client for the server at base, with the test key,
// a recording sleeper and no jitter; edit changes the config first.
func newClient(t *testing.T, base string, edit func(*Config)) (*Client, *sleeper) {
	t.Helper()
	sl := &sleeper{}
	cfg := Config{
		BaseURL: base,
		Model:   "test-model",
		APIKey:  testKey,
		Timeout: 5 * time.Second,
		Sleep:   sl.sleep,
		Jitter:  zeroJitter{},
	}
	if edit != nil {
		edit(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c, sl
}

// checkNoKey fails the test if err, however printed, shows the test key.
func checkNoKey(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	for _, s := range []string{err.Error(), fmt.Sprintf("%v", err), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
		if strings.Contains(s, testKey) {
			t.Errorf("error shows the API key: %s", s)
		}
	}
}

// completionJSON is a chat-completions answer saying text.
func completionJSON(text string) string {
	return fmt.Sprintf(`{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"test-model-q4",`+
		`"choices":[{"index":0,"message":{"role":"assistant","content":%q},"finish_reason":"stop"}],`+
		`"usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17}}`, text)
}

// hello returns a one-message request.
func hello() Request {
	return Request{Messages: []Message{{Role: "user", Content: "Say hello."}}}
}
