package extract

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// minPartParagraphs is how many paragraphs each part of a split article
// body must hold directly.
const minPartParagraphs = 2

// mergeSplitBodies joins article bodies that a page splits into several
// containers of the same tag and class (text interrupted by ads or
// widgets) into the first of them, so that the extractor, which keeps one
// container, keeps the whole text.
func mergeSplitBodies(body *html.Node) {
	type key struct {
		tag   string
		class string
	}
	groups := map[key][]*html.Node{}
	var order []key
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if cls := attr(c, "class"); cls != "" && directParagraphs(c) >= minPartParagraphs {
				k := key{c.Data, cls}
				if _, ok := groups[k]; !ok {
					order = append(order, k)
				}
				groups[k] = append(groups[k], c)
				continue // parts are not nested in one another
			}
			walk(c)
		}
	}
	walk(body)
	for _, k := range order {
		parts := groups[k]
		if len(parts) < 2 {
			continue
		}
		first := parts[0]
		for _, p := range parts[1:] {
			for c := p.FirstChild; c != nil; {
				next := c.NextSibling
				p.RemoveChild(c)
				first.AppendChild(c)
				c = next
			}
			detach(p)
		}
	}
}

// directParagraphs counts the <p> children of n that hold text.
func directParagraphs(n *html.Node) int {
	k := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.P && textLen(c) > 0 {
			k++
		}
	}
	return k
}
