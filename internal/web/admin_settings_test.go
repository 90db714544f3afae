package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/auth"
)

// bearerGet fetches path with an Authorization: Bearer header and returns
// the status and body.
func (e *testEnv) bearerGet(token, path string) (int, string) {
	e.t.Helper()
	a := e.apiCall(nil, http.MethodGet, path, "", "Authorization", "Bearer "+token)
	return a.status, a.body
}

func TestSettingsPage(t *testing.T) {
	e := newTestEnv(t)
	_, body := e.get(e.signedIn("admin", adminPassword), "/settings")
	for _, want := range []string{`action="/settings"`, `name="public" checked`, "Add an account", "member", `action="/settings/password"`, `action="/settings/tokens"`} {
		if !strings.Contains(body, want) {
			t.Errorf("administrator's settings lack %q", want)
		}
	}
	resp, body := e.get(e.signedIn("member", memberPassword), "/settings")
	if resp.StatusCode != 200 || !strings.Contains(body, `action="/settings/password"`) || !strings.Contains(body, `action="/settings/tokens"`) {
		t.Errorf("member's settings: status %d, or own forms missing", resp.StatusCode)
	}
	if strings.Contains(body, `action="/settings"`) || strings.Contains(body, "Add an account") {
		t.Error("a member sees the site's settings or the accounts")
	}
}

