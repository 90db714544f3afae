package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

func TestHomeAndLatest(t *testing.T) {
	e := newTestEnv(t)
	resp, body := e.get(nil, "/")
	if resp.StatusCode != 200 || !strings.Contains(body, "Top stories") {
		t.Fatalf("home: %d", resp.StatusCode)
	}
	// The two-outlet dam story ranks above the cup story.
	dam, cup := strings.Index(body, "Dam talks to resume"), strings.Index(body, "Cup final")
	if dam < 0 || cup < 0 || dam > cup {
		t.Errorf("home order: dam at %d, cup at %d", dam, cup)
	}
	for _, want := range []string{"3 outlets", "Example Wire", `href="/hashtags/DamTalks"`, `data-item`, `data-open`} {
		if !strings.Contains(body, want) {
			t.Errorf("home lacks %q", want)
		}
	}
	_, body = e.get(nil, "/?outlet=Example+Wire")
	if !strings.Contains(body, "Dam talks to resume") || strings.Contains(body, "Cup final</a>") {
		t.Error("outlet filter: wrong stories")
	}
	if resp, _ := e.get(nil, "/?outlet="+strings.Repeat("x", maxParamLength+1)); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("an over-long filter: status %d", resp.StatusCode)
	}

	_, body = e.get(nil, "/latest")
	if !strings.Contains(body, "Latest stories") || strings.Index(body, "Dam talks") > strings.Index(body, "Cup final") {
		t.Error("latest: not newest first")
	}
	for _, bad := range []string{"/latest?cursor=zzz", "/latest?cursor=" + offsetCursor(3)} {
		if resp, _ := e.get(nil, bad); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: status %d", bad, resp.StatusCode)
		}
	}
	if resp, body := e.get(nil, "/no/such/page"); resp.StatusCode != 404 || !strings.Contains(body, "no page at /no/such/page") {
		t.Errorf("unknown page: %d", resp.StatusCode)
	}
}

// newBareEnv starts a server over an empty store: no users yet.
func newBareEnv(t *testing.T) *testEnv {
	t.Helper()
	e := &testEnv{t: t, ids: map[string]int64{}, db: openTestDB(t)}
	e.start()
	return e
}

