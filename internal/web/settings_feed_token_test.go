package web

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

func TestSettingsFeedToken(t *testing.T) {
	e := newTestEnv(t)
	e.apiSetPublic(false)
	c := e.signedIn("member", memberPassword)
	if body := e.mustGet(c, "/settings", 200); !strings.Contains(body, `action="/settings/feed-token"`) || !strings.Contains(body, "Feed token") {
		t.Fatalf("settings page without the feed token section:\n%s", body)
	}
	secretIn := regexp.MustCompile(`/top/feed\?token=([A-Za-z0-9_-]+)`)
	create := func() string {
		t.Helper()
		resp, body := e.postBody(c, "/settings/feed-token", nil)
		m := secretIn.FindStringSubmatch(body)
		if resp.StatusCode != http.StatusCreated || m == nil {
			t.Fatalf("create feed token: %d\n%s", resp.StatusCode, body)
		}
		for _, path := range []string{"/latest/feed?token=", "/foryou/feed?token=", "/saved/feed?token="} {
			if !strings.Contains(body, e.ts.URL+path+m[1]) {
				t.Errorf("the new token's page lacks %s", path)
			}
		}
		return m[1]
	}
	first := create()
	if r := e.apiCall(nil, http.MethodGet, "/top/feed?token="+first, ""); r.status != 200 {
		t.Errorf("new token: %d", r.status)
	}
	second := create()
	for secret, want := range map[string]int{first: 401, second: 200} {
		if r := e.apiCall(nil, http.MethodGet, "/top/feed?token="+secret, ""); r.status != want {
			t.Errorf("after rotating: %d, want %d", r.status, want)
		}
	}
	if body := e.mustGet(c, "/settings", 200); strings.Contains(body, second) {
		t.Error("the settings page shows the token again")
	}
	resp, body := e.postBody(c, "/settings/feed-token/delete", nil)
	if resp.StatusCode != 200 || !strings.Contains(body, "Feed token revoked") {
		t.Errorf("revoke: %d\n%s", resp.StatusCode, body)
	}
	if r := e.apiCall(nil, http.MethodGet, "/top/feed?token="+second, ""); r.status != 401 {
		t.Errorf("revoked token: %d", r.status)
	}
	// Visitors and other sites' forms change nothing.
	if resp := e.post(e.client(), "/settings/feed-token", nil); resp.StatusCode == http.StatusCreated {
		t.Errorf("a visitor created a feed token: %d", resp.StatusCode)
	}
	if resp, _ := e.send(c, "/settings/feed-token", "application/x-www-form-urlencoded", "", "cross-site"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site form: %d", resp.StatusCode)
	}
}
