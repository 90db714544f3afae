package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// preClean prepares a parsed page for extraction. It removes what can
// never be article text: comments, scripts (JSON-LD excepted, for
// metadata), styles, embedded media and widgets, form controls,
// navigation and hidden elements, which also makes extraction faster
// (fewer nodes to clone and query). It then removes boilerplate sections
// (see removeChrome), joins article bodies split across containers, and
// wraps text laid out with <br><br> into paragraphs.
func preClean(doc *html.Node) {
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if removable(c) {
				n.RemoveChild(c)
			} else {
				walk(c)
			}
			c = next
		}
	}
	walk(doc)
	if body := findBody(doc); body != nil {
		removeChrome(body)
		mergeSplitBodies(body)
		wrapLooseText(body)
	}
}

// findBody returns the <body> element of doc, or nil.
func findBody(n *html.Node) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == atom.Body {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if b := findBody(c); b != nil {
			return b
		}
	}
	return nil
}

// removable reports whether n goes in preClean.
func removable(n *html.Node) bool {
	switch n.Type {
	case html.CommentNode:
		return true
	case html.ElementNode:
	default:
		return false
	}
	switch n.DataAtom {
	case atom.Script:
		return !strings.Contains(strings.ToLower(attr(n, "type")), "ld+json")
	case atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Math, atom.Iframe,
		atom.Object, atom.Embed, atom.Canvas, atom.Video, atom.Audio, atom.Map,
		atom.Button, atom.Input, atom.Select, atom.Textarea, atom.Option, atom.Dialog,
		atom.Nav, atom.Menu, atom.Aside, atom.Footer:
		return true
	case atom.Link:
		return n.Parent != nil && n.Parent.DataAtom != atom.Head
	}
	if n.Data == "svg" || n.Data == "math" {
		return true
	}
	return isHidden(n)
}

// isHidden reports whether n is hidden from readers by its attributes.
func isHidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "style":
			s := strings.ToLower(a.Val)
			if strings.Contains(s, "display") || strings.Contains(s, "visibility") {
				s = strings.ReplaceAll(s, " ", "")
				if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
					return true
				}
			}
		}
	}
	return false
}
