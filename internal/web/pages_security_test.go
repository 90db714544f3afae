package web

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

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
			if strings.Contains(p, "cursor=") || strings.Contains(p, "since=") {
				want = http.StatusBadRequest
			}
			if resp.StatusCode != want {
				t.Errorf("%s: status %d, want %d", p, resp.StatusCode, want)
			}
			assertInertPage(t, p, body)
			csp := resp.Header.Get("Content-Security-Policy")
			if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
				t.Errorf("%s: Content-Security-Policy %q", p, csp)
			}
		}
	}
}

// assertInertPage fails when a page carries live hostile markup (see
// liveMarkup), then checks its markup, with the text and plain attribute
// values left out, with assertInert: hostile text that the page shows
// escaped, as it should, is not live.
func assertInertPage(t *testing.T, what, body string) {
	t.Helper()
	problems, skeleton := liveMarkup(body)
	for _, p := range problems {
		t.Errorf("%s: %s", what, p)
	}
	assertInert(t, what, skeleton)
}

// liveMarkup reads a page as a browser does and lists what in it would run
// code or frame another page: event handler attributes, inline scripts or
// scripts not from /static/, javascript: or data: URLs, frames. It also
// returns the page's markup without its text, attribute values kept only
// when they are such URLs.
func liveMarkup(body string) (problems []string, skeleton string) {
	var sk strings.Builder
	z := html.NewTokenizer(strings.NewReader(body))
	inScript := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				problems = append(problems, "unreadable HTML: "+z.Err().Error())
			}
			return problems, sk.String()
		}
		tok := z.Token()
		switch tt {
		case html.TextToken:
			if inScript && strings.TrimSpace(tok.Data) != "" {
				problems = append(problems, "inline script "+tok.Data)
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			inScript = tok.Data == "script"
			problems = append(problems, tagProblems(tok)...)
			sk.WriteString("<" + tok.Data)
			for _, a := range tok.Attr {
				v := "v"
				if unsafeURL(a.Val) {
					v = a.Val
				}
				sk.WriteString(" " + a.Key + `="` + v + `"`)
			}
			sk.WriteString(">")
		case html.EndTagToken:
			inScript = false
		}
	}
}

// tagProblems lists what in a tag runs code or frames another page.
func tagProblems(tok html.Token) []string {
	var out []string
	switch tok.Data {
	case "iframe", "frame", "object", "embed", "base":
		out = append(out, "live <"+tok.Data+">")
	}
	for _, a := range tok.Attr {
		key := strings.ToLower(a.Key)
		switch {
		case strings.HasPrefix(key, "on"):
			out = append(out, "<"+tok.Data+"> has an event handler "+a.Key+"="+a.Val)
		case (key == "href" || key == "src" || key == "action" || key == "formaction") && unsafeURL(a.Val):
			out = append(out, "<"+tok.Data+" "+a.Key+"="+a.Val+">")
		case tok.Data == "script" && key == "src" && !strings.HasPrefix(a.Val, "/static/"):
			out = append(out, "a script from "+a.Val)
		}
	}
	return out
}

// unsafeURL reports whether a URL runs code when followed.
func unsafeURL(v string) bool {
	v = strings.ToLower(strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, v))
	return strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:text")
}

func TestLiveMarkup(t *testing.T) {
	for _, live := range []string{
		`<p>` + xssImg + `</p>`,
		`<p>` + xssScript + `</p>`,
		`<a href="javascript:alert(1)">x</a>`,
		`<a href=" JavaScript:alert(1)">x</a>`,
		`<div onmouseover="alert(1)">x</div>`,
		`<iframe src="https://x.example"></iframe>`,
		`<script src="https://x.example/a.js"></script>`,
	} {
		if problems, _ := liveMarkup(live); len(problems) == 0 {
			t.Errorf("liveMarkup found nothing live in %q", live)
		}
	}
	assertInertPage(t, "escaped", `<p>&lt;img src=x onerror=alert(1)&gt;</p><a href="/x/%3Cimg%20src=x%20onerror=alert%281%29%3E">y</a><script src="/static/app.js" defer></script>`)
}
