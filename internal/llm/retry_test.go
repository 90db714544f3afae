package llm

import (
	"context"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestAttemptTimeout(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		<-r.Context().Done() // answer nothing until the client gives up
	})
	c, sl := newClient(t, srv.URL, func(cfg *Config) {
		cfg.Timeout = 50 * time.Millisecond
		cfg.MaxRetries = 1
	})
	_, err := c.Complete(t.Context(), hello())
	checkNoKey(t, err)
	if !errors.Is(err, ErrUnavailable) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error = %v, want ErrUnavailable and context.DeadlineExceeded", err)
	}
	if !strings.Contains(err.Error(), "no answer within 50ms") {
		t.Errorf("error %q does not name the timeout", err)
	}
	if n := srv.calls.Load(); n != 2 {
		t.Errorf("server saw %d requests, want 2", n)
	}
	if waits := sl.recorded(); !reflect.DeepEqual(waits, []time.Duration{500 * time.Millisecond}) {
		t.Errorf("waits = %v, want [500ms]", waits)
	}
}

func TestContextEnds(t *testing.T) {
	tests := []struct {
		name      string
		handle    func(cancel context.CancelFunc) func(w http.ResponseWriter, r *http.Request, n int)
		sleep     func(cancel context.CancelFunc) func(ctx context.Context, d time.Duration) error
		deadline  bool // the context has a short deadline rather than being cancelled
		wantKind  error
		wantErr   error
		wantCalls int32
	}{
		{
			name: "cancelled during a request",
			handle: func(cancel context.CancelFunc) func(w http.ResponseWriter, r *http.Request, n int) {
				return func(w http.ResponseWriter, r *http.Request, n int) {
					cancel()
					<-r.Context().Done()
				}
			},
			wantErr:   context.Canceled,
			wantCalls: 1,
		},
		{
			name: "cancelled during a backoff",
			handle: func(context.CancelFunc) func(w http.ResponseWriter, r *http.Request, n int) {
				return func(w http.ResponseWriter, r *http.Request, n int) { w.WriteHeader(http.StatusServiceUnavailable) }
			},
			sleep: func(cancel context.CancelFunc) func(ctx context.Context, d time.Duration) error {
				return func(ctx context.Context, d time.Duration) error {
					cancel()
					return ctx.Err()
				}
			},
			wantErr:   context.Canceled,
			wantCalls: 1,
		},
		{
			name: "deadline passes during a request",
			handle: func(context.CancelFunc) func(w http.ResponseWriter, r *http.Request, n int) {
				return func(w http.ResponseWriter, r *http.Request, n int) { <-r.Context().Done() }
			},
			deadline:  true,
			wantKind:  ErrUnavailable,
			wantErr:   context.DeadlineExceeded,
			wantCalls: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			if tt.deadline {
				ctx, cancel = context.WithTimeout(ctx, 50*time.Millisecond)
				defer cancel()
			}
			srv := newServer(t, tt.handle(cancel))
			c, _ := newClient(t, srv.URL, func(cfg *Config) {
				if tt.sleep != nil {
					cfg.Sleep = tt.sleep(cancel)
				}
			})
			_, err := c.Complete(ctx, hello())
			checkNoKey(t, err)
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("error = %v, want %v", err, tt.wantErr)
			}
			if tt.wantKind != nil && !errors.Is(err, tt.wantKind) {
				t.Errorf("error = %v, want %v", err, tt.wantKind)
			}
			if tt.wantKind == nil && errors.Is(err, ErrUnavailable) {
				t.Errorf("error = %v, want it not ErrUnavailable", err)
			}
			if n := srv.calls.Load(); n != tt.wantCalls {
				t.Errorf("server saw %d requests, want %d", n, tt.wantCalls)
			}
		})
	}
}

func TestContextAlreadyCancelled(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		io.WriteString(w, completionJSON("Hello!"))
	})
	c, sl := newClient(t, srv.URL, nil)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	for _, call := range []func() error{
		func() error { _, err := c.Complete(ctx, hello()); return err },
		func() error { _, err := c.Stream(ctx, hello(), nil); return err },
	} {
		err := call()
		checkNoKey(t, err)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error = %v, want context.Canceled", err)
		}
	}
	if n := srv.calls.Load(); n != 0 {
		t.Errorf("server saw %d requests, want none", n)
	}
	if waits := sl.recorded(); len(waits) != 0 {
		t.Errorf("waits = %v, want none", waits)
	}
}

func TestNetworkErrorRetried(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {})
	base := srv.URL
	srv.Close() // nothing listens there now
	c, sl := newClient(t, base, func(cfg *Config) { cfg.MaxRetries = 2 })
	_, err := c.Complete(t.Context(), hello())
	checkNoKey(t, err)
	if !errors.Is(err, ErrUnavailable) {
		t.Fatalf("error = %v, want ErrUnavailable", err)
	}
	if !strings.Contains(err.Error(), "sending the request") || !strings.Contains(err.Error(), "(after 3 attempts)") {
		t.Errorf("error %q does not say what failed, and how often", err)
	}
	if got, want := sl.recorded(), []time.Duration{500 * time.Millisecond, time.Second}; !reflect.DeepEqual(got, want) {
		t.Errorf("waits = %v, want %v", got, want)
	}
}

func TestConcurrentUse(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n%2 == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, completionJSON("Hello!"))
	})
	c, _ := newClient(t, srv.URL, func(cfg *Config) { cfg.Jitter = nil; cfg.MaxRetries = 10 })
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			_, err := c.Complete(t.Context(), hello())
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Errorf("Complete: %v", err)
		}
	}
}
