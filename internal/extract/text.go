package extract

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// isBlockElement reports whether an element starts a paragraph of its own
// in plain text.
func isBlockElement(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Ul, atom.Ol, atom.Li, atom.Dl, atom.Dt, atom.Dd, atom.Blockquote,
		atom.Pre, atom.Table, atom.Tr, atom.Thead, atom.Tbody, atom.Tfoot,
		atom.Caption, atom.Figure, atom.Figcaption, atom.Section, atom.Article,
		atom.Header, atom.Footer, atom.Aside, atom.Nav, atom.Main, atom.Address,
		atom.Details, atom.Summary, atom.Hr, atom.Form, atom.Fieldset:
		return true
	}
	return false
}

// paragraphs renders the text of n as paragraphs: every block element
// starts a new one, <br> breaks a line, table cells are separated by " | ",
// white space is collapsed outside <pre>. Empty paragraphs are dropped.
func paragraphs(n *html.Node) []string {
	r := textRenderer{}
	r.walk(n, false)
	r.flush(false)
	return r.paras
}

// textRenderer accumulates paragraphs while walking a tree.
type textRenderer struct {
	paras []string
	cur   strings.Builder
}

// flush ends the current paragraph; pre keeps the indentation of its
// lines.
func (r *textRenderer) flush(pre bool) {
	p := strings.TrimRight(r.cur.String(), " \t\n\r")
	r.cur.Reset()
	if strings.TrimSpace(p) == "" {
		return
	}
	if pre {
		r.paras = append(r.paras, strings.Trim(p, "\n\r"))
		return
	}
	p = strings.TrimSpace(p)
	lines := strings.Split(p, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	r.paras = append(r.paras, strings.Join(lines, "\n"))
}

// write appends text, collapsing white space unless pre is set.
func (r *textRenderer) write(s string, pre bool) {
	if pre {
		r.cur.WriteString(s)
		return
	}
	for _, c := range s {
		if unicode.IsSpace(c) {
			if r.cur.Len() > 0 && !endsWithSpace(r.cur.String()) {
				r.cur.WriteByte(' ')
			}
			continue
		}
		r.cur.WriteRune(c)
	}
}

// endsWithSpace reports whether s ends with a space or newline.
func endsWithSpace(s string) bool {
	return s != "" && (s[len(s)-1] == ' ' || s[len(s)-1] == '\n')
}

// walk renders n and its descendants.
func (r *textRenderer) walk(n *html.Node, pre bool) {
	switch n.Type {
	case html.TextNode:
		r.write(n.Data, pre)
		return
	case html.ElementNode, html.DocumentNode:
	default:
		return
	}
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Iframe, atom.Svg, atom.Head:
		return
	case atom.Br:
		r.trimTrailingSpace()
		r.cur.WriteByte('\n')
		return
	case atom.Td, atom.Th:
		if n.PrevSibling != nil && r.cur.Len() > 0 {
			r.trimTrailingSpace()
			r.cur.WriteString(" | ")
		}
	}
	block := n.Type == html.ElementNode && isBlockElement(n.DataAtom)
	if block {
		r.flush(pre)
	}
	pre = pre || n.DataAtom == atom.Pre
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.walk(c, pre)
	}
	if block {
		r.flush(pre)
	}
}

// trimTrailingSpace drops spaces at the end of the current paragraph.
func (r *textRenderer) trimTrailingSpace() {
	s := r.cur.String()
	t := strings.TrimRight(s, " ")
	if len(t) != len(s) {
		r.cur.Reset()
		r.cur.WriteString(t)
	}
}
