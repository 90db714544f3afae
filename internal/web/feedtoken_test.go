package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestFeedToken(t *testing.T) {
	var logs logBuffer
	e := newReaderEnv(t, logTo(&logs))
	e.apiSetPublic(false)
	ctx := context.Background()
	e.follow(e.member, "/api/v1/follows", `{"kind": "hashtag", "value": "CupFinal"}`)
	e.must(e.admin, http.MethodPut, "/api/v1/saved/story/1", "", 204)
	old := e.setFeedToken(e.testEnv.member)
	member := e.setFeedToken(e.testEnv.member) // rotated: old stops
	admin := e.setFeedToken(e.testEnv.admin)
	revoked := e.setFeedToken(e.testEnv.admin)
	if err := e.db.SetFeedToken(ctx, e.testEnv.admin.ID, ""); err != nil {
		t.Fatal(err)
	}
	admin = e.setFeedToken(e.testEnv.admin)
	tok := func(secret string) string { return "token=" + url.QueryEscape(secret) }

	tests := []struct {
		name   string
		method string
		path   string
		status int
		titles []string // entries' titles, for an Atom answer
	}{
		{"top", http.MethodGet, "/top/feed?" + tok(member), 200, []string{"Dam talks to resume", xssScript + " Cup final"}},
		{"HEAD top", http.MethodHead, "/top/feed?" + tok(member), 200, nil},
		{"token among other parameters", http.MethodGet, "/latest/feed?hashtag=CupFinal&" + tok(member), 200, []string{xssScript + " Cup final"}},
		{"for you", http.MethodGet, "/foryou/feed?" + tok(member), 200, []string{xssScript + " Cup final"}},
		{"saved is the token's user's", http.MethodGet, "/saved/feed?" + tok(admin), 200, []string{"Dam talks to resume"}},
		{"saved of the other", http.MethodGet, "/saved/feed?" + tok(member), 200, []string{}},
		{"a site-wide feed", http.MethodGet, "/stories/1/feed?" + tok(member), 200, []string{"River dam negotiations restart", "Dam talks to resume"}},
		{"rotated", http.MethodGet, "/top/feed?" + tok(old), 401, nil},
		{"revoked", http.MethodGet, "/foryou/feed?" + tok(revoked), 401, nil},
		{"mistyped", http.MethodGet, "/top/feed?" + tok(member+"x"), 401, nil},
		{"empty", http.MethodGet, "/top/feed?token=", 401, nil},
		{"no token, private site", http.MethodGet, "/top/feed", 303, nil},
		{"not a feed: no sign-in", http.MethodGet, "/api/v1/me?" + tok(member), 401, nil},
		{"not a feed: no sign-in to a page", http.MethodGet, "/stories/1?" + tok(member), 303, nil},
		{"not a feed: a bad token is no error", http.MethodGet, "/api/v1/me?" + tok(old), 401, nil},
		{"not read only", http.MethodPost, "/api/v1/read?" + tok(member), 401, nil},
		{"feed path, but a change", http.MethodPost, "/top/feed?" + tok(member), 401, nil},
	}
	for _, tt := range tests {
		r := e.apiCall(nil, tt.method, tt.path, "")
		if r.status != tt.status {
			t.Errorf("%s: %s %s: %d %s, want %d", tt.name, tt.method, tt.path, r.status, r.body, tt.status)
			continue
		}
		if tt.titles == nil || tt.method == http.MethodHead {
			continue
		}
		doc := e.getAtom(tt.path)
		titles := []string{}
		for _, en := range doc.Entries {
			titles = append(titles, en.Title)
		}
		if strings.Join(titles, "|") != strings.Join(tt.titles, "|") {
			t.Errorf("%s: %q, want %q", tt.name, titles, tt.titles)
		}
		if strings.Contains(doc.ID, "token") || strings.Contains(doc.Links[0].Href, "token") {
			t.Errorf("%s: the feed's id %s or self link %s holds the token", tt.name, doc.ID, doc.Links[0].Href)
		}
	}

	// A disabled account's token, and a token after a password change,
	// stop working.
	if err := e.db.SetDisabled(ctx, e.testEnv.member.ID, true); err != nil {
		t.Fatal(err)
	}
	if r := e.apiCall(nil, http.MethodGet, "/top/feed?"+tok(member), ""); r.status != 401 {
		t.Errorf("disabled account's token: %d", r.status)
	}
	if err := e.db.SetDisabled(ctx, e.testEnv.member.ID, false); err != nil {
		t.Fatal(err)
	}
	if r := e.apiCall(nil, http.MethodGet, "/top/feed?"+tok(member), ""); r.status != 200 {
		t.Errorf("enabled again: %d", r.status)
	}
	if err := e.db.SetPassword(ctx, e.testEnv.admin.ID, e.testEnv.admin.PasswordHash); err != nil {
		t.Fatal(err)
	}
	if r := e.apiCall(nil, http.MethodGet, "/saved/feed?"+tok(admin), ""); r.status != 401 {
		t.Errorf("token after a password change: %d", r.status)
	}

	// No secret reaches the log, though every request is logged.
	logged := logs.String()
	if !strings.Contains(logged, "/top/feed") {
		t.Fatalf("the requests were not logged:\n%s", logged)
	}
	for _, secret := range []string{old, member, admin, revoked} {
		if strings.Contains(logged, secret) || strings.Contains(logged, url.QueryEscape(secret)) {
			t.Errorf("a feed token is in the log:\n%s", logged)
		}
	}
}

func TestFeedTokenPublicSite(t *testing.T) {
	e := newReaderEnv(t)
	e.follow(e.member, "/api/v1/mutes", `{"kind": "word", "value": "dam"}`)
	member := e.setFeedToken(e.testEnv.member)
	tests := []struct {
		path   string
		status int
		links  []string
	}{
		{"/top/feed", 200, []string{"/stories/1", "/stories/2"}},
		{"/top/feed?token=" + member, 200, []string{"/stories/2"}}, // the member's mutes
		{"/top/feed?token=stale", 401, nil},
		{"/foryou/feed", 401, nil},
		{"/stories/1?token=stale", 200, nil},
		{"/api/v1/stories?token=stale", 200, nil},
	}
	for _, tt := range tests {
		r := e.apiCall(nil, http.MethodGet, tt.path, "")
		if r.status != tt.status {
			t.Errorf("%s: %d, want %d", tt.path, r.status, tt.status)
			continue
		}
		if tt.links != nil {
			if got := e.entryLinks(tt.path); strings.Join(got, " ") != strings.Join(tt.links, " ") {
				t.Errorf("%s: %q, want %q", tt.path, got, tt.links)
			}
		}
	}
}

func TestCutParam(t *testing.T) {
	tests := []struct {
		raw, rest, value string
		found            bool
	}{
		{"token=abc", "", "abc", true},
		{"q=dam&token=a%2Bb&outlet=X+Y", "q=dam&outlet=X+Y", "a+b", true},
		{"tok%65n=abc&q=1", "q=1", "abc", true},
		{"token=a&token=b", "", "a", true},
		{"tokens=a&q=token", "tokens=a&q=token", "", false},
		{"token", "", "", true},
		{"", "", "", false},
	}
	for _, tt := range tests {
		rest, value, found := cutParam(tt.raw, "token")
		if rest != tt.rest || value != tt.value || found != tt.found {
			t.Errorf("cutParam(%q) = %q, %q, %v; want %q, %q, %v", tt.raw, rest, value, found, tt.rest, tt.value, tt.found)
		}
	}
}
