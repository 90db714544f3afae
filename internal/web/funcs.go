package web

import (
	"html/template"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/urlx"
)

// templateFuncs are the functions templates call.
func (s *Server) templateFuncs() template.FuncMap {
	return template.FuncMap{
		"ago":         func(t time.Time) string { return relativeTime(t, s.now()) },
		"exact":       exactTime,
		"iso":         func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"plural":      plural,
		"truncate":    truncate,
		"linkify":     linkify,
		"snippet":     snippetHTML,
		"articleHTML": s.articleHTML,
		"storyURL":    storyPath,
		"articleURL":  articlePath,
		"outletURL":   func(name string) string { return "/outlets/" + url.PathEscape(name) },
		"hashtagURL":  hashtagURL,
		"entityURL":   func(e storyline.Entity) string { return entityURL(e.Kind, e.Name) },
		"host":        urlx.Host,
		"add":         func(a, b int) int { return a + b },
		"first":       firstN,
		"textLang":    textLang,
		"textDir":     textDir,
	}
}

// hashtagURL is the page of a hashtag, named without its "#".
func hashtagURL(tag string) string {
	return "/hashtags/" + url.PathEscape(strings.TrimPrefix(tag, "#"))
}

// entityURL is the page of an entity.
func entityURL(kind storyline.EntityKind, name string) string {
	return "/entities/" + url.PathEscape(string(kind)) + "/" + url.PathEscape(name)
}

// firstN returns up to n strings of list.
func firstN(n int, list []string) []string {
	return list[:min(n, len(list))]
}

// truncate shortens s to at most n characters at a word boundary, adding
// an ellipsis.
func truncate(n int, s string) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:.-") + "…"
}

// linkPattern finds http(s) links in plain text.
var linkPattern = regexp.MustCompile(`https?://[^\s<>"'()]+[^\s<>"'().,;:!?]`)

// linkify escapes plain text and makes its http(s) links clickable; the
// links open the page without passing this site as the referrer, and
// search engines are told not to follow them.
func linkify(text string) template.HTML {
	var b strings.Builder
	last := 0
	for _, m := range linkPattern.FindAllStringIndex(text, -1) {
		b.WriteString(template.HTMLEscapeString(text[last:m[0]]))
		link := text[m[0]:m[1]]
		esc := template.HTMLEscapeString(link)
		b.WriteString(`<a href="` + esc + `" rel="nofollow ugc noopener noreferrer">` + esc + `</a>`)
		last = m[1]
	}
	b.WriteString(template.HTMLEscapeString(text[last:]))
	return template.HTML(b.String())
}

// snippetHTML escapes a search snippet and marks its matches.
func snippetHTML(sn storyline.Snippet) template.HTML {
	var b strings.Builder
	for _, p := range sn {
		if p.Match {
			b.WriteString("<mark>" + template.HTMLEscapeString(p.Text) + "</mark>")
			continue
		}
		b.WriteString(template.HTMLEscapeString(p.Text))
	}
	return template.HTML(b.String())
}
