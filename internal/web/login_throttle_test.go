package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// loginFrom posts a sign-in from client address addr (through a trusted
// proxy's X-Forwarded-For) and returns the response and its body.
func (e *testEnv) loginFrom(addr, name, password string) (*http.Response, string) {
	e.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.ts.URL+"/login", strings.NewReader(url.Values{"name": {name}, "password": {password}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", addr)
	return e.roundTrip(e.client(), req)
}

// TestSignInThrottleSparesTheOwner: guessing at a name from one address
// stops that address, not the name's owner elsewhere; guessing at many
// names from one address stops the address; a refusal says when to try
// again, in words and in Retry-After, without the server waiting.
func TestSignInThrottleSparesTheOwner(t *testing.T) {
	e := newTestEnv(t, func(c *Config) { c.TrustProxy = true })
	const attacker, owner, office = "203.0.113.9", "198.51.100.7", "203.0.113.50"
	for i := range 5 {
		if resp, _ := e.loginFrom(attacker, "member", "guess "+strconv.Itoa(i)); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("guess %d: status %d, want 401", i+1, resp.StatusCode)
		}
	}
	resp, body := e.loginFrom(attacker, "member", memberPassword)
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "try again in 1 minute") {
		t.Errorf("the guessing address: status %d, want 429 saying when to try again", resp.StatusCode)
	}
	if after, err := strconv.Atoi(resp.Header.Get("Retry-After")); err != nil || after < 1 || after > 60 {
		t.Errorf("Retry-After = %q, want 1 to 60 seconds", resp.Header.Get("Retry-After"))
	}
	if resp, _ := e.loginFrom(owner, "member", memberPassword); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the owner from another address during the attack: status %d, want a sign-in", resp.StatusCode)
	}
	// One address guessing many names: stopped after addrLoginBurst.
	for i := range addrLoginBurst {
		if resp, _ := e.loginFrom(office, "name"+strconv.Itoa(i), "guess"); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("name %d from one address: status %d, want 401", i, resp.StatusCode)
		}
	}
	if resp, _ := e.loginFrom(office, "admin", adminPassword); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("after %d failures from one address: status %d, want 429", addrLoginBurst, resp.StatusCode)
	}
}
