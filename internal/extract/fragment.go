package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/storyline/storyline/internal/urlx"
)

// Fragment cleans an HTML fragment that is already the article, such as a
// feed entry's content: it returns the fragment sanitized (no scripts,
// styles, iframes or event handlers; links and images made absolute
// against baseURL) and its plain text, paragraphs separated by a blank
// line. A fragment with no text gives two empty strings.
func (e *Extractor) Fragment(fragment, baseURL string) (cleanHTML, text string) {
	if strings.TrimSpace(fragment) == "" {
		return "", ""
	}
	// Relative links are made absolute first: sanitizing drops them.
	raw, ok := parseBodyFragment(fragment)
	if !ok {
		return "", ""
	}
	if base := urlx.ParseBase(baseURL); base != nil {
		resolveURLs(raw, base)
	}
	cleanHTML = strings.TrimSpace(e.policy.Sanitize(renderChildren(raw)))
	clean, ok := parseBodyFragment(cleanHTML)
	if !ok {
		return "", ""
	}
	text = strings.Join(paragraphs(clean), "\n\n")
	if text == "" {
		return "", ""
	}
	return cleanHTML, text
}

// parseBodyFragment parses s as the content of a <body> element, returned.
func parseBodyFragment(s string) (*html.Node, bool) {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), body)
	if err != nil {
		return nil, false
	}
	for _, n := range nodes {
		body.AppendChild(n)
	}
	return body, true
}

// renderChildren renders the children of n.
func renderChildren(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if err := html.Render(&b, c); err != nil {
			return ""
		}
	}
	return b.String()
}
