package web

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// flakyStore is a HealthStore whose reads and writes fail on demand.
type flakyStore struct {
	pingErr, writeErr error
	writes            int
}

func (f *flakyStore) Ping(context.Context) error { return f.pingErr }

func (f *flakyStore) SetMeta(context.Context, string, string) error {
	f.writes++
	return f.writeErr
}

func TestHealthWriteProbe(t *testing.T) {
	store := &flakyStore{}
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	h := NewHealth(store, slog.New(slog.NewTextHandler(io.Discard, nil)), func() time.Time { return now })
	check := func(wantStatus int, wantReason string) {
		t.Helper()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
		var body map[string]string
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
			t.Fatalf("body %q: %v", rec.Body, err)
		}
		if rec.Code != wantStatus || !strings.Contains(body["reason"], wantReason) {
			t.Errorf("healthz = %d %v; want %d with reason %q", rec.Code, body, wantStatus, wantReason)
		}
	}
	check(http.StatusOK, "")
	if store.writes != 1 {
		t.Errorf("the first check wrote %d times, want 1 probe", store.writes)
	}

	store.writeErr = errors.New("database or disk is full")
	now = now.Add(10 * time.Second)
	check(http.StatusOK, "") // the last probe is recent
	now = now.Add(probeEvery)
	check(http.StatusServiceUnavailable, "the store cannot write: database or disk is full")
	check(http.StatusServiceUnavailable, "cannot write") // remembered, not probed again
	if store.writes != 2 {
		t.Errorf("probes = %d, want 2 (one per 30 seconds)", store.writes)
	}

	store.writeErr = nil
	now = now.Add(probeEvery)
	check(http.StatusOK, "")

	store.pingErr = errors.New("connection refused")
	check(http.StatusServiceUnavailable, "the store does not answer: connection refused")
}

// signalStore is a HealthStore whose writes fail and are told on a
// channel.
type signalStore struct{ wrote chan struct{} }

func (signalStore) Ping(context.Context) error { return nil }

func (s signalStore) SetMeta(context.Context, string, string) error {
	s.wrote <- struct{}{}
	return errors.New("attempt to write a readonly database")
}

// TestHealthRunProbes: Run probes at once, so that a store that cannot
// write is seen (and logged) before anyone asks.
func TestHealthRunProbes(t *testing.T) {
	store := signalStore{wrote: make(chan struct{}, 1)}
	h := NewHealth(store, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() { h.Run(ctx); close(done) }()
	<-store.wrote
	// The check waits for Run's probe under way to finish (both hold the
	// probe's lock), then answers from it.
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "readonly") {
		t.Errorf("healthz after a failed probe = %d %s", rec.Code, rec.Body)
	}
	select {
	case <-store.wrote:
		t.Error("healthz probed again instead of answering from Run's probe")
	default:
	}
	cancel()
	<-done
}
