package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/storyline/storyline"
)

func TestFeedsContentToggle(t *testing.T) {
	e, _ := newFeedsEnv(t)
	ctx := context.Background()
	admin := e.signedIn("admin", adminPassword)
	f := e.addFeed(&storyline.Feed{URL: "https://a.example/feed", Title: "A", Category: "World"})
	id := itoa(f.ID)
	path := "/feeds/" + id + "/feed-only"

	_, body := e.get(admin, "/feeds")
	form := `<form method="post" action="` + path + `">`
	if !strings.Contains(body, form) || !strings.Contains(body, `name="feed_only" value="1"`) || !strings.Contains(body, ">Feed text only</button>") {
		t.Errorf("feeds page lacks the feed text only switch %s", form)
	}

	steps := []struct {
		name     string
		value    string
		status   int
		location string
		notice   string
		feedOnly bool
		page     []string // on the feeds page after the redirect
	}{
		{"feed text only", "1", 303, "/feeds?done=feed-only#feed-" + id, "Feed set to feed text only", true,
			[]string{"Feed text only: entries' pages are not fetched", `name="feed_only" value="0"`, ">Full articles</button>"}},
		{"again", "1", 303, "/feeds?done=feed-only#feed-" + id, "Feed set to feed text only", true, nil},
		{"full articles", "0", 303, "/feeds?done=full-articles#feed-" + id, "Feed set to full articles", false,
			[]string{`name="feed_only" value="1"`, ">Feed text only</button>"}},
		{"bad value", "yes", 400, "", "", false, nil},
		{"no value", "", 400, "", "", false, nil},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			resp, body := e.postBody(admin, path, url.Values{"feed_only": {s.value}})
			if resp.StatusCode != s.status || resp.Header.Get("Location") != s.location {
				t.Fatalf("status %d to %q, want %d to %q", resp.StatusCode, resp.Header.Get("Location"), s.status, s.location)
			}
			if s.status == 400 && (!strings.Contains(body, "feed_only must be 1") || !strings.Contains(body, `class="error"`)) {
				t.Errorf("the page does not say what was wrong")
			}
			got, err := e.db.Feed(ctx, f.ID)
			if err != nil || got.FeedOnly != s.feedOnly || got.Category != "World" || got.Title != "A" || got.Paused {
				t.Errorf("feed afterwards %+v %v, want feed_only %v and the rest as it was", got, err, s.feedOnly)
			}
			if s.location == "" {
				return
			}
			_, page := e.get(admin, strings.TrimSuffix(s.location, "#feed-"+id))
			if !strings.Contains(page, s.notice) {
				t.Errorf("the page after the redirect lacks %q", s.notice)
			}
			for _, want := range s.page {
				if !strings.Contains(page, want) {
					t.Errorf("the page after the redirect lacks %q", want)
				}
			}
			assertInert(t, "feeds page after "+s.name, page)
		})
	}
	if resp, _ := e.postBody(admin, "/feeds/999/feed-only", url.Values{"feed_only": {"1"}}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown feed: status %d, want 404", resp.StatusCode)
	}
}

func TestFeedsContentToggleRefused(t *testing.T) {
	e, _ := newFeedsEnv(t)
	f := e.addFeed(&storyline.Feed{URL: "https://a.example/feed", Title: "A"})
	path := "/feeds/" + itoa(f.ID) + "/feed-only"
	form := url.Values{"feed_only": {"1"}}.Encode()
	admin, member := e.signedIn("admin", adminPassword), e.signedIn("member", memberPassword)
	for _, tt := range []struct {
		name   string
		who    *http.Client
		site   string
		status int
	}{
		{"visitor", e.client(), "same-origin", http.StatusUnauthorized},
		{"member", member, "same-origin", http.StatusForbidden},
		{"cross-site administrator", admin, "cross-site", http.StatusForbidden},
	} {
		t.Run(tt.name, func(t *testing.T) {
			resp, _ := e.send(tt.who, path, "application/x-www-form-urlencoded", form, tt.site)
			if resp.StatusCode != tt.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if got, err := e.db.Feed(context.Background(), f.ID); err != nil || got.FeedOnly {
				t.Errorf("the feed changed: %+v %v", got, err)
			}
		})
	}
	if _, body := e.get(member, "/feeds"); strings.Contains(body, "/feed-only") {
		t.Error("a member sees the switch")
	}
}
