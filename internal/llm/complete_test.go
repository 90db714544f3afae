package llm

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestComplete(t *testing.T) {
	okCompletion := Completion{Text: "Hello!", Model: "test-model-q4", PromptTokens: 12, CompletionTokens: 5, FinishReason: "stop"}
	fixedNow := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name       string
		handle     func(w http.ResponseWriter, r *http.Request, n int)
		maxRetries int
		want       Completion
		wantKind   error    // nil: success
		wantIn     []string // in the error message
		wantCalls  int
		wantWaits  []time.Duration
	}{
		{
			name: "success with usage",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				w.Header().Set("Content-Type", "application/json")
				io.WriteString(w, completionJSON("Hello!"))
			},
			want:      okCompletion,
			wantCalls: 1,
		},
		{
			name: "null content, no usage",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				io.WriteString(w, `{"model":"m","choices":[{"message":{"role":"assistant","content":null},"finish_reason":"length"}]}`)
			},
			want:      Completion{Model: "m", FinishReason: "length"},
			wantCalls: 1,
		},
		{
			name: "503 twice then 200",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				if n <= 2 {
					http.Error(w, `{"error":"model is loading"}`, http.StatusServiceUnavailable)
					return
				}
				io.WriteString(w, completionJSON("Hello!"))
			},
			want:      okCompletion,
			wantCalls: 3,
			wantWaits: []time.Duration{500 * time.Millisecond, time.Second},
		},
		{
			name: "Retry-After seconds",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				if n == 1 {
					w.Header().Set("Retry-After", "7")
					w.WriteHeader(http.StatusTooManyRequests)
					return
				}
				io.WriteString(w, completionJSON("Hello!"))
			},
			want:      okCompletion,
			wantCalls: 2,
			wantWaits: []time.Duration{7 * time.Second},
		},
		{
			name: "Retry-After date",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				if n == 1 {
					w.Header().Set("Retry-After", fixedNow.Add(10*time.Second).Format(http.TimeFormat))
					w.WriteHeader(http.StatusServiceUnavailable)
					return
				}
				io.WriteString(w, completionJSON("Hello!"))
			},
			want:      okCompletion,
			wantCalls: 2,
			wantWaits: []time.Duration{10 * time.Second},
		},
		{
			name: "Retry-After capped",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				if n == 1 {
					w.Header().Set("Retry-After", "86400")
					w.WriteHeader(http.StatusTooManyRequests)
					return
				}
				io.WriteString(w, completionJSON("Hello!"))
			},
			want:      okCompletion,
			wantCalls: 2,
			wantWaits: []time.Duration{maxRetryAfter},
		},
		{
			name: "500 until the retries run out",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				http.Error(w, "upstream exploded", http.StatusInternalServerError)
			},
			wantKind:  ErrUnavailable,
			wantIn:    []string{"HTTP 500 Internal Server Error: upstream exploded", "(after 4 attempts)"},
			wantCalls: 4,
			wantWaits: []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second},
		},
		{
			name: "no retries",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				w.WriteHeader(http.StatusBadGateway)
			},
			maxRetries: -1,
			wantKind:   ErrUnavailable,
			wantIn:     []string{"HTTP 502 Bad Gateway"},
			wantCalls:  1,
		},
		{
			name: "400 not retried",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				w.WriteHeader(http.StatusBadRequest)
				io.WriteString(w, `{"error":{"message":"model 'nope' not found","type":"invalid_request_error"}}`)
			},
			wantKind:  ErrRejected,
			wantIn:    []string{"HTTP 400 Bad Request: model 'nope' not found"},
			wantCalls: 1,
		},
		{
			name: "401 echoing the key",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				w.WriteHeader(http.StatusUnauthorized)
				fmt.Fprintf(w, `{"error":{"message":"bad key %s (header %s)"}}`, testKey, r.Header.Get("Authorization"))
			},
			wantKind:  ErrRejected,
			wantIn:    []string{"HTTP 401 Unauthorized: bad key [redacted] (header Bearer [redacted])"},
			wantCalls: 1,
		},
		{
			name: "long error message cut",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				w.WriteHeader(http.StatusUnprocessableEntity)
				io.WriteString(w, "start\n\t"+strings.Repeat("é", 500)+"END")
			},
			wantKind:  ErrRejected,
			wantIn:    []string{"HTTP 422 Unprocessable Entity: start éé", "é…"},
			wantCalls: 1,
		},
		{
			name: "redirect not followed",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				http.Redirect(w, r, "https://elsewhere.invalid/v1/chat/completions", http.StatusMovedPermanently)
			},
			wantKind:  ErrRejected,
			wantIn:    []string{"HTTP 301 Moved Permanently (redirects are not followed"},
			wantCalls: 1,
		},
		{
			name: "malformed JSON",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				io.WriteString(w, `{"choices":[{"message":`)
			},
			wantKind:  ErrMalformed,
			wantIn:    []string{"response is not chat-completion JSON"},
			wantCalls: 1,
		},
		{
			name: "HTML instead of JSON",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				io.WriteString(w, `<html>proxy login</html>`)
			},
			wantKind:  ErrMalformed,
			wantIn:    []string{"response is not chat-completion JSON"},
			wantCalls: 1,
		},
		{
			name: "empty choices",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				io.WriteString(w, `{"model":"m","choices":[]}`)
			},
			wantKind:  ErrMalformed,
			wantIn:    []string{"response has no choices"},
			wantCalls: 1,
		},
		{
			name: "200 with an error and no choices",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				io.WriteString(w, `{"error":{"message":"context window exceeded"}}`)
			},
			wantKind:  ErrMalformed,
			wantIn:    []string{"response has no choices: context window exceeded"},
			wantCalls: 1,
		},
		{
			name: "body over the cap",
			handle: func(w http.ResponseWriter, r *http.Request, n int) {
				io.WriteString(w, `{"pad":"`+strings.Repeat("x", maxBody)+`",`+completionJSON("Hello!")[1:])
			},
			wantKind:  ErrMalformed,
			wantIn:    []string{"response body exceeds 8 MiB"},
			wantCalls: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, tt.handle)
			c, sl := newClient(t, srv.URL, func(cfg *Config) {
				cfg.MaxRetries = tt.maxRetries
				cfg.Now = func() time.Time { return fixedNow }
			})
			got, err := c.Complete(t.Context(), hello())
			checkNoKey(t, err)
			if tt.wantKind == nil {
				if err != nil {
					t.Fatalf("Complete: %v", err)
				}
				if got != tt.want {
					t.Errorf("Complete = %+v, want %+v", got, tt.want)
				}
			} else {
				if !errors.Is(err, tt.wantKind) {
					t.Fatalf("Complete error = %v, want %v", err, tt.wantKind)
				}
				for _, s := range tt.wantIn {
					if !strings.Contains(err.Error(), s) {
						t.Errorf("error %q does not say %q", err, s)
					}
				}
				if !strings.Contains(err.Error(), srv.URL+"/v1/chat/completions") {
					t.Errorf("error %q does not name the endpoint", err)
				}
				if len(err.Error()) > 600 {
					t.Errorf("error is %d bytes long: %q", len(err.Error()), err)
				}
				if got != (Completion{}) {
					t.Errorf("Complete returned %+v with its error", got)
				}
			}
			if n := int(srv.calls.Load()); n != tt.wantCalls {
				t.Errorf("server saw %d requests, want %d", n, tt.wantCalls)
			}
			if waits := sl.recorded(); !reflect.DeepEqual(waits, tt.wantWaits) && (len(waits) > 0 || len(tt.wantWaits) > 0) {
				t.Errorf("waits = %v, want %v", waits, tt.wantWaits)
			}
		})
	}
}

