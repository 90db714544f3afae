package web

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"time"
)

// HealthStore is what the health check asks: whether the store answers a
// query, and whether it can write.
type HealthStore interface {
	Ping(ctx context.Context) error
	SetMeta(ctx context.Context, key, value string) error
}

// Health checks, how often the write probe runs and how long each check
// may take.
const (
	probeEvery   = 30 * time.Second
	checkTimeout = 5 * time.Second
	probeKey     = "health.probe" // the MetaStore key the probe writes
)

// Health answers GET /healthz: 200 {"status":"ok"} while the store (the
// database) answers a query and its last write probe succeeded; 503 with
// {"status":"unavailable","reason":…} otherwise — a store that still
// reads but cannot write (a full disk, a read-only file) is not healthy,
// since nothing new can be stored. The reason is the store's error, for
// the operator: it names no secret. The web server serves it, and so
// does a worker beside its metrics.
type Health struct {
	store HealthStore
	log   *slog.Logger
	now   func() time.Time

	mu       sync.Mutex // held while probing, so that probes do not pile up
	probedAt time.Time  // when the last probe ran; zero before the first
	probeErr error      // its error
}

// NewHealth returns the health check of store. now is the clock (nil:
// time.Now).
func NewHealth(store HealthStore, log *slog.Logger, now func() time.Time) *Health {
	if now == nil {
		now = time.Now
	}
	return &Health{store: store, log: log, now: now}
}

// Run probes the store's writes every 30 seconds until ctx ends, so that
// a failure is logged when it starts even while nobody asks /healthz.
func (h *Health) Run(ctx context.Context) {
	t := time.NewTicker(probeEvery)
	defer t.Stop()
	for {
		h.probe(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// writeErr returns the error of the last write probe, probing first when
// the last ran more than probeEvery ago (or never).
func (h *Health) writeErr(ctx context.Context) error {
	h.mu.Lock()
	stale := h.probedAt.IsZero() || h.now().Sub(h.probedAt) >= probeEvery
	err := h.probeErr
	h.mu.Unlock()
	if stale {
		return h.probe(ctx)
	}
	return err
}

// probe writes the time to the store, records the outcome and logs when
// it changes.
func (h *Health) probe(ctx context.Context) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.probedAt.IsZero() && h.now().Sub(h.probedAt) < time.Second {
		return h.probeErr // another request just probed
	}
	ctx, cancel := context.WithTimeout(ctx, checkTimeout)
	defer cancel()
	now := h.now()
	err := h.store.SetMeta(ctx, probeKey, now.UTC().Format(time.RFC3339Nano))
	if err != nil && errors.Is(ctx.Err(), context.Canceled) {
		return h.probeErr // the caller went away: no verdict
	}
	switch {
	case err != nil && h.probeErr == nil:
		h.log.Error("the store cannot write", "err", err)
	case err == nil && h.probeErr != nil:
		h.log.Info("the store can write again")
	}
	h.probedAt, h.probeErr = now, err
	return err
}

// ServeHTTP answers the health check.
func (h *Health) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), checkTimeout)
	defer cancel()
	status, body := http.StatusOK, map[string]string{"status": "ok"}
	if err := h.store.Ping(ctx); err != nil {
		h.log.Error("health check", "err", err)
		status, body = http.StatusServiceUnavailable, map[string]string{"status": "unavailable",
			"reason": "the store does not answer: " + err.Error()}
	} else if err := h.writeErr(ctx); err != nil {
		status, body = http.StatusServiceUnavailable, map[string]string{"status": "unavailable",
			"reason": "the store cannot write: " + err.Error()}
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}
