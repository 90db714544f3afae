package extract

import (
	"bytes"
	nurl "net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/storyline/storyline/internal/urlx"
)

// block is one top-level element of the extracted article body: a
// paragraph, heading, list, quote, table or figure.
type block struct {
	node  *html.Node
	paras []string // its text, one entry per paragraph
}

// text returns the block's paragraphs joined by blank lines.
func (b block) text() string { return strings.Join(b.paras, "\n\n") }

// isHeading reports whether the block is a heading element.
func (b block) isHeading() bool {
	switch b.node.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// collectBlocks splits the extracted body into blocks, dropping those
// without text or an image. Loose inline content at the top level is
// gathered into paragraphs.
func collectBlocks(body *html.Node) []block {
	fixAtoms(body)
	var out []block
	var loose *html.Node
	flush := func() {
		if loose != nil {
			if b := newBlock(loose); b.node != nil {
				out = append(out, b)
			}
			loose = nil
		}
	}
	for c := body.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && isBlockElement(c.DataAtom) {
			flush()
			if b := newBlock(c); b.node != nil {
				out = append(out, b)
			}
		} else if c.Type == html.ElementNode || c.Type == html.TextNode {
			if loose == nil {
				loose = &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
			}
			body.RemoveChild(c)
			loose.AppendChild(c)
		}
		c = next
	}
	flush()
	return out
}

// newBlock returns the block for n, or a zero block when n holds neither
// text nor an image.
func newBlock(n *html.Node) block {
	paras := paragraphs(n)
	if len(paras) == 0 && !hasImage(n) {
		return block{}
	}
	return block{node: n, paras: paras}
}

// hasImage reports whether n is or contains an <img> with a src.
func hasImage(n *html.Node) bool {
	return findImage(n) != ""
}

// findImage returns the src of the first <img> in n, or "".
func findImage(n *html.Node) string {
	if n.Type == html.ElementNode && n.DataAtom == atom.Img {
		if src := attr(n, "src"); src != "" {
			return src
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if src := findImage(c); src != "" {
			return src
		}
	}
	return ""
}

// firstImage returns the src of the first image among blocks, or "".
func firstImage(blocks []block) string {
	for _, b := range blocks {
		if src := findImage(b.node); src != "" {
			return src
		}
	}
	return ""
}

// blocksText returns the plain text of blocks, paragraphs separated by one
// blank line.
func blocksText(blocks []block) string {
	var parts []string
	for _, b := range blocks {
		parts = append(parts, b.paras...)
	}
	return strings.Join(parts, "\n\n")
}

// blocksHTML renders blocks as an HTML fragment (not yet sanitized), with
// link and image URLs resolved against base.
func blocksHTML(blocks []block, base *nurl.URL) string {
	var buf bytes.Buffer
	for _, b := range blocks {
		if b.node.Parent != nil {
			b.node.Parent.RemoveChild(b.node)
		}
		resolveURLs(b.node, base)
		if err := html.Render(&buf, b.node); err != nil {
			continue // html.Render fails only on writer errors; a bytes.Buffer has none
		}
		buf.WriteByte('\n')
	}
	return buf.String()
}

// attr returns the value of n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

// fixAtoms sets the DataAtom of the elements under n from their tag names:
// go-trafilatura builds its output with the tag name alone.
func fixAtoms(n *html.Node) {
	if n.Type == html.ElementNode {
		n.DataAtom = atom.Lookup([]byte(n.Data))
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		fixAtoms(c)
	}
}

// resolveURLs makes the href of links and the src of images under n
// absolute against base; URLs that cannot be made absolute http(s) ones
// are removed.
func resolveURLs(n *html.Node, base *nurl.URL) {
	if n.Type == html.ElementNode {
		key := ""
		switch n.DataAtom {
		case atom.A:
			key = "href"
		case atom.Img:
			key = "src"
		}
		for i := 0; key != "" && i < len(n.Attr); i++ {
			if n.Attr[i].Key == key {
				n.Attr[i].Val = urlx.Absolute(base, n.Attr[i].Val)
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		resolveURLs(c, base)
	}
}
