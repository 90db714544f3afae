package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// minLooseText is how much text must stand loose (outside any paragraph)
// in a container before its inline runs are wrapped into paragraphs.
const minLooseText = 40

// wrapLooseText turns text that sits directly in containers, separated by
// <br><br> or by block elements, into <p> paragraphs, so that pages built
// without <p> read as paragraphs to the extractor. A single <br> stays a
// line break inside its paragraph.
func wrapLooseText(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			wrapLooseText(c)
		}
	}
	if n.Type != html.ElementNode || !isWrapContainer(n.DataAtom) || looseTextLen(n) < minLooseText || doubleBreaks(n) < minDoubleBreaks {
		return
	}
	splitRuns(n)
}

// splitRuns wraps each run of inline content directly in n into a <p>,
// runs ending at block elements and at every <br><br>.
func splitRuns(n *html.Node) {
	var run []*html.Node
	flush := func(before *html.Node) {
		if hasText(run) {
			p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
			n.InsertBefore(p, before)
			for _, r := range run {
				n.RemoveChild(r)
				p.AppendChild(r)
			}
			trimBreaks(p)
		}
		run = run[:0]
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch {
		case c.Type == html.ElementNode && (isBlockElement(c.DataAtom) || c.DataAtom == atom.Table):
			flush(c)
		case isBreak(c) && nextBreak(c) != nil:
			flush(c)
			run = append(run, c)
		default:
			run = append(run, c)
		}
		c = next
	}
	flush(nil)
}

// isWrapContainer reports whether loose text in an element of type a is
// wrapped into paragraphs.
func isWrapContainer(a atom.Atom) bool {
	switch a {
	case atom.Div, atom.Section, atom.Article, atom.Main, atom.Td, atom.Body, atom.Center, atom.Font:
		return true
	}
	return false
}

// looseTextLen returns the length of text directly in n or in its inline
// children.
func looseTextLen(n *html.Node) int {
	l := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			l += len(strings.TrimSpace(c.Data))
		case c.Type == html.ElementNode && !isBlockElement(c.DataAtom) && c.DataAtom != atom.Table:
			l += textLen(c)
		}
	}
	return l
}

// isBreak reports whether n is a <br>.
func isBreak(n *html.Node) bool {
	return n != nil && n.Type == html.ElementNode && n.DataAtom == atom.Br
}

// nextBreak returns the <br> that follows br with only white space
// between them, or nil.
func nextBreak(br *html.Node) *html.Node {
	for s := br.NextSibling; s != nil; s = s.NextSibling {
		if isBreak(s) {
			return s
		}
		if s.Type == html.TextNode && strings.TrimSpace(s.Data) == "" {
			continue
		}
		return nil
	}
	return nil
}

// hasText reports whether any of nodes holds non-blank text.
func hasText(nodes []*html.Node) bool {
	for _, n := range nodes {
		if textLen(n) > 0 {
			return true
		}
	}
	return false
}

// trimBreaks removes <br> and blank text at the start and end of p.
func trimBreaks(p *html.Node) {
	for c := p.FirstChild; c != nil && (isBreak(c) || c.Type == html.TextNode && strings.TrimSpace(c.Data) == ""); c = p.FirstChild {
		p.RemoveChild(c)
	}
	for c := p.LastChild; c != nil && (isBreak(c) || c.Type == html.TextNode && strings.TrimSpace(c.Data) == ""); c = p.LastChild {
		p.RemoveChild(c)
	}
}

// minDoubleBreaks is how many <br><br> a container needs before its loose
// text is wrapped.
const minDoubleBreaks = 2

// doubleBreaks counts the <br><br> pairs directly in n.
func doubleBreaks(n *html.Node) int {
	k := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if isBreak(c) {
			if end := nextBreak(c); end != nil {
				k++
				c = end
			}
		}
	}
	return k
}
