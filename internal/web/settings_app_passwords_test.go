package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/auth"
)

// appPasswordSecret finds the password on the new app password's page.
var appPasswordSecret = regexp.MustCompile(`id="apppassword-secret"[^>]*value="([a-z0-9-]{19})"`)

// createAppPassword posts the Apps form as c and returns the new
// password, failing the test unless the page shows it.
func (e *testEnv) createAppPassword(c *http.Client, form url.Values) string {
	e.t.Helper()
	resp, body := e.postBody(c, "/settings/app-passwords", form)
	m := appPasswordSecret.FindStringSubmatch(body)
	if resp.StatusCode != http.StatusCreated || m == nil {
		e.t.Fatalf("create app password %v: status %d\n%s", form, resp.StatusCode, body)
	}
	if resp.Header.Get("Cache-Control") != "private, no-store" {
		e.t.Errorf("the new app password's page may be cached: %q", resp.Header.Get("Cache-Control"))
	}
	assertInert(e.t, "new app password page", body)
	return m[1]
}

func TestSettingsAppPasswords(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	member := e.signedIn("member", memberPassword)
	admin := e.signedIn("admin", adminPassword)
	if body := e.mustGet(member, "/settings", 200); !strings.Contains(body, `action="/settings/app-passwords"`) || !strings.Contains(body, "No app passwords.") {
		t.Fatalf("settings page without the Apps section:\n%s", body)
	}

	resp, body := e.postBody(member, "/settings/app-passwords", url.Values{"label": {" Reeder " + xssScript + " "}, "stories": {"on"}})
	m := appPasswordSecret.FindStringSubmatch(body)
	if resp.StatusCode != http.StatusCreated || m == nil {
		t.Fatalf("create: status %d\n%s", resp.StatusCode, body)
	}
	assertInert(t, "new app password page", body)
	secret := m[1]
	for _, want := range []string{`id="apppassword-user" class="secret" readonly value="member"`, "Fever apps take",
		e.ts.URL + "/fever/", "each story as one item"} {
		if !strings.Contains(body, want) {
			t.Errorf("the new app password's page lacks %q", want)
		}
	}
	p, err := e.db.AppPasswordBySecret(ctx, auth.HashToken(secret))
	if err != nil || p.UserID != e.member.ID || p.Label != "Reeder "+xssScript || !p.StoriesAsItems {
		t.Fatalf("stored app password %+v, %v", p, err)
	}
	if byFever, err := e.db.AppPasswordByFeverKey(ctx, auth.FeverKeyHash(auth.FeverKey("member", secret))); err != nil || byFever.ID != p.ID {
		t.Errorf("the Fever key of the app password finds %+v, %v", byFever, err)
	}
	second := e.createAppPassword(member, url.Values{"label": {"Newsflash on the laptop"}})
	if err := e.db.TouchAppPassword(ctx, p.ID, testNow.Add(-5*time.Minute)); err != nil {
		t.Fatal(err)
	}

	body = e.mustGet(member, "/settings", 200)
	assertInert(t, "settings with a hostile app password label", body)
	for _, want := range []string{"Reeder &lt;script&gt;", "one item per story", "last used", "Newsflash on the laptop", "one item per article", "never used",
		`action="/settings/app-passwords/` + itoa(p.ID) + `/delete"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the settings page lacks %q", want)
		}
	}
	if strings.Contains(body, secret) || strings.Contains(body, second) {
		t.Error("the settings page shows an app password again")
	}
	if body := e.mustGet(admin, "/settings", 200); strings.Contains(body, "Newsflash on the laptop") {
		t.Error("an administrator's settings page lists another user's app passwords")
	}

	bad := []struct {
		name   string
		c      *http.Client
		path   string
		form   url.Values
		site   string
		status int
		want   string
	}{
		{"label too long", member, "/settings/app-passwords", url.Values{"label": {strings.Repeat("é", storyline.MaxAppPasswordLabel+1)}, "stories": {"on"}}, "same-origin", 400, "at most 60 characters"},
		{"label of two lines", member, "/settings/app-passwords", url.Values{"label": {"a\nb"}}, "same-origin", 400, "app password label"},
		{"another user's", admin, "/settings/app-passwords/" + itoa(p.ID) + "/delete", nil, "same-origin", 404, "you have no app password"},
		{"no such ID", member, "/settings/app-passwords/x/delete", nil, "same-origin", 404, "no app password"},
		{"a visitor", e.client(), "/settings/app-passwords", url.Values{"label": {"x"}}, "same-origin", 401, ""},
		{"another site's form", member, "/settings/app-passwords", url.Values{"label": {"x"}}, "cross-site", 403, ""},
		{"another site revoking", member, "/settings/app-passwords/" + itoa(p.ID) + "/delete", nil, "cross-site", 403, ""},
	}
	for _, tt := range bad {
		resp, body := e.send(tt.c, tt.path, "application/x-www-form-urlencoded", tt.form.Encode(), tt.site)
		if resp.StatusCode != tt.status || !strings.Contains(body, tt.want) {
			t.Errorf("%s: status %d, want %d with %q", tt.name, resp.StatusCode, tt.status, tt.want)
		}
	}
	// The refused label stays in the form, with the option.
	if _, body := e.postBody(member, "/settings/app-passwords", url.Values{"label": {strings.Repeat("x", 61)}, "stories": {"on"}}); !strings.Contains(body, `value="`+strings.Repeat("x", 61)+`"`) ||
		!strings.Contains(body, `name="stories" checked`) {
		t.Error("a refused form loses its values")
	}
	if list, _ := e.db.AppPasswords(ctx, e.member.ID); len(list) != 2 {
		t.Fatalf("%d app passwords after the refused forms, want 2", len(list))
	}

	resp, body = e.postBody(member, "/settings/app-passwords/"+itoa(p.ID)+"/delete", nil)
	if resp.StatusCode != 200 || !strings.Contains(body, "App password revoked") || strings.Contains(body, "Reeder &lt;script&gt;") {
		t.Errorf("revoke: status %d\n%s", resp.StatusCode, body)
	}
	if _, err := e.db.AppPasswordBySecret(ctx, auth.HashToken(secret)); storyline.ErrorCode(err) != storyline.ENOTFOUND {
		t.Errorf("the revoked app password: %v", err)
	}
	if resp, _ := e.postBody(member, "/settings/app-passwords/"+itoa(p.ID)+"/delete", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("revoking twice: status %d", resp.StatusCode)
	}
}

func TestAppPasswordLimit(t *testing.T) {
	e := newTestEnv(t)
	member := e.signedIn("member", memberPassword)
	for i := range maxAppPasswords {
		e.createAppPassword(member, url.Values{"label": {"app " + itoa(int64(i))}})
	}
	if resp, body := e.postBody(member, "/settings/app-passwords", url.Values{"label": {"one more"}}); resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "revoke one first") {
		t.Errorf("app password over the limit: status %d", resp.StatusCode)
	}
}

// TestPasswordRevokesAppPasswords: a new password through Settings leaves
// no app signed in, and no other user's app is touched.
func TestPasswordRevokesAppPasswords(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	member := e.signedIn("member", memberPassword)
	admin := e.signedIn("admin", adminPassword)
	mine := e.createAppPassword(member, url.Values{"label": {"phone"}})
	theirs := e.createAppPassword(admin, url.Values{"label": {"laptop"}})

	const newPassword = "a-new-password"
	resp, _ := e.postBody(member, "/settings/password", url.Values{"current": {memberPassword}, "password": {newPassword}, "confirm": {newPassword}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("change password: status %d", resp.StatusCode)
	}
	if _, err := e.db.AppPasswordBySecret(ctx, auth.HashToken(mine)); storyline.ErrorCode(err) != storyline.ENOTFOUND {
		t.Errorf("the user's app password after a new password: %v, want ENOTFOUND", err)
	}
	if _, err := e.db.AppPasswordByFeverKey(ctx, auth.FeverKeyHash(auth.FeverKey("member", mine))); storyline.ErrorCode(err) != storyline.ENOTFOUND {
		t.Errorf("the user's Fever key after a new password: %v, want ENOTFOUND", err)
	}
	if _, err := e.db.AppPasswordBySecret(ctx, auth.HashToken(theirs)); err != nil {
		t.Errorf("another user's app password after the change: %v", err)
	}
	body := e.mustGet(member, "/settings?done=password", 200)
	if !strings.Contains(body, "No app passwords.") || !strings.Contains(body, "app passwords revoked") {
		t.Errorf("the settings page after a new password still lists app passwords, or does not say they are revoked")
	}
}