func TestCompleteError(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	})
	c, _ := newClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 1 })
	_, err := c.Complete(t.Context(), hello())
	checkNoKey(t, err)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %T is not an *Error", err)
	}
	want := Error{Op: "complete", Endpoint: srv.URL + "/v1/chat/completions", Status: 429, Attempts: 2, Kind: ErrUnavailable, Msg: "HTTP 429 Too Many Requests: slow down"}
	if *e != want {
		t.Errorf("error = %#v, want %#v", *e, want)
	}
	for _, kind := range []error{ErrRejected, ErrMalformed} {
		if errors.Is(err, kind) {
			t.Errorf("error is also %v", kind)
		}
	}
}

func TestEndpoint(t *testing.T) {
	tests := []struct{ base, path string }{
		{"", "/v1/chat/completions"},
		{"/", "/v1/chat/completions"},
		{"/v1", "/v1/chat/completions"},
		{"/v1/", "/v1/chat/completions"},
		{"/v1//", "/v1/chat/completions"},
		{"/v1/chat/completions", "/v1/chat/completions"},
		{"/api", "/api/v1/chat/completions"},
		{"/api/v1/", "/api/v1/chat/completions"},
	}
	for _, tt := range tests {
		t.Run(tt.base, func(t *testing.T) {
			var path, method string
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
				path, method = r.URL.Path, r.Method
				io.WriteString(w, completionJSON("Hello!"))
			})
			c, _ := newClient(t, srv.URL+tt.base, nil)
			if c.Endpoint() != srv.URL+tt.path {
				t.Errorf("Endpoint() = %q, want %q", c.Endpoint(), srv.URL+tt.path)
			}
			if _, err := c.Complete(t.Context(), hello()); err != nil {
				t.Fatalf("Complete: %v", err)
			}
			if path != tt.path || method != http.MethodPost {
				t.Errorf("request was %s %s, want POST %s", method, path, tt.path)
			}
		})
	}
}

