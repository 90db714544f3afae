// Package web serves Storyline over HTTP: /healthz and the read-only JSON
// API under /api/v1 (the reader web app comes later). It reads through the
// domain interfaces and never imports ingest.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/storyline/storyline"
)

// Store is what the web layer reads.
type Store interface {
	storyline.ArticleStore
	storyline.Searcher
}

// Server is the HTTP front end.
type Server struct {
	store Store
	log   *slog.Logger
	now   func() time.Time
	mux   *http.ServeMux
}

// New returns a server reading from store and logging to log.
func New(store Store, log *slog.Logger) *Server {
	s := &Server{store: store, log: log, now: time.Now, mux: http.NewServeMux()}
	s.routes()
	return s
}

// routes registers every handler; one handler per file.
func (s *Server) routes() {
	s.mux.HandleFunc("GET /healthz", s.handleHealth)
	s.mux.HandleFunc("GET /api/v1/articles", s.handleArticles)
	s.mux.HandleFunc("GET /api/v1/articles/{id}", s.handleArticle)
	s.mux.HandleFunc("GET /api/v1/search", s.handleSearch)
	s.mux.HandleFunc("/api/", s.handleAPINotFound)
}

// ServeHTTP implements http.Handler, adding security headers.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
	s.mux.ServeHTTP(w, r)
}

// ListenAndServe serves on addr until ctx is done, then shuts down
// gracefully, letting requests in flight finish for up to 10 seconds.
func (s *Server) ListenAndServe(ctx context.Context, addr string, ready func(addr string)) error {
	srv := &http.Server{
		Addr:              addr,
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	ln, err := listen(ctx, addr)
	if err != nil {
		return err
	}
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	return nil
}
