package fetch

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"
)

// stall blocks until the client goes away or 5s pass.
func stall(w http.ResponseWriter, r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-time.After(5 * time.Second):
	}
}

func TestTimeouts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		opts    func(*Options)
		handler http.HandlerFunc
		ctx     func() (context.Context, context.CancelFunc)
		want    Kind
		wantIs  error
	}{
		{
			name:    "header-timeout",
			opts:    func(o *Options) { o.HeaderTimeout = 100 * time.Millisecond },
			handler: stall,
			want:    KindTimeout,
		},
		{
			name: "whole-request-timeout",
			opts: func(o *Options) { o.Timeout = 200 * time.Millisecond },
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Write([]byte("partial"))
				w.(http.Flusher).Flush()
				stall(w, r)
			},
			want: KindTimeout,
		},
		{
			name:    "caller-deadline",
			handler: stall,
			ctx: func() (context.Context, context.CancelFunc) {
				return context.WithTimeout(context.Background(), 100*time.Millisecond)
			},
			want:   KindTimeout,
			wantIs: context.DeadlineExceeded,
		},
		{
			name:    "caller-cancel",
			handler: stall,
			ctx: func() (context.Context, context.CancelFunc) {
				ctx, cancel := context.WithCancel(context.Background())
				time.AfterFunc(50*time.Millisecond, cancel)
				return ctx, cancel
			},
			want:   KindCanceled,
			wantIs: context.Canceled,
		},
		{
			name: "caller-cancel-during-body",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Write([]byte("partial"))
				w.(http.Flusher).Flush()
				stall(w, r)
			},
			ctx: func() (context.Context, context.CancelFunc) {
				ctx, cancel := context.WithCancel(context.Background())
				time.AfterFunc(50*time.Millisecond, cancel)
				return ctx, cancel
			},
			want:   KindCanceled,
			wantIs: context.Canceled,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, tt.handler)
			o := testOptions()
			if tt.opts != nil {
				tt.opts(&o)
			}
			c := newTestClient(t, o)
			ctx := context.Background()
			if tt.ctx != nil {
				var cancel context.CancelFunc
				ctx, cancel = tt.ctx()
				defer cancel()
			}
			_, err := c.Get(ctx, Request{URL: srv.URL})
			wantKind(t, err, tt.want)
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.wantIs)
			}
			if tt.want == KindTimeout && err.Error() != "fetch "+srv.URL+": timed out" {
				t.Errorf("message %q", err)
			}
		})
	}
}

func TestAlreadyCanceled(t *testing.T) {
	t.Parallel()
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Error("request reached the server")
	}))
	for _, robots := range []bool{false, true} {
		o := testOptions()
		o.IgnoreRobots = !robots
		c := newTestClient(t, o)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := c.Get(ctx, Request{URL: srv.URL})
		if !errors.Is(err, context.Canceled) || KindOf(err) != KindCanceled {
			t.Errorf("robots=%v: got %v (%v)", robots, KindOf(err), err)
		}
	}
}
