package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/metrics"
)

func TestMetricsEndpoint(t *testing.T) {
	var m *metrics.Metrics
	e := newTestEnv(t, func(c *Config) {
		m = metrics.New(c.Store, nil)
		c.Metrics, c.Observer = m.Handler(), m
	})
	e.apiCall(nil, http.MethodGet, "/api/v1/stories/1", "")
	e.apiCall(nil, http.MethodGet, "/api/v1/stories/1", "")
	e.apiCall(nil, http.MethodGet, "/api/v1/stories/999", "")
	e.apiCall(nil, http.MethodGet, "/api/v1/stories/x", "")
	e.apiCall(nil, http.MethodGet, "/api/v1/stories/1", "", "Authorization", e.apiToken(e.member))
	e.apiSetPublic(false)                                   // /metrics stays open, like /healthz
	e.apiCall(nil, http.MethodGet, "/api/v1/stories/1", "") // refused by the gate: still its route
	m.FeedPolled(metrics.PollOK)
	m.EntriesStored(metrics.Added, 2)
	m.FetchErrors(metrics.FeedError, 1)

	r := e.apiCall(nil, http.MethodGet, "/metrics", "")
	if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/plain") {
		t.Fatalf("metrics: %d %s", r.status, r.header.Get("Content-Type"))
	}
	for _, want := range []string{
		`storyline_http_request_duration_seconds_count{route="GET /api/v1/stories/{id}",status="2xx"} 3`,
		`storyline_http_request_duration_seconds_count{route="GET /api/v1/stories/{id}",status="4xx"} 3`,
		`storyline_feed_polls_total{result="ok"} 1`,
		`storyline_entries_stored_total{outcome="added"} 2`,
		`storyline_fetch_errors_total{kind="feed"} 1`,
		`storyline_articles 5`,
		`storyline_feeds 0`,
		`process_start_time_seconds`,
	} {
		if !strings.Contains(r.body, want) {
			t.Errorf("metrics lack %q in\n%s", want, grepLines(r.body, "request_duration_seconds_count"))
		}
	}
}

// grepLines returns the lines of s that contain sub.
func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
