package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxChromeShare is the largest share of the page's text an element
// removed for its class or id may hold: past it, the element is more
// likely the article's own container with an unlucky class name.
const maxChromeShare = 0.4

// removeChrome removes the page's boilerplate sections from body before
// extraction: elements whose class or id names them as comments, related
// links, sharing, newsletter or promotion boxes; sections titled like one
// ("Related articles", "Comments", "Hashtags"…); and link lists.
func removeChrome(body *html.Node) {
	total := textLen(body)
	if total == 0 {
		return
	}
	var byClass, sections []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if isChromeByName(c) {
				byClass = append(byClass, c)
				continue
			}
			if isSectionHeading(c) {
				sections = append(sections, c)
				continue
			}
			walk(c)
		}
	}
	walk(body)
	for _, n := range byClass {
		if float64(textLen(n)) <= maxChromeShare*float64(total) {
			detach(n)
		}
	}
	for _, h := range sections {
		removeSection(h, total)
	}
	removeLinkLists(body)
}

// chromeNameParts are class or id fragments that name page chrome.
var chromeNameParts = []string{
	"comment", "related", "recirc", "recommend", "newsletter", "subscri", "signup", "sign-up",
	"social", "share", "sharing", "taboola", "outbrain", "promo", "sponsor", "advert",
	"cookie", "consent", "gdpr", "breadcrumb", "sr-only", "screen-reader", "visually-hidden",
	"visuallyhidden", "hashtag", "most-popular", "mostpopular", "most-read", "trending",
	"more-stories", "paywall", "popup", "modal",
}

// chromeNameTokens are whole class names or ids that name page chrome.
var chromeNameTokens = map[string]bool{
	"ad": true, "ads": true, "adv": true, "tags": true, "tag-list": true, "taglist": true,
	"topics": true, "keywords": true,
}

// isChromeByName reports whether n's class or id names it as page chrome.
// The page's skeleton (html, body, main) never is.
func isChromeByName(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Main, atom.Head:
		return false
	}
	names := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	if strings.TrimSpace(names) == "" {
		return false
	}
	for _, tok := range strings.Fields(names) {
		if chromeNameTokens[tok] {
			return true
		}
	}
	names = strings.ReplaceAll(names, "commentary", "")
	for _, p := range chromeNameParts {
		if strings.Contains(names, p) {
			return true
		}
	}
	return false
}

// maxHeadingWords bounds the length of a section title.
const maxHeadingWords = 8

// isSectionHeading reports whether n is a heading-like element whose text
// titles a boilerplate section: an h1–h6, or a short element without
// block content that is styled as a title or is all bold.
func isSectionHeading(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
	case atom.P, atom.Div, atom.Span, atom.Strong, atom.B, atom.Header, atom.Legend, atom.Dt, atom.Label:
		if hasBlockChild(n) {
			return false
		}
		cls := strings.ToLower(attr(n, "class"))
		if !strings.Contains(cls, "title") && !strings.Contains(cls, "head") && !strings.Contains(cls, "label") && !allBold(n) {
			return false
		}
	default:
		return false
	}
	t := innerText(n)
	return len(strings.Fields(t)) <= maxHeadingWords && isSectionTitle(t)
}

// minLeadText is how much text, in bytes, must come before an end
// section's title on the page for all that follows it to go.
const minLeadText = 200

// removeSection removes the boilerplate section that heading h titles:
// the largest ancestor that starts with h (and holds neither an h1 of the
// page nor much of its text; total is the page's text length), or, when h
// stands among other blocks, h and what follows it. An end section
// (comments, related articles…) after some text takes everything after
// it; an inline one ("Read more", "See also") only the link lists right
// after it.
func removeSection(h *html.Node, total int) {
	if h.Parent == nil {
		return
	}
	title := normSpace(innerText(h))
	cur := h
	for p := cur.Parent; p != nil && canClimb(p); p = p.Parent {
		if float64(textLen(p)) > maxChromeShare*float64(total) ||
			!strings.HasPrefix(normSpace(innerText(p)), title) || containsH1Outside(p, cur) {
			break
		}
		cur = p
	}
	if cur != h {
		detach(cur)
		return
	}
	end := isEndSection(title) && textBefore(h) >= minLeadText
	for s := h.NextSibling; s != nil; {
		next := s.NextSibling
		if s.Type == html.ElementNode && (isHeadingElement(s) && !end) {
			break
		}
		if !end && s.Type == html.ElementNode && !isLinkList(s) {
			break
		}
		detach(s)
		s = next
	}
	detach(h)
}

