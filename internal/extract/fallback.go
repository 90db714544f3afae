package extract

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// minFallbackText is the least text, in bytes, the fallback extractor
// must find to be used.
const minFallbackText = 100

// fallbackBlocks finds the article in a cleaned page without
// go-trafilatura: the element richest in paragraph-like text (scored as in
// Readability: text length and commas, credited to the element, half to
// its parent, discounted by link density), split into blocks. It returns
// nil when nothing holds enough text.
func fallbackBlocks(body *html.Node) []block {
	scores := map[*html.Node]float64{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				walk(c)
			}
		}
		if n.Type != html.ElementNode {
			return
		}
		text := ownText(n)
		if utf8.RuneCountInString(text) < 25 {
			return
		}
		s := 1 + float64(strings.Count(text, ",")+strings.Count(text, "，")+strings.Count(text, "、")) +
			min(float64(utf8.RuneCountInString(text))/100, 3)
		scores[n] += s
		if p := n.Parent; p != nil && p.Type == html.ElementNode {
			scores[p] += s / 2
		}
	}
	walk(body)
	var best *html.Node
	bestScore := 0.0
	for n, s := range scores {
		if n == body || isInlineElement(n.DataAtom) {
			continue
		}
		var text, linked, links int
		countLinks(n, false, &text, &linked, &links)
		if text == 0 {
			continue
		}
		s *= 1 - float64(linked)/float64(text)
		if s > bestScore {
			best, bestScore = n, s
		}
	}
	if best == nil || textLen(best) < minFallbackText {
		return nil
	}
	container := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	if isBlockElement(best.DataAtom) && best.DataAtom != atom.Div && best.DataAtom != atom.Section && best.DataAtom != atom.Article {
		detach(best)
		container.AppendChild(best)
	} else {
		for c := best.FirstChild; c != nil; {
			next := c.NextSibling
			best.RemoveChild(c)
			container.AppendChild(c)
			c = next
		}
	}
	splitRuns(container)
	return collectBlocks(container)
}

// ownText returns the text directly in n or in its inline descendants,
// block descendants excluded.
func ownText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(m *html.Node) {
		for c := m.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
			case c.Type == html.ElementNode && !isBlockElement(c.DataAtom) && c.DataAtom != atom.Table:
				walk(c)
			}
		}
	}
	walk(n)
	return normSpace(b.String())
}

// isInlineElement reports whether a is a phrasing element that never
// holds an article on its own.
func isInlineElement(a atom.Atom) bool {
	switch a {
	case atom.A, atom.Span, atom.Em, atom.Strong, atom.B, atom.I, atom.U, atom.Small,
		atom.Font, atom.Label, atom.Time, atom.Sup, atom.Sub, atom.Code, atom.Abbr, atom.Cite:
		return true
	}
	return false
}
