package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/storyline/storyline"
)

// Hostile search queries.
const (
	xssQueryScript = `<script>alert(1)</script>`
	xssQueryAttr   = `"><img src=x onerror=alert(1)>`
)

func TestPagesInertWithHostileInput(t *testing.T) {
	e := newTestEnv(t, realClock)
	member := e.signedIn("member", memberPassword)
	admin := e.signedIn("admin", adminPassword)
	hostile := xssScript + " " + xssImg + ` <a href="javascript:alert(1)">x</a> javascript:alert(1) https://x.example/"onmouseover=alert(1)`
	e.commentOn(member, "/stories/2", hostile)
	e.commentOn(member, "/articles/"+itoa(e.ids["evil"]), hostile)

	bad := &storyline.Article{URL: xssJSLink, ImageURL: xssJSLink, Source: "Example Wire", Title: "Links", Text: "Hostile links only."}
	bad.ContentHash = storyline.ContentHash(bad.Text)
	res, err := e.db.SaveArticle(context.Background(), bad)
	if err != nil {
		t.Fatal(err)
	}
	pages := []string{
		"/",
		"/latest",
		"/?outlet=" + url.QueryEscape(xssOutlet),
		"/settings",
		"/articles/" + itoa(res.ID),
		"/stories/2",
		"/stories/1",
		"/articles/" + itoa(e.ids["evil"]),
		"/articles/" + itoa(e.ids["cup"]),
		"/outlets/" + url.PathEscape(xssOutlet),
		"/hashtags/" + url.PathEscape(xssImg),
		"/entities/organization/" + url.PathEscape("Harbour City "+xssScript),
		"/search?q=" + url.QueryEscape(xssQueryScript),
		"/search?q=" + url.QueryEscape(xssQueryAttr),
		"/search?q=" + url.QueryEscape(xssQueryAttr) + "&outlet=" + url.QueryEscape(xssOutlet),
		"/search?q=" + url.QueryEscape(xssQueryAttr) + "&since=" + url.QueryEscape(xssQueryAttr),
		"/search?q=harbour+parade",
		"/search?q=" + url.QueryEscape(xssQueryScript) + "&cursor=" + url.QueryEscape(xssQueryAttr),
	}
	for _, c := range []*http.Client{nil, member, admin} {
		for _, p := range pages {
			resp, body := e.get(c, p)
			want := http.StatusOK
			switch {
			case strings.Contains(p, "cursor=") || strings.Contains(p, "since="):
				want = http.StatusBadRequest
			case p == "/settings" && c == nil:
				want = http.StatusSeeOther // visitors are sent to sign in
			}
			if resp.StatusCode != want {
				t.Errorf("%s: status %d, want %d", p, resp.StatusCode, want)
			}
			assertInert(t, p, body)
			csp := resp.Header.Get("Content-Security-Policy")
			if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
				t.Errorf("%s: Content-Security-Policy %q", p, csp)
			}
		}
	}
}
