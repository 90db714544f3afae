package web

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"time"
)

// Pinger is a store that can say whether it answers.
type Pinger interface {
	Ping(ctx context.Context) error
}

// HealthHandler answers GET /healthz: the server is up and the store (the
// database) answers within 5 seconds (200), or not (503). The web server
// serves it, and so does a worker beside its metrics.
func HealthHandler(store Pinger, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
		defer cancel()
		status, body := http.StatusOK, map[string]string{"status": "ok"}
		if err := store.Ping(ctx); err != nil {
			log.Error("health check", "err", err)
			status, body = http.StatusServiceUnavailable, map[string]string{"status": "unavailable"}
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(body)
	})
}
