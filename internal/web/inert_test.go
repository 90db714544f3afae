package web

import (
	"io"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// assertInert fails when a page carries live hostile markup (see
// liveMarkup). Hostile text that the page shows escaped, as it should, is
// not live.
func assertInert(t *testing.T, what, body string) {
	t.Helper()
	problems, _ := liveMarkup(body)
	for _, p := range problems {
		t.Errorf("%s: %s", what, p)
	}
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
	assertInert(t, "escaped", `<p>&lt;img src=x onerror=alert(1)&gt;</p><a href="/x/%3Cimg%20src=x%20onerror=alert%281%29%3E">y</a><script src="/static/app.js" defer></script>`)
}
