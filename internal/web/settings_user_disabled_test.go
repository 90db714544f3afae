package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestDisableAccount(t *testing.T) {
	e := newTestEnv(t)
	admin := e.signedIn("admin", adminPassword)
	member := e.signedIn("member", memberPassword)
	token := strings.TrimPrefix(e.apiToken(e.member), "Bearer ")
	path := "/settings/users/" + itoa(e.member.ID) + "/disabled"

	// Refused: bad values, and the administrator's own account.
	for _, tt := range []struct {
		path, value, want string
	}{
		{path, "maybe", "want true or false"},
		{"/settings/users/" + itoa(e.admin.ID) + "/disabled", "true", "cannot disable your own account"},
	} {
		resp, body := e.postBody(admin, tt.path, url.Values{"disabled": {tt.value}})
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, tt.want) {
			t.Errorf("POST %s disabled=%s: status %d, want 400 with %q", tt.path, tt.value, resp.StatusCode, tt.want)
		}
	}
	if resp, _ := e.postBody(admin, "/settings/users/9999/disabled", url.Values{"disabled": {"true"}}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown user: status %d, want 404", resp.StatusCode)
	}

	resp, _ := e.postBody(admin, path, url.Values{"disabled": {"true"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/settings?done=disabled" {
		t.Fatalf("disable: status %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, body := e.get(admin, "/settings?done=disabled"); !strings.Contains(body, "Account disabled") || !strings.Contains(body, "(disabled)") {
		t.Error("the settings page does not say the account is disabled")
	}
	// At once: the session, the token and a new sign-in are refused.
	if resp, _ := e.get(member, "/settings"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Errorf("the disabled member's browser is still signed in: %d", resp.StatusCode)
	}
	if status, _ := e.bearerGet(token, "/api/v1/stories"); status != http.StatusUnauthorized {
		t.Errorf("the disabled member's API token: status %d, want 401", status)
	}
	if resp, body := e.postBody(e.client(), "/login", url.Values{"name": {"member"}, "password": {memberPassword}}); resp.StatusCode == http.StatusSeeOther || !strings.Contains(body, "this account is disabled") {
		t.Errorf("a disabled account signs in: status %d", resp.StatusCode)
	}

	// Enabled again: the token works again, and it may sign in.
	if resp, _ := e.postBody(admin, path, url.Values{"disabled": {"false"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("enable: status %d", resp.StatusCode)
	}
	if status, _ := e.bearerGet(token, "/api/v1/stories"); status != 200 {
		t.Errorf("the enabled member's API token: status %d, want 200", status)
	}
	e.signedIn("member", memberPassword)
	if u, _ := e.db.User(context.Background(), e.member.ID); u.Disabled {
		t.Error("the member is still disabled")
	}
}

func TestRevokeAnAccountsTokens(t *testing.T) {
	e := newTestEnv(t)
	admin := e.signedIn("admin", adminPassword)
	member := e.signedIn("member", memberPassword)
	token := strings.TrimPrefix(e.apiToken(e.member), "Bearer ")
	path := "/settings/users/" + itoa(e.member.ID) + "/tokens/revoke"
	if _, body := e.get(admin, "/settings"); !strings.Contains(body, `action="`+path+`"`) {
		t.Error("the settings page offers no way to revoke the member's tokens")
	}
	if resp, _ := e.postBody(member, path, nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a member revokes tokens: status %d, want 403", resp.StatusCode)
	}
	if resp, _ := e.postBody(admin, "/settings/users/9999/tokens/revoke", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown user: status %d, want 404", resp.StatusCode)
	}
	resp, _ := e.postBody(admin, path, nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/settings?done=tokens-revoked" {
		t.Fatalf("revoke: status %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if status, _ := e.bearerGet(token, "/api/v1/stories"); status != http.StatusUnauthorized {
		t.Errorf("a revoked token: status %d, want 401", status)
	}
	if resp, _ := e.get(member, "/settings"); resp.StatusCode != 200 {
		t.Errorf("revoking the tokens signed the member's browser out: %d", resp.StatusCode)
	}
}

func TestDeleteAccount(t *testing.T) {
	e := newTestEnv(t, realClock)
	admin := e.signedIn("admin", adminPassword)
	member := e.signedIn("member", memberPassword)
	storyPath := "/stories/" + itoa(e.story)
	e.commentOn(member, storyPath, "The valley road is open again.")
	path := "/settings/users/" + itoa(e.member.ID) + "/delete"

	if resp, body := e.postBody(admin, "/settings/users/"+itoa(e.admin.ID)+"/delete", nil); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "cannot delete your own account") {
		t.Errorf("an administrator deletes themselves: status %d", resp.StatusCode)
	}
	if resp, _ := e.postBody(member, path, nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a member deletes an account: status %d, want 403", resp.StatusCode)
	}
	resp, _ := e.postBody(admin, path, nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/settings?done=deleted" {
		t.Fatalf("delete: status %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, _ := e.get(member, "/settings"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the deleted member's browser is still signed in: %d", resp.StatusCode)
	}
	_, body := e.get(admin, storyPath)
	if !strings.Contains(body, "The valley road is open again.") || !strings.Contains(body, "deleted account") {
		t.Error("the deleted member's comment is not shown as a deleted account's")
	}
	if resp, _ := e.postBody(admin, path, nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("deleting it again: status %d, want 404", resp.StatusCode)
	}
}
