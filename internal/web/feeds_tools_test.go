package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/fetch"
)

// pollingIngester is a fakeIngester that can also poll a feed now: it
// records the feed's ID and the poll fails with err when set.
type pollingIngester struct {
	*fakeIngester
	err    error
	mu     sync.Mutex
	polled []int64
}

// PollFeed records the poll and returns p.err.
func (p *pollingIngester) PollFeed(ctx context.Context, id int64) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.polled = append(p.polled, id)
	return p.err
}

func TestFeedsFilterAndOrder(t *testing.T) {
	e, _ := newFeedsEnv(t)
	for _, f := range []*storyline.Feed{
		{URL: "https://n.example/10", Title: "News 10", Category: "World"},
		{URL: "https://n.example/2", Title: "news 2", Category: "Local"},
		{URL: "https://s.example/feed", Title: "Sport daily", Category: "Sport"},
	} {
		e.addFeed(f)
	}
	admin := e.signedIn("admin", adminPassword)
	_, body := e.get(admin, "/feeds")
	if i, j := strings.Index(body, "news 2"), strings.Index(body, "News 10"); i < 0 || j < 0 || i > j {
		t.Errorf("news 2 at %d, News 10 at %d: want natural order", i, j)
	}
	for q, want := range map[string][]string{"world": {"News 10"}, "s.example": {"Sport daily"}, "news local": {"news 2"}} {
		_, body := e.get(admin, "/feeds?q="+url.QueryEscape(q))
		if !strings.Contains(body, "1 of 3 feeds") {
			t.Errorf("?q=%s: no count of 1 of 3 feeds", q)
		}
		for _, title := range []string{"News 10", "news 2", "Sport daily"} {
			if got := strings.Contains(body, ">"+title+"<"); got != (title == want[0]) {
				t.Errorf("?q=%s: lists %s: %v", q, title, got)
			}
		}
	}
	if _, body := e.get(admin, "/feeds?q=nothing"); !strings.Contains(body, "No feed matches") {
		t.Error("a filter matching nothing does not say so")
	}
}

func TestFeedsRetry(t *testing.T) {
	ing := &pollingIngester{fakeIngester: &fakeIngester{}}
	e := newTestEnv(t, func(c *Config) { c.Ingester = ing; ing.store = c.Store })
	f := e.addFeed(&storyline.Feed{URL: "https://bad.example/feed", Title: "Bad"})
	if err := e.db.RecordPolls(context.Background(), storyline.FeedPoll{FeedID: f.ID, At: testNow, Err: "fetch https://bad.example/feed: HTTP 404 Not Found", NextPoll: testNow.Add(60e9)}); err != nil {
		t.Fatal(err)
	}
	admin := e.signedIn("admin", adminPassword)
	_, body := e.get(admin, "/feeds")
	for _, want := range []string{`action="/feeds/` + itoa(f.ID) + `/retry"`, "Retry now", "does not exist (404)", "Technical details"} {
		if !strings.Contains(body, want) {
			t.Errorf("feeds page lacks %q", want)
		}
	}
	resp, _ := e.postBody(admin, "/feeds/"+itoa(f.ID)+"/retry", nil)
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || loc != "/feeds?done=retried#feed-"+itoa(f.ID) {
		t.Errorf("retry: %d to %q", resp.StatusCode, loc)
	}
	ing.err = &fetch.Error{Kind: fetch.KindNotFound, Status: 404}
	resp, _ = e.postBody(admin, "/feeds/"+itoa(f.ID)+"/retry", nil)
	if loc := resp.Header.Get("Location"); !strings.HasPrefix(loc, "/feeds?done=retry-failed") {
		t.Errorf("failed retry went to %q", loc)
	}
	if len(ing.polled) != 2 || ing.polled[0] != f.ID {
		t.Errorf("polled %v", ing.polled)
	}
	member := e.signedIn("member", memberPassword)
	if resp, _ := e.postBody(member, "/feeds/"+itoa(f.ID)+"/retry", nil); resp.StatusCode != http.StatusForbidden || len(ing.polled) != 2 {
		t.Errorf("a member's retry: %d, %d polls", resp.StatusCode, len(ing.polled))
	}
}

func TestFeedsRetryWithoutPoller(t *testing.T) {
	e, _ := newFeedsEnv(t)
	f := e.addFeed(&storyline.Feed{URL: "https://bad.example/feed", Title: "Bad"})
	admin := e.signedIn("admin", adminPassword)
	if resp, _ := e.postBody(admin, "/feeds/"+itoa(f.ID)+"/retry", nil); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("retry without a poller: %d", resp.StatusCode)
	}
}

func TestFeedsBulkRemove(t *testing.T) {
	e, _ := newFeedsEnv(t)
	a := e.addFeed(&storyline.Feed{URL: "https://a.example/feed", Title: "Feed A"})
	b := e.addFeed(&storyline.Feed{URL: "https://b.example/feed", Title: "Feed B"})
	e.addFeed(&storyline.Feed{URL: "https://c.example/feed", Title: "Feed C"})
	admin := e.signedIn("admin", adminPassword)
	if _, body := e.get(admin, "/feeds"); !strings.Contains(body, `form="bulk"`) || !strings.Contains(body, `action="/feeds/remove"`) {
		t.Error("feeds page has no bulk removal")
	}
	ids := url.Values{"id": {itoa(a.ID), itoa(b.ID)}}
	resp, body := e.postBody(admin, "/feeds/remove", ids)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Remove 2 feeds?") || !strings.Contains(body, "https://b.example/feed") || !strings.Contains(body, `name="confirm" value="1"`) {
		t.Fatalf("confirmation: %d %.500s", resp.StatusCode, body)
	}
	if n := e.feedCount(); n != 3 {
		t.Fatalf("asking to confirm removed feeds: %d left", n)
	}
	ids.Set("confirm", "1")
	resp, _ = e.postBody(admin, "/feeds/remove", ids)
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || loc != "/feeds?done=removed&n=2" {
		t.Errorf("remove: %d to %q", resp.StatusCode, loc)
	}
	if n := e.feedCount(); n != 1 {
		t.Errorf("%d feeds left, want 1", n)
	}
	if _, body := e.get(admin, "/feeds?done=removed&n=2"); !strings.Contains(body, "2 feeds removed") {
		t.Error("no notice of the removal")
	}
	for _, bad := range []url.Values{{}, {"id": {"x"}}, {"id": {"99999"}}} {
		if resp, _ := e.postBody(admin, "/feeds/remove", bad); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("remove %v: %d", bad, resp.StatusCode)
		}
	}
	member := e.signedIn("member", memberPassword)
	if resp, _ := e.postBody(member, "/feeds/remove", url.Values{"id": {"1"}, "confirm": {"1"}}); resp.StatusCode != http.StatusForbidden || e.feedCount() != 1 {
		t.Errorf("a member's removal: %d", resp.StatusCode)
	}
}
