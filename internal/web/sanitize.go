package web

import (
	"html/template"

	"github.com/microcosm-cc/bluemonday"
)

// newArticlePolicy returns the policy article HTML is cleaned with before
// it is shown: the formatting and links an article needs, no scripts,
// styles, frames, forms or event handlers, and only http(s) and mailto
// links, which open without a referrer. Articles were sanitized when
// stored; this second pass keeps pages safe from anything that reached the
// store another way.
func newArticlePolicy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowURLSchemes("http", "https", "mailto")
	p.RequireNoReferrerOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(false)
	return p
}

// articleHTML returns an article's HTML, sanitized, for a template.
func (s *Server) articleHTML(html string) template.HTML {
	return template.HTML(s.policy.Sanitize(html))
}
