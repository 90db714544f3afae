package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/storyline/storyline"
)

func TestRetentionSetting(t *testing.T) {
	e := newTestEnv(t)
	admin := e.signedIn("admin", adminPassword)
	member := e.signedIn("member", memberPassword)
	stored := func() string {
		t.Helper()
		v, _, err := e.db.Meta(t.Context(), storyline.RetentionKey)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if _, body := e.get(admin, "/settings"); !strings.Contains(body, `action="/settings/retention"`) || !strings.Contains(body, `name="retain" maxlength="20" value="0"`) {
		t.Error("the settings page does not offer retention, kept at 0")
	}
	tests := []struct {
		name     string
		who      *http.Client
		retain   string
		status   int
		want     string // in the body
		wantMeta string
	}{
		{"member", member, "30d", http.StatusForbidden, "", ""},
		{"too short", admin, "12h", http.StatusBadRequest, "at least 1d", ""},
		{"not an age", admin, "soon", http.StatusBadRequest, "want an age like 90d", ""},
		{"weeks", admin, "12w", http.StatusSeeOther, "", "84d"},
		{"off again", admin, "0", http.StatusSeeOther, "", "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := e.postBody(tt.who, "/settings/retention", url.Values{"retain": {tt.retain}})
			if resp.StatusCode != tt.status || !strings.Contains(body, tt.want) {
				t.Errorf("POST retain=%q: status %d, want %d with %q", tt.retain, resp.StatusCode, tt.status, tt.want)
			}
			if got := stored(); tt.wantMeta != "" && got != tt.wantMeta {
				t.Errorf("stored retention = %q, want %q", got, tt.wantMeta)
			}
		})
	}

	fixed := newTestEnv(t, func(c *Config) { c.Retain = "30d" })
	admin = fixed.signedIn("admin", adminPassword)
	if _, body := fixed.get(admin, "/settings"); !strings.Contains(body, `value="30d" disabled`) || !strings.Contains(body, "--retain") {
		t.Error("with --retain the settings page does not show the flag's age as fixed")
	}
	if resp, body := fixed.postBody(admin, "/settings/retention", url.Values{"retain": {"90d"}}); resp.StatusCode != http.StatusConflict || !strings.Contains(body, "--retain 30d") {
		t.Errorf("changing a fixed retention: status %d, want 409 naming the flag", resp.StatusCode)
	}
}
