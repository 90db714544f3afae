package extract

import (
	nurl "net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/urlx"
)

// go-trafilatura extracts text more accurately with links and images left
// out, so they are collected from the cleaned page beforehand and put back
// into the extracted blocks afterwards: a link around the first unlinked
// occurrence of its text, an image after the paragraph it followed.

// maxImages bounds the images restored into one article.
const maxImages = 20

// minImageSide is the smallest width or height, in pixels, that a
// declared image size may have; smaller ones are icons and trackers.
const minImageSide = 100

// pageRefs are the links and images of a cleaned page.
type pageRefs struct {
	links  map[string][]*linkRef // keyed by the link text's first word
	images []imageRef
}

// linkRef is one link: its text and absolute target.
type linkRef struct {
	text string
	href string
	used bool
}

// imageRef is one image and the normalized text of the block it followed.
type imageRef struct {
	src, alt string
	after    string
}

// collectRefs collects the links and content images under body, with
// URLs resolved against base (relative ones are dropped when base is nil).
func collectRefs(body *html.Node, base *nurl.URL) *pageRefs {
	r := &pageRefs{links: map[string][]*linkRef{}}
	last := ""
	seen := map[string]bool{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch n.DataAtom {
		case atom.A:
			if href := urlx.Absolute(base, attr(n, "href")); href != "" {
				if text := innerText(n); utf8.RuneCountInString(text) >= 3 {
					w := firstWord(text)
					r.links[w] = append(r.links[w], &linkRef{text: text, href: href})
				}
			}
		case atom.Img:
			if img, ok := contentImage(n, base); ok && !seen[img.src] && last != "" && len(r.images) < maxImages {
				seen[img.src] = true
				img.after = last
				r.images = append(r.images, img)
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if isBlockElement(n.DataAtom) && n.DataAtom != atom.Figure {
			if t := storyline.NormalizeText(ownText(n)); t != "" {
				last = t
			}
		}
	}
	walk(body)
	return r
}

// contentImage returns the image an <img> shows, unless it is an icon, a
// logo, a tracker or has no usable source.
func contentImage(n *html.Node, base *nurl.URL) (imageRef, bool) {
	for _, k := range []string{"width", "height"} {
		if v, err := strconv.Atoi(strings.TrimSuffix(attr(n, k), "px")); err == nil && v < minImageSide {
			return imageRef{}, false
		}
	}
	var src string
	for _, k := range []string{"src", "data-src", "data-lazy-src", "data-original", "data-lazy"} {
		if v := attr(n, k); v != "" && !strings.HasPrefix(v, "data:") {
			if src = urlx.Absolute(base, v); src != "" {
				break
			}
		}
	}
	if src == "" {
		return imageRef{}, false
	}
	hint := strings.ToLower(src + " " + attr(n, "class") + " " + attr(n, "alt"))
	for _, w := range []string{"logo", "icon", "avatar", "sprite", "pixel", "spacer", "blank.", "placeholder", "preloader"} {
		if strings.Contains(hint, w) {
			return imageRef{}, false
		}
	}
	return imageRef{src: src, alt: strings.TrimSpace(attr(n, "alt"))}, true
}

// firstWord returns the first run of letters and digits in s.
func firstWord(s string) string {
	start := strings.IndexFunc(s, isWordChar)
	if start < 0 {
		return ""
	}
	end := strings.IndexFunc(s[start:], func(r rune) bool { return !isWordChar(r) })
	if end < 0 {
		return s[start:]
	}
	return s[start : start+end]
}

// isWordChar reports whether r is a letter or digit.
func isWordChar(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// restore puts the page's links and images back into blocks and returns
// the blocks with image figures inserted.
func (r *pageRefs) restore(blocks []block) []block {
	if len(r.links) > 0 {
		for _, b := range blocks {
			r.linkText(b.node, false)
		}
	}
	return r.insertImages(blocks)
}

// linkText wraps, in the text under n, the first occurrence of each
// unused link's text in a link.
func (r *pageRefs) linkText(n *html.Node, inLink bool) {
	if n.Type == html.ElementNode && n.DataAtom == atom.A {
		inLink = true
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.TextNode && !inLink {
			r.linkTextNode(c)
		} else if c.Type == html.ElementNode {
			r.linkText(c, inLink)
		}
		c = next
	}
}

// linkTextNode links the link texts found in the text node t, splitting
// it around each link.
func (r *pageRefs) linkTextNode(t *html.Node) {
	data := t.Data
	for i := 0; i < len(data); {
		rn, size := utf8.DecodeRuneInString(data[i:])
		if !isWordChar(rn) || i > 0 && !isWordStart(data, i) {
			i += size
			continue
		}
		w := firstWord(data[i:])
		for _, l := range r.links[w] {
			if l.used || !strings.HasPrefix(data[i:], l.text) {
				continue
			}
			l.used = true
			a := &html.Node{Type: html.ElementNode, Data: "a", DataAtom: atom.A,
				Attr: []html.Attribute{{Key: "href", Val: l.href}}}
			a.AppendChild(&html.Node{Type: html.TextNode, Data: l.text})
			rest := &html.Node{Type: html.TextNode, Data: data[i+len(l.text):]}
			t.Data = data[:i]
			t.Parent.InsertBefore(a, t.NextSibling)
			t.Parent.InsertBefore(rest, a.NextSibling)
			r.linkTextNode(rest)
			return
		}
		i += len(w)
	}
}

// isWordStart reports whether the rune at byte i of s starts a word.
func isWordStart(s string, i int) bool {
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	return !isWordChar(prev)
}

// insertImages inserts each image as a figure after the block whose text
// it followed on the page, keeping page order.
func (r *pageRefs) insertImages(blocks []block) []block {
	if len(r.images) == 0 {
		return blocks
	}
	out := make([]block, 0, len(blocks)+len(r.images))
	next := 0
	for _, b := range blocks {
		out = append(out, b)
		norm := storyline.NormalizeText(b.text())
		if norm == "" {
			continue
		}
		for j := next; j < len(r.images); j++ {
			if strings.HasSuffix(norm, r.images[j].after) {
				out = append(out, block{node: figureNode(r.images[j])})
				next = j + 1
			}
		}
	}
	return out
}

// figureNode returns <figure><img src alt></figure> for an image.
func figureNode(img imageRef) *html.Node {
	fig := &html.Node{Type: html.ElementNode, Data: "figure", DataAtom: atom.Figure}
	fig.AppendChild(&html.Node{Type: html.ElementNode, Data: "img", DataAtom: atom.Img,
		Attr: []html.Attribute{{Key: "src", Val: img.src}, {Key: "alt", Val: img.alt}}})
	return fig
}