func TestFirstRunSetup(t *testing.T) {
	e := newBareEnv(t)
	c := e.client()
	for _, p := range []string{"/", "/stories/1", "/feeds"} {
		if resp, _ := e.get(c, p); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/setup" {
			t.Errorf("%s before setup: %d → %q", p, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	if resp, body := e.get(c, "/api/v1/stories"); resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "/setup") {
		t.Errorf("API before setup: %d %s", resp.StatusCode, body)
	}
	if resp, body := e.get(c, "/setup"); resp.StatusCode != 200 || !strings.Contains(body, `name="confirm"`) {
		t.Fatalf("setup page: %d", resp.StatusCode)
	}
	tests := []struct {
		name, pw, confirm string
		want              string
	}{
		{"", "long enough", "long enough", "1 to 40 characters"},
		{"bad name!", "long enough", "long enough", "only letters"},
		{"editor", "short", "short", "at least 8"},
		{"editor", "long enough", "different!", "passwords differ"},
	}
	for _, tt := range tests {
		resp := e.post(c, "/setup", url.Values{"name": {tt.name}, "password": {tt.pw}, "confirm": {tt.confirm}})
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("setup %q/%q: status %d", tt.name, tt.pw, resp.StatusCode)
		}
	}
	if n, _ := e.db.CountUsers(t.Context()); n != 0 {
		t.Fatalf("bad setups stored %d users", n)
	}
	resp := e.post(c, "/setup", url.Values{"name": {"editor"}, "password": {"long enough"}, "confirm": {"long enough"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("setup: status %d", resp.StatusCode)
	}
	u, err := e.db.UserByName(t.Context(), "editor")
	if err != nil || u.Role != storyline.RoleAdmin {
		t.Fatalf("administrator: %+v, %v", u, err)
	}
	// Signed in, and reading is private (the box was not ticked).
	if resp, body := e.get(c, "/"); resp.StatusCode != 200 || !strings.Contains(body, "Sign out editor") {
		t.Errorf("after setup: %d", resp.StatusCode)
	}
	if resp, _ := e.get(nil, "/"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Errorf("a visitor of a private site: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	// A second setup is refused, and the setup page sends people to sign in.
	other := e.client()
	if resp := e.post(other, "/setup", url.Values{"name": {"intruder"}, "password": {"long enough"}, "confirm": {"long enough"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("second setup: status %d", resp.StatusCode)
	}
	if _, err := e.db.UserByName(t.Context(), "intruder"); storyline.ErrorCode(err) != storyline.ENOTFOUND {
		t.Errorf("second setup stored a user: %v", err)
	}
	if resp, _ := e.get(other, "/setup"); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login" {
		t.Errorf("setup page after setup: %d", resp.StatusCode)
	}
}

func TestSignInAndOut(t *testing.T) {
	e := newTestEnv(t)
	c := e.client()
	resp := e.post(c, "/login", url.Values{"name": {"MEMBER"}, "password": {memberPassword}, "next": {"/stories/1?x=1"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/stories/1?x=1" {
		t.Fatalf("sign in: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	var session *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == sessionCookie {
			session = ck
		}
	}
	if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode || session.Secure {
		t.Errorf("session cookie %+v (Secure only behind TLS)", session)
	}
	if _, body := e.get(c, "/"); !strings.Contains(body, "Sign out member") {
		t.Error("not signed in")
	}
	if resp := e.post(c, "/logout", nil); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("sign out: %d", resp.StatusCode)
	}
	if _, body := e.get(c, "/"); strings.Contains(body, "Sign out") {
		t.Error("still signed in after signing out")
	}
	// The old cookie no longer works, even if a browser kept it.
	old := e.client()
	u, _ := url.Parse(e.ts.URL)
	old.Jar.SetCookies(u, []*http.Cookie{{Name: sessionCookie, Value: session.Value}})
	if _, body := e.get(old, "/"); strings.Contains(body, "Sign out") {
		t.Error("a session survived signing out")
	}
}

func TestSignInRedirectStaysHere(t *testing.T) {
	for _, next := range []string{"https://evil.example/", "//evil.example/", "/\\evil.example", "/\t/evil.example", "/\n/evil.example", "javascript:alert(1)", "", "x"} {
		if got := localPath(next); got != "/" {
			t.Errorf("localPath(%q) = %q, want /", next, got)
		}
	}
	for _, ok := range []string{"/", "/stories/1", "/search?q=a+b&outlet=x"} {
		if got := localPath(ok); got != ok {
			t.Errorf("localPath(%q) = %q", ok, got)
		}
	}
	e := newTestEnv(t)
	resp := e.post(e.client(), "/login", url.Values{"name": {"member"}, "password": {memberPassword}, "next": {"//evil.example/"}})
	if resp.Header.Get("Location") != "/" {
		t.Errorf("sign in with a foreign next: → %q", resp.Header.Get("Location"))
	}
}

func TestSignInThrottle(t *testing.T) {
	e := newTestEnv(t)
	c := e.client()
	for i := range 5 {
		if resp := e.post(c, "/login", url.Values{"name": {"member"}, "password": {"wrong password"}}); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("failure %d: status %d", i+1, resp.StatusCode)
		}
	}
	// The sixth attempt is refused even with the right password.
	if resp := e.post(c, "/login", url.Values{"name": {"member"}, "password": {memberPassword}}); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("after 5 failures: status %d, want 429", resp.StatusCode)
	}
	// Unknown names read the same as wrong passwords.
	resp, body := func() (*http.Response, string) {
		req, _ := http.NewRequest(http.MethodPost, e.ts.URL+"/login", strings.NewReader(url.Values{"name": {"nobody"}, "password": {"x"}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.RemoteAddr = "192.0.2.1:1"
		return e.roundTrip(e.client(), req)
	}()
	if resp.StatusCode != http.StatusTooManyRequests && !strings.Contains(body, "wrong name or password") {
		t.Errorf("unknown name: %d %q", resp.StatusCode, body)
	}
}

func TestThemeSwitch(t *testing.T) {
	e := newTestEnv(t)
	c := e.client()
	req, _ := http.NewRequest(http.MethodPost, e.ts.URL+"/theme", strings.NewReader("theme=dark"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Referer", e.ts.URL+"/stories/1")
	resp, _ := e.roundTrip(c, req)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/stories/1" {
		t.Errorf("theme: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, body := e.get(c, "/"); !strings.Contains(body, `data-theme="dark"`) {
		t.Error("dark theme not applied")
	}
	req, _ = http.NewRequest(http.MethodPost, e.ts.URL+"/theme", strings.NewReader("theme=light"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Requested-With", "fetch")
	req.Header.Set("Referer", "https://evil.example/")
	if resp, _ := e.roundTrip(c, req); resp.StatusCode != http.StatusNoContent {
		t.Errorf("theme by script: %d", resp.StatusCode)
	}
	if _, body := e.get(c, "/"); !strings.Contains(body, `data-theme="light"`) {
		t.Error("light theme not applied")
	}
	req, _ = http.NewRequest(http.MethodPost, e.ts.URL+"/theme", strings.NewReader("theme=dark"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Referer", "https://evil.example/x")
	if resp, _ := e.roundTrip(c, req); resp.Header.Get("Location") != "/" {
		t.Errorf("theme from a foreign referrer → %q", resp.Header.Get("Location"))
	}
}

func TestStaticFiles(t *testing.T) {
	e := newTestEnv(t)
	css := e.srv.static.url("app.css")
	resp, body := e.get(nil, css)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") ||
		!strings.Contains(resp.Header.Get("Cache-Control"), "immutable") || !strings.Contains(body, "--accent") {
		t.Errorf("%s: %d %v", css, resp.StatusCode, resp.Header)
	}
	total := 0
	for _, name := range []string{"app.css", "app.js"} {
		_, b := e.get(nil, e.srv.static.url(name))
		total += len(b)
	}
	if total >= 60_000 {
		t.Errorf("CSS and JS weigh %d bytes, over the 60 KB budget", total)
	}
	for _, p := range []string{"/static/", "/static/../server.go", "/static/%2e%2e/server.go", "/static/..%2fserver.go",
		"/static/static/app.css", "/static/templates/layout.html", "/static/app.css/..", "/static//etc/passwd"} {
		resp, body := e.get(nil, p)
		if resp.StatusCode == 200 && !strings.Contains(body, "Top stories") {
			t.Errorf("%s: served %d bytes", p, len(body))
		}
		if strings.Contains(body, "package web") || strings.Contains(body, "root:") {
			t.Errorf("%s: escaped the static files", p)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	e := newTestEnv(t)
	for _, p := range []string{"/", "/stories/1", "/api/v1/stories", "/nope", "/login"} {
		resp, _ := e.get(nil, p)
		h := resp.Header
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") ||
			!strings.Contains(csp, "frame-ancestors 'none'") || h.Get("X-Content-Type-Options") != "nosniff" ||
			h.Get("Referrer-Policy") == "" {
			t.Errorf("%s: headers %v", p, h)
		}
	}
}

func TestSessionsSweep(t *testing.T) {
	e := newTestEnv(t)
	ctx := t.Context()
	if err := e.db.AddSession(ctx, &storyline.Session{TokenHash: "old", UserID: e.member.ID, CreatedAt: testNow.Add(-60 * 24 * time.Hour), ExpiresAt: testNow.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	sweepCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); e.srv.sweepSessions(sweepCtx, time.Hour) }()
	if !eventually(func() bool {
		_, err := e.db.Session(ctx, "old", testNow.Add(-2*time.Hour))
		return storyline.ErrorCode(err) == storyline.ENOTFOUND
	}) {
		t.Error("the expired session was not deleted")
	}
	cancel()
	<-done
}