// textBefore returns the length of the text that precedes n in document
// order.
func textBefore(n *html.Node) int {
	l := 0
	for m := n; m != nil; m = m.Parent {
		for s := m.PrevSibling; s != nil; s = s.PrevSibling {
			l += textLen(s)
		}
	}
	return l
}

// canClimb reports whether removeSection may widen a section to n.
func canClimb(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Main:
		return false
	}
	return true
}

// containsH1Outside reports whether n holds an <h1> that is not inside
// inner.
func containsH1Outside(n, inner *html.Node) bool {
	if n == inner {
		return false
	}
	if n.Type == html.ElementNode && n.DataAtom == atom.H1 {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if containsH1Outside(c, inner) {
			return true
		}
	}
	return false
}

// removeLinkLists removes lists and paragraphs that are mostly links to
// elsewhere: at least two links carrying most of the text.
func removeLinkLists(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode {
			if isLinkList(c) {
				detach(c)
			} else {
				removeLinkLists(c)
			}
		}
		c = next
	}
}

// linkListShare is the share of text in links past which a list or
// paragraph with several links is a link list.
const linkListShare = 0.8

// maxUnlinkedText bounds the text outside links, in bytes, that a link
// list may hold: a container with more is not a mere list of links, even
// when long link lists beside it dwarf its text.
const maxUnlinkedText = 200

// isLinkList reports whether n is a list, paragraph or table row whose text
// is mostly in two or more links.
func isLinkList(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Ul, atom.Ol, atom.Dl, atom.P, atom.Li, atom.Div, atom.Section, atom.Table, atom.Tr:
	default:
		return false
	}
	var text, linked, links int
	countLinks(n, false, &text, &linked, &links)
	return links >= 2 && text > 0 && float64(linked) >= linkListShare*float64(text) && text-linked <= maxUnlinkedText
}

// countLinks adds up the text length under n, the part of it inside
// links, and the number of links.
func countLinks(n *html.Node, inLink bool, text, linked, links *int) {
	switch n.Type {
	case html.TextNode:
		l := len(strings.TrimSpace(n.Data))
		*text += l
		if inLink {
			*linked += l
		}
		return
	case html.ElementNode:
		if n.DataAtom == atom.A && !inLink {
			inLink = true
			*links++
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		countLinks(c, inLink, text, linked, links)
	}
}

// isHeadingElement reports whether n is an h1–h6.
func isHeadingElement(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// hasBlockChild reports whether n has a block-level descendant.
func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (isBlockElement(c.DataAtom) || hasBlockChild(c)) {
			return true
		}
	}
	return false
}

// allBold reports whether all of n's text is inside <strong> or <b>.
func allBold(n *html.Node) bool {
	var plain, bold int
	var walk func(*html.Node, bool)
	walk = func(m *html.Node, in bool) {
		if m.Type == html.TextNode {
			l := len(strings.TrimSpace(m.Data))
			if in {
				bold += l
			} else {
				plain += l
			}
			return
		}
		if m.Type == html.ElementNode && (m.DataAtom == atom.Strong || m.DataAtom == atom.B) {
			in = true
		}
		for c := m.FirstChild; c != nil; c = c.NextSibling {
			walk(c, in)
		}
	}
	walk(n, false)
	return bold > 0 && plain == 0
}

// innerText returns the text under n with white space collapsed.
func innerText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(m *html.Node) {
		if m.Type == html.TextNode {
			b.WriteString(m.Data)
			b.WriteByte(' ')
			return
		}
		for c := m.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return normSpace(b.String())
}

// normSpace collapses runs of white space to one space and trims.
func normSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// textLen returns the length in bytes of the text under n, white space
// at the ends of text nodes excluded.
func textLen(n *html.Node) int {
	if n.Type == html.TextNode {
		return len(strings.TrimSpace(n.Data))
	}
	l := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		l += textLen(c)
	}
	return l
}

// detach removes n from its parent, if any.
func detach(n *html.Node) {
	if n.Parent != nil {
		n.Parent.RemoveChild(n)
	}
}