func TestAuthorization(t *testing.T) {
	tests := []struct{ key, want string }{
		{testKey, "Bearer " + testKey},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("key=%t", tt.key != ""), func(t *testing.T) {
			var got []string
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
				got = r.Header.Values("Authorization")
				io.WriteString(w, completionJSON("Hello!"))
			})
			c, _ := newClient(t, srv.URL, func(cfg *Config) { cfg.APIKey = tt.key })
			if _, err := c.Complete(t.Context(), hello()); err != nil {
				t.Fatalf("Complete: %v", err)
			}
			var want []string
			if tt.want != "" {
				want = []string{tt.want}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Authorization = %q, want %q", got, want)
			}
		})
	}
}

func TestRequestBody(t *testing.T) {
	zero, warm := 0.0, 0.7
	tests := []struct {
		name   string
		req    Request
		stream bool
		want   string
	}{
		{
			name: "plain",
			req:  hello(),
			want: `{"messages":[{"content":"Say hello.","role":"user"}],"model":"test-model"}`,
		},
		{
			name: "max tokens and zero temperature",
			req:  Request{Messages: []Message{{"system", "Be brief."}, {"user", "Hi"}}, MaxTokens: 300, Temperature: &zero},
			want: `{"max_tokens":300,"messages":[{"content":"Be brief.","role":"system"},{"content":"Hi","role":"user"}],"model":"test-model","temperature":0}`,
		},
		{
			name:   "streamed",
			req:    Request{Messages: hello().Messages, Temperature: &warm},
			stream: true,
			want:   `{"messages":[{"content":"Say hello.","role":"user"}],"model":"test-model","stream":true,"stream_options":{"include_usage":true},"temperature":0.7}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body []byte
			var contentType, accept string
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
				body, _ = io.ReadAll(r.Body)
				contentType, accept = r.Header.Get("Content-Type"), r.Header.Get("Accept")
				io.WriteString(w, completionJSON("Hello!"))
			})
			c, _ := newClient(t, srv.URL, nil)
			var err error
			wantAccept := "application/json"
			if tt.stream {
				_, err = c.Stream(t.Context(), tt.req, nil)
				wantAccept = "text/event-stream"
			} else {
				_, err = c.Complete(t.Context(), tt.req)
			}
			if err != nil {
				t.Fatalf("request: %v", err)
			}
			var v any
			if err := json.Unmarshal(body, &v); err != nil {
				t.Fatalf("body %s: %v", body, err)
			}
			canon, _ := json.Marshal(v) // sorts the keys
			if string(canon) != tt.want {
				t.Errorf("body = %s\nwant   %s", canon, tt.want)
			}
			if contentType != "application/json" || accept != wantAccept {
				t.Errorf("Content-Type %q, Accept %q; want application/json, %s", contentType, accept, wantAccept)
			}
		})
	}
}

func TestRequestRefused(t *testing.T) {
	nan := 0.0
	nan /= nan
	tests := []struct {
		name string
		req  Request
		want string
	}{
		{"no messages", Request{}, "request has no messages"},
		{"negative max tokens", Request{Messages: hello().Messages, MaxTokens: -1}, "MaxTokens -1 is negative"},
		{"NaN temperature", Request{Messages: hello().Messages, Temperature: &nan}, "Temperature is not a finite number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
				io.WriteString(w, completionJSON("Hello!"))
			})
			c, _ := newClient(t, srv.URL, nil)
			_, err := c.Complete(t.Context(), tt.req)
			_, serr := c.Stream(t.Context(), tt.req, nil)
			for _, err := range []error{err, serr} {
				checkNoKey(t, err)
				if !errors.Is(err, ErrRejected) || !strings.Contains(fmt.Sprint(err), tt.want) {
					t.Errorf("error = %v, want ErrRejected saying %q", err, tt.want)
				}
			}
			if n := srv.calls.Load(); n != 0 {
				t.Errorf("server saw %d requests, want none", n)
			}
		})
	}
}