func TestPublicReadingSetting(t *testing.T) {
	e := newTestEnv(t)
	admin := e.signedIn("admin", adminPassword)
	member := e.signedIn("member", memberPassword)
	resp, _ := e.postBody(admin, "/settings", url.Values{"site_name": {"Harbour " + xssScript + " News"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/settings?done=site" {
		t.Fatalf("save settings: status %d", resp.StatusCode)
	}

	resp, _ = e.get(nil, "/")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login?next=%2F" {
		t.Errorf("private reading: visitor's home is %d to %q, want a redirect to sign in", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, body := e.get(nil, "/api/v1/articles")
	var apiErr struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	if resp.StatusCode != http.StatusUnauthorized || json.Unmarshal([]byte(body), &apiErr) != nil || apiErr.Error.Code != storyline.EUNAUTHORIZED {
		t.Errorf("private reading: visitor's API answer %d %q, want 401 JSON", resp.StatusCode, body)
	}
	resp, body = e.get(member, "/")
	if resp.StatusCode != 200 || !strings.Contains(body, "Dam talks to resume") || !strings.Contains(body, "Harbour &lt;script&gt;") {
		t.Errorf("private reading: member's home is %d, or without the stories and the new name", resp.StatusCode)
	}
	assertInert(t, "home with a hostile site name", body)
	_, body = e.get(admin, "/settings?done=site")
	if !strings.Contains(body, "Site settings saved.") || strings.Contains(body, `name="public" checked`) {
		t.Error("settings page does not show the saved settings")
	}
	assertInert(t, "settings with a hostile site name", body)

	if resp, body := e.postBody(admin, "/settings", url.Values{"site_name": {strings.Repeat("n", 81)}, "public": {"on"}}); resp.StatusCode != 400 || !strings.Contains(body, "at most 80 bytes") {
		t.Errorf("long site name: status %d", resp.StatusCode)
	}
	e.postBody(admin, "/settings", url.Values{"site_name": {"Harbour"}, "public": {"on"}})
	if resp, _ := e.get(nil, "/"); resp.StatusCode != 200 {
		t.Errorf("public reading again: visitor's home is %d", resp.StatusCode)
	}
}

func TestChangePassword(t *testing.T) {
	e := newTestEnv(t)
	here := e.signedIn("member", memberPassword)
	elsewhere := e.signedIn("member", memberPassword)
	const newPassword = "a-new-password"
	tests := []struct {
		name                string
		current, pw, repeat string
		want                string
	}{
		{"wrong current", "wrong-password", newPassword, newPassword, "not your password"},
		{"differ", memberPassword, newPassword, newPassword + "x", "the two passwords differ"},
		{"short", memberPassword, "short", "short", "at least 8 characters"},
		{"hostile", xssScript, xssScript, xssScript, "not your password"},
	}
	for _, tt := range tests {
		resp, body := e.postBody(here, "/settings/password", url.Values{"current": {tt.current}, "password": {tt.pw}, "confirm": {tt.repeat}})
		if resp.StatusCode != 400 || !strings.Contains(body, tt.want) {
			t.Errorf("%s: status %d, want 400 with %q", tt.name, resp.StatusCode, tt.want)
		}
		assertInert(t, tt.name, body)
	}
	if resp, _ := e.get(elsewhere, "/settings"); resp.StatusCode != 200 {
		t.Fatalf("refused changes signed the other browser out: %d", resp.StatusCode)
	}

	token := strings.TrimPrefix(e.apiToken(e.member), "Bearer ")
	if status, _ := e.bearerGet(token, "/api/v1/stories"); status != 200 {
		t.Fatalf("the API token does not work before the change: %d", status)
	}
	resp, _ := e.postBody(here, "/settings/password", url.Values{"current": {memberPassword}, "password": {newPassword}, "confirm": {newPassword}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/settings?done=password" {
		t.Fatalf("change: status %d", resp.StatusCode)
	}
	if status, _ := e.bearerGet(token, "/api/v1/stories"); status != http.StatusUnauthorized {
		t.Errorf("an API token of the user still works after the change: %d", status)
	}
	if resp, body := e.get(here, "/settings?done=password"); resp.StatusCode != 200 || !strings.Contains(body, "Password changed") {
		t.Errorf("this browser was signed out: %d", resp.StatusCode)
	}
	if resp, _ := e.get(elsewhere, "/settings"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Errorf("the other browser is still signed in: %d", resp.StatusCode)
	}
	if resp := e.post(e.client(), "/login", url.Values{"name": {"member"}, "password": {memberPassword}}); resp.StatusCode == http.StatusSeeOther {
		t.Error("the old password still signs in")
	}
	e.signedIn("member", newPassword)
}

// tokenSecret finds the secret on the new-token page.
var tokenSecret = regexp.MustCompile(`id="token-secret"[^>]*value="([A-Za-z0-9_-]{43})"`)

func TestAPITokens(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	admin := e.signedIn("admin", adminPassword)
	member := e.signedIn("member", memberPassword)
	e.postBody(admin, "/settings", url.Values{"site_name": {"Private"}}) // private reading

	resp, body := e.postBody(member, "/settings/tokens", url.Values{"name": {"phone " + xssScript}})
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create: status %d", resp.StatusCode)
	}
	assertInert(t, "new token page", body)
	m := tokenSecret.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no secret on the page:\n%s", body)
	}
	secret := m[1]
	if resp.Header.Get("Cache-Control") != "private, no-store" {
		t.Errorf("the secret's page may be cached: %q", resp.Header.Get("Cache-Control"))
	}
	_, body = e.get(member, "/settings")
	if strings.Contains(body, secret) || !strings.Contains(body, "phone &lt;script&gt;") {
		t.Error("the settings page shows the secret again, or not the token's name")
	}
	assertInert(t, "settings with a hostile token name", body)
	list, err := e.db.Tokens(ctx, e.member.ID)
	if err != nil || len(list) != 1 || list[0].TokenHash != auth.HashToken(secret) {
		t.Fatalf("stored tokens %+v %v", list, err)
	}
	tokenID := itoa(list[0].ID)

	if status, body := e.bearerGet(secret, "/api/v1/articles"); status != 200 {
		t.Errorf("bearer token: %d %s", status, body)
	}
	if resp, _ := e.postBody(admin, "/settings/tokens/"+tokenID+"/delete", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another user revoking the token: status %d, want 404", resp.StatusCode)
	}
	if status, _ := e.bearerGet(secret, "/api/v1/articles"); status != 200 {
		t.Errorf("the token stopped working after another user's attempt: %d", status)
	}
	for _, name := range []string{"", "  ", strings.Repeat("n", 61)} {
		if resp, body := e.postBody(member, "/settings/tokens", url.Values{"name": {name}}); resp.StatusCode != 400 || !strings.Contains(body, "token name") {
			t.Errorf("token name %q: status %d", name, resp.StatusCode)
		}
	}
	if resp, _ := e.postBody(member, "/settings/tokens/"+tokenID+"/delete", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("revoke: status %d", resp.StatusCode)
	}
	if status, body := e.bearerGet(secret, "/api/v1/articles"); status != http.StatusUnauthorized || !strings.Contains(body, `"unauthorized"`) {
		t.Errorf("revoked token: %d %s", status, body)
	}
	if resp, _ := e.postBody(member, "/settings/tokens/"+tokenID+"/delete", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("revoking twice: status %d", resp.StatusCode)
	}
	if resp, _ := e.postBody(e.client(), "/settings/tokens", url.Values{"name": {"x"}}); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("visitor creating a token: status %d", resp.StatusCode)
	}
}

func TestTokenLimit(t *testing.T) {
	e := newTestEnv(t)
	member := e.signedIn("member", memberPassword)
	for i := range maxTokens {
		if resp, _ := e.postBody(member, "/settings/tokens", url.Values{"name": {"t" + itoa(int64(i))}}); resp.StatusCode != http.StatusCreated {
			t.Fatalf("token %d: status %d", i, resp.StatusCode)
		}
	}
	if resp, body := e.postBody(member, "/settings/tokens", url.Values{"name": {"one more"}}); resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "revoke one first") {
		t.Errorf("token over the limit: status %d", resp.StatusCode)
	}
}

