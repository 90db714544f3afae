package metrics

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/storyline/storyline"
)

// fakeStore counts how often it is read.
type fakeStore struct {
	reads atomic.Int32
	fail  bool
}

func (s *fakeStore) CountArticles(context.Context) (int, error) {
	s.reads.Add(1)
	if s.fail {
		return 0, errors.New("disk on fire")
	}
	return 42, nil
}

func (s *fakeStore) Feeds(context.Context) ([]*storyline.Feed, error) {
	return []*storyline.Feed{{ID: 1}, {ID: 2, ErrorCount: 3}, {ID: 3, Paused: true, ErrorCount: 1}}, nil
}

// scrape fetches the metrics text from m's handler.
func scrape(t *testing.T, m *Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("scrape status %d: %s", rec.Code, rec.Body)
	}
	body, _ := io.ReadAll(rec.Body)
	return string(body)
}

func TestMetricsText(t *testing.T) {
	m := New(&fakeStore{}, nil)
	m.ObserveRequest("GET /stories/{id}", 200, 30*time.Millisecond)
	m.ObserveRequest("GET /stories/{id}", 404, time.Millisecond)
	m.FeedPolled(PollOK)
	m.FeedPolled(PollOK)
	m.FeedPolled(PollError)
	m.EntriesStored(Added, 3)
	m.EntriesStored(Linked, 0)
	m.FetchErrors(EntryError, 2)
	m.ArticlesAnalysed(3)
	m.WatchAnalysisBacklog(func() (int, time.Duration) { return 12, 1500 * time.Millisecond })
	m.ObserveModel("brief", "ok", 2*time.Second, 900, 120)
	m.ObserveModel("ask", "unavailable", 30*time.Second, 0, 0)
	out := scrape(t, m)
	for _, want := range []string{
		`storyline_http_request_duration_seconds_count{route="GET /stories/{id}",status="2xx"} 1`,
		`storyline_http_request_duration_seconds_count{route="GET /stories/{id}",status="4xx"} 1`,
		`storyline_http_request_duration_seconds_bucket{route="GET /stories/{id}",status="2xx",le="0.05"} 1`,
		`storyline_feed_polls_total{result="ok"} 2`,
		`storyline_feed_polls_total{result="error"} 1`,
		`storyline_feed_polls_total{result="not_modified"} 0`,
		`storyline_entries_stored_total{outcome="added"} 3`,
		`storyline_entries_stored_total{outcome="linked"} 0`,
		`storyline_fetch_errors_total{kind="entry"} 2`,
		`storyline_fetch_errors_total{kind="feed"} 0`,
		`storyline_articles_analysed_total 3`,
		`storyline_analysis_backlog_articles 12`,
		`storyline_analysis_lag_seconds 1.5`,
		`storyline_model_requests_total{op="brief",result="ok"} 1`,
		`storyline_model_requests_total{op="ask",result="unavailable"} 1`,
		`storyline_model_tokens_total{kind="prompt"} 900`,
		`storyline_model_tokens_total{kind="completion"} 120`,
		`storyline_model_request_duration_seconds_bucket{op="brief",le="2.5"} 1`,
		`storyline_articles 42`,
		`storyline_feeds 3`,
		`storyline_feeds_in_error 2`,
		`storyline_feeds_paused 1`,
		`go_goroutines `,
		`# HELP storyline_feed_polls_total`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	problems, err := testutil.GatherAndLint(m.Registry())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		if strings.HasPrefix(p.Metric, namespace+"_") {
			t.Errorf("lint: %s: %s", p.Metric, p.Text)
		}
	}
}

func TestOwnRegistries(t *testing.T) {
	a, b := New(nil, nil), New(nil, nil)
	a.FeedPolled(PollOK)
	if got := testutil.ToFloat64(b.polls.WithLabelValues("ok")); got != 0 {
		t.Errorf("metrics share state: %v", got)
	}
	if strings.Contains(scrape(t, b), "storyline_articles ") {
		t.Error("store totals without a store")
	}
}

func TestStoreTotalsCached(t *testing.T) {
	st := &fakeStore{}
	now := time.Unix(1000, 0)
	c := newStoreCollector(st, func() time.Time { return now })
	for range 3 {
		if n := testutil.CollectAndCount(c); n != 4 {
			t.Fatalf("%d series", n)
		}
	}
	if st.reads.Load() != 1 {
		t.Errorf("store read %d times within the cache's life", st.reads.Load())
	}
	now = now.Add(storeCacheTTL)
	testutil.CollectAndCount(c)
	if st.reads.Load() != 2 {
		t.Errorf("store read %d times after the cache expired", st.reads.Load())
	}
}

func TestStoreFailureKeepsOtherSeries(t *testing.T) {
	m := New(&fakeStore{fail: true}, nil)
	m.FeedPolled(PollNotModified)
	out := scrape(t, m)
	if !strings.Contains(out, `storyline_feed_polls_total{result="not_modified"} 1`) {
		t.Errorf("a failing store hid the other series:\n%s", out)
	}
	if strings.Contains(out, "storyline_articles ") || strings.Contains(out, "disk on fire") {
		t.Errorf("failed totals were served:\n%s", out)
	}
}

func TestStatusClass(t *testing.T) {
	for status, want := range map[int]string{200: "2xx", 204: "2xx", 303: "3xx", 404: "4xx", 503: "5xx", 0: "other", 999: "other"} {
		if got := statusClass(status); got != want {
			t.Errorf("statusClass(%d) = %q, want %q", status, got, want)
		}
	}
}
