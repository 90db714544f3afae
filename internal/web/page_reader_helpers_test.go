package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// pageReader is a signed-in reader of the test server's pages, with a
// browser's cookies.
type pageReader struct {
	e *testEnv
	c *http.Client
}

// memberPages and adminPages sign the fixture readers in.
func (e *testEnv) memberPages() *pageReader {
	return &pageReader{e: e, c: e.signedIn("member", memberPassword)}
}

func (e *testEnv) adminPages() *pageReader {
	return &pageReader{e: e, c: e.signedIn("admin", adminPassword)}
}

// page fetches path and fails unless it answers 200.
func (p *pageReader) page(path string) string {
	p.e.t.Helper()
	return p.e.mustGet(p.c, path, http.StatusOK)
}

// submit posts form to path from the page from (its Referer) as a
// browser does, and returns the status and where it redirects.
func (p *pageReader) submit(from, path string, form url.Values) (int, string) {
	p.e.t.Helper()
	return p.e.submitAs(p.c, from, path, form, nil)
}

// must posts form to path from page from and fails unless it redirects
// (303) to want.
func (p *pageReader) must(from, path string, form url.Values, want string) {
	p.e.t.Helper()
	status, to := p.submit(from, path, form)
	if status != http.StatusSeeOther || to != want {
		p.e.t.Fatalf("POST %s %v from %s: %d to %q, want 303 to %q", path, form, from, status, to, want)
	}
}

// submitAs posts form to path with c (nil: a visitor) from page from,
// with the extra headers given, and returns the status and Location.
func (e *testEnv) submitAs(c *http.Client, from, path string, form url.Values, header http.Header) (int, string) {
	e.t.Helper()
	if c == nil {
		c = e.client()
	}
	req, err := http.NewRequest(http.MethodPost, e.ts.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", e.ts.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if from != "" {
		req.Header.Set("Referer", e.ts.URL+from)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, body := e.roundTrip(c, req)
	if resp.StatusCode >= 400 {
		return resp.StatusCode, mainOf(body)
	}
	return resp.StatusCode, resp.Header.Get("Location")
}

// navCount returns the unread count by the navigation's link to href
// ("/", "/latest", "/foryou"): 0 when it shows none, -1 when there is
// no such link.
func navCount(body, href string) int {
	nav := body
	if i := strings.Index(nav, `<nav aria-label="Sections">`); i >= 0 {
		nav = nav[i:]
	}
	if i := strings.Index(nav, "</nav>"); i >= 0 {
		nav = nav[:i]
	}
	m := regexp.MustCompile(`<a href="` + regexp.QuoteMeta(href) + `"[^>]*>[^<]*(?:<span class="count"><span class="visually-hidden">\(</span>(\d+))?`).FindStringSubmatch(nav)
	if m == nil {
		return -1
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// cardStates returns the story cards of a page as "ID state" lines in
// order: state is "read", "unread" or "" (a visitor's card).
func cardStates(body string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<article class="card( read| unread)?" data-item(?: data-kind="story" data-id="(\d+)")?`).FindAllStringSubmatch(body, -1) {
		out = append(out, strings.TrimSpace(m[2]+" "+strings.TrimSpace(m[1])))
	}
	return out
}

// storyCard returns story id's card of a page, or "".
func storyCardOf(body string, id int64) string {
	i := strings.Index(body, `data-kind="story" data-id="`+strconv.FormatInt(id, 10)+`"`)
	if i < 0 {
		return ""
	}
	rest := body[i:]
	if j := strings.Index(rest, "</article>"); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// savedPressed reports whether the page's save button for item kind/id
// is pressed: "true", "false", or "" when there is none.
func savedPressed(body, kind string, id int64) string {
	m := regexp.MustCompile(`action="/saved/` + kind + `/` + strconv.FormatInt(id, 10) + `"[^>]*>\s*<input[^>]*>\s*<button[^>]*aria-pressed="(true|false)"`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return m[1]
}