func TestManageUsers(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	admin := e.signedIn("admin", adminPassword)
	form := func(name, pw, confirm, role string) url.Values {
		return url.Values{"name": {name}, "password": {pw}, "confirm": {confirm}, "role": {role}}
	}
	bad := []struct {
		name string
		form url.Values
		want string
	}{
		{"taken", form("MEMBER", "password-1", "password-1", "member"), `user name &#34;MEMBER&#34; is taken`},
		{"hostile name", form(xssScript, "password-1", "password-1", "member"), "only letters, digits"},
		{"differ", form("carol", "password-1", "password-2", "member"), "the two passwords differ"},
		{"short", form("carol", "short", "short", "member"), "at least 8 characters"},
		{"role", form("carol", "password-1", "password-1", "root"+xssImg), "choose member or admin"},
	}
	for _, tt := range bad {
		resp, body := e.postBody(admin, "/settings/users", tt.form)
		if resp.StatusCode/100 != 4 || !strings.Contains(body, tt.want) {
			t.Errorf("%s: status %d, want an error with %q", tt.name, resp.StatusCode, tt.want)
		}
		assertInert(t, tt.name, body)
	}
	if users, _ := e.db.Users(ctx); len(users) != 2 {
		t.Fatalf("%d users after refused additions", len(users))
	}

	resp, _ := e.postBody(admin, "/settings/users", form("carol", "carol-password", "carol-password", "admin"))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: status %d", resp.StatusCode)
	}
	carol, err := e.db.UserByName(ctx, "carol")
	if err != nil || !carol.IsAdmin() {
		t.Fatalf("carol: %+v %v", carol, err)
	}
	e.signedIn("carol", "carol-password")

	roles := []struct {
		id     int64
		role   string
		status int
	}{
		{e.member.ID, "admin", http.StatusSeeOther},
		{e.member.ID, "member", http.StatusSeeOther},
		{e.admin.ID, "member", http.StatusBadRequest}, // their own
		{carol.ID, "owner", http.StatusBadRequest},
		{999, "admin", http.StatusNotFound},
	}
	for _, r := range roles {
		if resp, _ := e.postBody(admin, "/settings/users/"+itoa(r.id)+"/role", url.Values{"role": {r.role}}); resp.StatusCode != r.status {
			t.Errorf("role of user %d to %s: status %d, want %d", r.id, r.role, resp.StatusCode, r.status)
		}
	}
	if u, _ := e.db.User(ctx, e.admin.ID); !u.IsAdmin() {
		t.Error("the administrator demoted themselves")
	}
	if u, _ := e.db.User(ctx, e.member.ID); u.IsAdmin() {
		t.Error("the member is still an administrator")
	}
}
