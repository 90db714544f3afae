package llm

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

// chunk is one streamed chat-completions chunk adding content, with
// finish as its finish_reason if not empty.
func chunk(content, finish string) string {
	f := "null"
	if finish != "" {
		f = fmt.Sprintf("%q", finish)
	}
	return fmt.Sprintf(`{"id":"chatcmpl-1","object":"chat.completion.chunk","model":"test-model-q4",`+
		`"choices":[{"index":0,"delta":{"content":%q},"finish_reason":%s}]}`, content, f)
}

// usageChunk is the last chunk a server sends when asked for usage.
const usageChunk = `{"id":"chatcmpl-1","object":"chat.completion.chunk","model":"test-model-q4","choices":[],` +
	`"usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}}`

// writeEvents sends raw as an event stream, flushing it.
func writeEvents(w http.ResponseWriter, raw string) {
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "text/event-stream")
	}
	io.WriteString(w, raw)
	w.(http.Flusher).Flush()
}

// events is an event stream of the data given, one event each.
func events(data ...string) string {
	var b strings.Builder
	for _, d := range data {
		b.WriteString("data: " + d + "\n\n")
	}
	return b.String()
}

func TestStream(t *testing.T) {
	full := Completion{Text: "Hello, world!", Model: "test-model-q4", PromptTokens: 9, CompletionTokens: 3, FinishReason: "stop"}
	errEnough := errors.New("enough")
	tests := []struct {
		name       string
		handle     func(w http.ResponseWriter, r *http.Request, n int)
		onDelta    func(string) error
		timeout    time.Duration
		maxRetries int
		want       Completion
		wantDeltas []string
		wantKind   error // nil: success, unless wantErr
		wantErr    error
		wantIn     string
		wantCalls  int32
	}{
		{
			name: "deltas, usage and [DONE]",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				writeEvents(w, events(
					`{"id":"chatcmpl-1","model":"test-model-q4","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}`,
					chunk("Hello", ""), chunk(", ", ""), chunk("world!", ""), chunk("", "stop"),
					usageChunk, "[DONE]"))
			},
			want:       full,
			wantDeltas: []string{"Hello", ", ", "world!"},
			wantCalls:  1,
		},
		{
			name: "CRLF, comments, other fields and garbage lines ignored",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				writeEvents(w, ": keep-alive\r\n\r\nevent: message\r\nid: 1\r\nretry: 1000\r\ndata: "+chunk("Hello", "")+"\r\n\r\n"+
					"this line means nothing\r\n\r\n<html>\r\n\r\ndata:"+chunk(", world!", "stop")+"\r\n\r\n"+
					"data: "+usageChunk+"\r\n\r\ndata: [DONE]\r\n\r\n")
			},
			want:       full,
			wantDeltas: []string{"Hello", ", world!"},
			wantCalls:  1,
		},
		{
			name: "no [DONE] after a finished choice",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				writeEvents(w, events(chunk("Hi", "length")))
			},
			want:       Completion{Text: "Hi", Model: "test-model-q4", FinishReason: "length"},
			wantDeltas: []string{"Hi"},
			wantCalls:  1,
		},
		{
			name: "server answers with plain JSON",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				w.Header().Set("Content-Type", "application/json; charset=utf-8")
				io.WriteString(w, completionJSON("Hello!"))
			},
			want:       Completion{Text: "Hello!", Model: "test-model-q4", PromptTokens: 12, CompletionTokens: 5, FinishReason: "stop"},
			wantDeltas: []string{"Hello!"},
			wantCalls:  1,
		},
		{
			name: "503 then a stream",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				if n == 1 {
					w.WriteHeader(http.StatusServiceUnavailable)
					return
				}
				writeEvents(w, events(chunk("Hello, world!", "stop"), usageChunk, "[DONE]"))
			},
			want:       full,
			wantDeltas: []string{"Hello, world!"},
			wantCalls:  2,
		},
		{
			name: "error event before any text is retried",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				if n == 1 {
					writeEvents(w, events(`{"error":{"message":"out of memory","code":500}}`))
					return
				}
				writeEvents(w, events(chunk("Hello, world!", "stop"), usageChunk, "[DONE]"))
			},
			want:       full,
			wantDeltas: []string{"Hello, world!"},
			wantCalls:  2,
		},
		{
			name: "error event after text",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				writeEvents(w, events(chunk("Hel", ""), `{"error":{"message":"out of memory; key `+testKey+`"}}`))
			},
			wantDeltas: []string{"Hel"},
			wantKind:   ErrUnavailable,
			wantIn:     "server reported an error in the stream: out of memory; key [redacted]",
			wantCalls:  1,
		},
		{
			name: "data that is not JSON",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				writeEvents(w, events(chunk("Hello", ""), "{garbage"))
			},
			wantDeltas: []string{"Hello"},
			wantKind:   ErrMalformed,
			wantIn:     "stream event is not JSON",
			wantCalls:  1,
		},
		{
			name: "ends early before any text",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				writeEvents(w, ": nothing yet\n\n")
			},
			maxRetries: 1,
			wantKind:   ErrUnavailable,
			wantIn:     "stream ended before [DONE] (after 2 attempts)",
			wantCalls:  2,
		},
		{
			name: "ends early after text",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				writeEvents(w, events(chunk("Hello", "")))
			},
			wantDeltas: []string{"Hello"},
			wantKind:   ErrUnavailable,
			wantIn:     "stream ended before [DONE]",
			wantCalls:  1,
		},
		{
			name: "connection lost after text",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				writeEvents(w, events(chunk("Hello", "")))
				panic(http.ErrAbortHandler)
			},
			wantDeltas: []string{"Hello"},
			wantKind:   ErrUnavailable,
			wantIn:     "reading the stream",
			wantCalls:  1,
		},
		{
			name: "stalls after text",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				writeEvents(w, events(chunk("Hello", "")))
				<-r.Context().Done()
			},
			timeout:    50 * time.Millisecond,
			wantDeltas: []string{"Hello"},
			wantKind:   ErrUnavailable,
			wantIn:     "reading the stream: no answer within 50ms",
			wantCalls:  1,
		},
		{
			name: "line over the cap",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				writeEvents(w, events(chunk(strings.Repeat("x", maxEvent), "")))
			},
			wantKind:  ErrMalformed,
			wantIn:    "stream has a line or event over 1024 KiB",
			wantCalls: 1,
		},
		{
			name: "onDelta stops the stream",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				writeEvents(w, events(chunk("Hello", ""), chunk(", world!", "stop"), "[DONE]"))
			},
			onDelta:    func(string) error { return errEnough },
			wantDeltas: []string{"Hello"},
			wantErr:    errEnough,
			wantIn:     "onDelta: enough",
			wantCalls:  1,
		},
		{
			name: "400",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				http.Error(w, `{"error":"stream_options not supported"}`, http.StatusBadRequest)
			},
			wantKind:  ErrRejected,
			wantIn:    "HTTP 400 Bad Request: stream_options not supported",
			wantCalls: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, tt.handle)
			c, _ := newClient(t, srv.URL, func(cfg *Config) {
				cfg.MaxRetries = tt.maxRetries
				if tt.timeout > 0 {
					cfg.Timeout = tt.timeout
				}
			})
			var deltas []string
			got, err := c.Stream(t.Context(), hello(), func(d string) error {
				deltas = append(deltas, d)
				if tt.onDelta != nil {
					return tt.onDelta(d)
				}
				return nil
			})
			checkNoKey(t, err)
			switch {
			case tt.wantKind == nil && tt.wantErr == nil:
				if err != nil {
					t.Fatalf("Stream: %v", err)
				}
				if got != tt.want {
					t.Errorf("Stream = %+v, want %+v", got, tt.want)
				}
			default:
				for _, want := range []error{tt.wantKind, tt.wantErr} {
					if want != nil && !errors.Is(err, want) {
						t.Errorf("Stream error = %v, want %v", err, want)
					}
				}
				if err == nil || !strings.Contains(err.Error(), tt.wantIn) {
					t.Errorf("Stream error = %v, want it to say %q", err, tt.wantIn)
				}
				if got != (Completion{}) {
					t.Errorf("Stream returned %+v with its error", got)
				}
			}
			if !reflect.DeepEqual(deltas, tt.wantDeltas) {
				t.Errorf("deltas = %q, want %q", deltas, tt.wantDeltas)
			}
			if n := srv.calls.Load(); n != tt.wantCalls {
				t.Errorf("server saw %d requests, want %d", n, tt.wantCalls)
			}
		})
	}
}

func TestStreamOverCap(t *testing.T) {
	tests := []struct {
		name, event, wantIn string
	}{
		{"text", "data: " + chunk(strings.Repeat("x", 60<<10), "") + "\n\n", "streamed text exceeds 8 MiB"},
		{"stream", ": " + strings.Repeat("x", 60<<10) + "\n\n", "stream exceeds 32 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
				// Many events, each under the event cap, adding up to
				// more than the stream may hold.
				w.Header().Set("Content-Type", "text/event-stream")
				for written := 0; written <= maxStreamBody; written += len(tt.event) {
					if _, err := io.WriteString(w, tt.event); err != nil {
						return
					}
				}
			})
			c, _ := newClient(t, srv.URL, nil)
			_, err := c.Stream(t.Context(), hello(), nil)
			checkNoKey(t, err)
			if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), tt.wantIn) {
				t.Errorf("error = %v, want ErrMalformed saying %q", err, tt.wantIn)
			}
			if n := srv.calls.Load(); n != 1 {
				t.Errorf("server saw %d requests, want 1", n)
			}
		})
	}
}
