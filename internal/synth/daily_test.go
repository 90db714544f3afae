package synth

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestDailyPublishesWithTheClock(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	now := start.Add(-time.Hour)
	d := NewDaily(3, 4, 6, 5, start, func() time.Time { return now }, 80)
	get := func(host, etag string) *httptest.ResponseRecorder {
		t.Helper()
		r := httptest.NewRequest(http.MethodGet, "http://"+host+"/feed.xml", nil)
		if etag != "" {
			r.Header.Set("If-None-Match", etag)
		}
		w := httptest.NewRecorder()
		d.ServeHTTP(w, r)
		return w
	}
	if got := strings.Count(get("daily-1.test", "").Body.String(), "<item>"); got != 0 {
		t.Errorf("before the start: %d items, want 0", got)
	}
	now = start.Add(2 * 24 * time.Hour)
	first := get("daily-1.test", "")
	body := first.Body.String()
	if got := strings.Count(body, "<item>"); got != 12 {
		t.Errorf("after two days: %d items, want 12 (6 a day)", got)
	}
	if get("daily-1.test", "").Body.String() != body {
		t.Error("the feed is not deterministic")
	}
	if w := get("daily-1.test", first.Header().Get("ETag")); w.Code != http.StatusNotModified {
		t.Errorf("If-None-Match with the same entries: %d, want 304", w.Code)
	}
	now = now.Add(10 * 24 * time.Hour)
	later := get("daily-1.test", first.Header().Get("ETag"))
	if later.Code != http.StatusOK || strings.Count(later.Body.String(), "<item>") != dailyListed {
		t.Errorf("ten days later: %d with %d items, want 200 with %d", later.Code, strings.Count(later.Body.String(), "<item>"), dailyListed)
	}
	for _, bad := range []string{"daily-4.test", "daily-x.test", "other.test"} {
		if w := get(bad, ""); w.Code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", bad, w.Code)
		}
	}
	if urls := d.FeedURLs(); len(urls) != 4 || urls[2] != "http://daily-2.test:80/feed.xml" {
		t.Errorf("FeedURLs = %q", urls)
	}
}
