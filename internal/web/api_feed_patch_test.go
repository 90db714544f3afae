package web

import (
	"context"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

func TestAPIPatchFeedAccess(t *testing.T) {
	e := newTestEnv(t)
	f := e.addFeed(&storyline.Feed{URL: "https://a.example/feed", Title: "A"})
	path := "/api/v1/feeds/" + itoa(f.ID)
	member, admin := e.signedIn("member", memberPassword), e.signedIn("admin", adminPassword)
	adminToken, memberToken := e.apiToken(e.admin), e.apiToken(e.member)
	for _, tt := range []struct {
		name   string
		who    *http.Client
		header []string
		status int
		code   string
		after  bool // the feed's feed_only afterwards
	}{
		{"visitor", nil, nil, 401, storyline.EUNAUTHORIZED, false},
		{"member", member, nil, 403, storyline.EFORBIDDEN, false},
		{"member token", nil, []string{"Authorization", memberToken}, 403, storyline.EFORBIDDEN, false},
		{"admin", admin, nil, 200, "", true},
		{"admin token", nil, []string{"Authorization", adminToken}, 200, "", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if err := e.db.UpdateFeed(context.Background(), &storyline.Feed{ID: f.ID, Title: "A"}); err != nil {
				t.Fatal(err)
			}
			r := e.apiCall(tt.who, http.MethodPatch, path, `{"feed_only":true}`, tt.header...)
			if r.status != tt.status || r.errCode() != tt.code {
				t.Errorf("status %d %s, want %d %q", r.status, r.body, tt.status, tt.code)
			}
			if got, err := e.db.Feed(context.Background(), f.ID); err != nil || got.FeedOnly != tt.after {
				t.Errorf("feed_only %v (%v) afterwards, want %v", got.FeedOnly, err, tt.after)
			}
		})
	}
}

func TestAPIPatchFeed(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	f := e.addFeed(&storyline.Feed{URL: "https://down.example.com/rss", Title: "Down", Category: "World"})
	if err := e.db.RecordPolls(ctx, storyline.FeedPoll{FeedID: f.ID, At: testNow, Err: "HTTP 500", NextPoll: testNow.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	admin := e.signedIn("admin", adminPassword)
	path := "/api/v1/feeds/" + itoa(f.ID)

	steps := []struct {
		name   string
		body   string
		status int
		says   string   // in the error message
		want   feedJSON // the feed afterwards (ID, URL and counts not compared)
		only   bool     // its feed_only afterwards
	}{
		{"feed only", `{"feed_only":true}`, 200, "", feedJSON{Category: "World"}, true},
		{"full articles", `{"feed_only":false}`, 200, "", feedJSON{Category: "World"}, false},
		{"several settings", `{"feed_only":true,"paused":true,"category":" Local ","source":"Down Daily"}`, 200, "", feedJSON{Category: "Local", Paused: true}, true},
		{"only what is given", `{"paused":false}`, 200, "", feedJSON{Category: "Local"}, true},
		{"wrong type", `{"feed_only":"yes"}`, 400, `field "feed_only": want bool, not string`, feedJSON{Category: "Local"}, true},
		{"number", `{"feed_only":0}`, 400, `field "feed_only"`, feedJSON{Category: "Local"}, true},
		{"unknown field", `{"feedonly":false}`, 400, `unknown field "feedonly"`, feedJSON{Category: "Local"}, true},
		{"unknown field beside a known one", `{"feed_only":false,"title":"x"}`, 400, `unknown field "title"`, feedJSON{Category: "Local"}, true},
		{"nothing", `{}`, 400, "nothing to change: give feed_only", feedJSON{Category: "Local"}, true},
		{"null", `{"feed_only":null}`, 400, "nothing to change", feedJSON{Category: "Local"}, true},
		{"not an object", `[true]`, 400, "want a JSON object", feedJSON{Category: "Local"}, true},
		{"trailing data", `{"feed_only":false} {}`, 400, "trailing data", feedJSON{Category: "Local"}, true},
		{"bad category", `{"feed_only":false,"category":"a\u0000b"}`, 400, `field "category"`, feedJSON{Category: "Local"}, true},
		{"long source", `{"source":"` + strings.Repeat("s", maxFeedLabel+1) + `"}`, 400, `field "source": at most`, feedJSON{Category: "Local"}, true},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			r := e.apiCall(admin, http.MethodPatch, path, s.body)
			if r.status != s.status {
				t.Fatalf("status %d %s, want %d", r.status, r.body, s.status)
			}
			if s.status != 200 {
				var er apiError
				r.decode(t, &er)
				if er.Error.Code != storyline.EINVALID || !strings.Contains(er.Error.Message, s.says) {
					t.Errorf("error %+v, want EINVALID saying %q", er.Error, s.says)
				}
			} else {
				var got struct {
					feedJSON
					FeedOnly bool `json:"feed_only"`
				}
				r.decode(t, &got)
				if got.ID != f.ID || got.FeedOnly != s.only || got.Paused != s.want.Paused || got.Category != s.want.Category {
					t.Errorf("answer %s, want feed_only %v and %+v", r.body, s.only, s.want)
				}
			}
			stored, err := e.db.Feed(ctx, f.ID)
			if err != nil || stored.FeedOnly != s.only || stored.Paused != s.want.Paused || stored.Category != s.want.Category {
				t.Errorf("stored %+v %v, want feed_only %v and %+v", stored, err, s.only, s.want)
			}
		})
	}

	// The answer is the feed as GET /api/v1/feeds lists it.
	r := e.apiCall(admin, http.MethodPatch, path, `{"feed_only":false}`)
	var patched map[string]any
	r.decode(t, &patched)
	var list struct{ Feeds []map[string]any }
	e.apiCall(admin, http.MethodGet, "/api/v1/feeds", "").decode(t, &list)
	if len(list.Feeds) != 1 || !reflect.DeepEqual(patched, list.Feeds[0]) {
		t.Errorf("PATCH answered %v, GET lists %v", patched, list.Feeds)
	}
	if patched["error_help"] == nil || patched["source"] != "Down Daily" {
		t.Errorf("the answer lacks the error help or the outlet: %v", patched)
	}

	for _, tt := range []struct {
		path, body string
		status     int
		code, says string
	}{
		{"/api/v1/feeds/999", `{"feed_only":true}`, 404, storyline.ENOTFOUND, "feed 999 not found"},
		{"/api/v1/feeds/abc", `{"feed_only":true}`, 400, storyline.EINVALID, `feed id "abc"`},
		{"/api/v1/feeds/0", `{"feed_only":true}`, 400, storyline.EINVALID, `feed id "0"`},
	} {
		r := e.apiCall(admin, http.MethodPatch, tt.path, tt.body)
		var er apiError
		r.decode(t, &er)
		if r.status != tt.status || er.Error.Code != tt.code || !strings.Contains(er.Error.Message, tt.says) {
			t.Errorf("PATCH %s: %d %s, want %d %s saying %q", tt.path, r.status, r.body, tt.status, tt.code, tt.says)
		}
	}
	if r := e.apiCall(admin, http.MethodPatch, path, `{"feed_only":true}`, "Content-Type", "text/plain"); r.status != 400 || !strings.Contains(r.body, "application/json") {
		t.Errorf("PATCH as text/plain: %d %s", r.status, r.body)
	}
	if got, _ := e.db.Feed(ctx, f.ID); got.FeedOnly {
		t.Error("a refused PATCH changed the feed")
	}
}
