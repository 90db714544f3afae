package feed

import (
	"html"
	"strings"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// excerptLen is about how many characters of its text an untitled entry
// gets as a title.
const excerptLen = 80

// blockTags are elements whose boundaries separate words.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Br: true, atom.Dd: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Figcaption: true, atom.Figure: true, atom.Footer: true, atom.H1: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hr: true, atom.Img: true, atom.Li: true, atom.Ol: true,
	atom.P: true, atom.Pre: true, atom.Section: true, atom.Table: true,
	atom.Td: true, atom.Th: true, atom.Tr: true, atom.Ul: true,
}

// plainText returns the text of an HTML fragment: tags stripped (with
// the contents of scripts and styles), entities decoded and white space
// collapsed to single spaces.
func plainText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return collapseSpace(s)
	}
	var b strings.Builder
	z := xhtml.NewTokenizer(strings.NewReader(s))
	skip := 0 // inside <script> or <style>
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			return collapseSpace(b.String())
		case xhtml.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case xhtml.StartTagToken, xhtml.EndTagToken, xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case a == atom.Script || a == atom.Style:
				if tt == xhtml.StartTagToken {
					skip++
				} else if tt == xhtml.EndTagToken && skip > 0 {
					skip--
				}
			case blockTags[a]:
				b.WriteByte(' ')
			}
		}
	}
}

// collapseSpace trims s and turns every run of white space into one
// space.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// excerpt returns about the first excerptLen characters of text, cut at
// a word boundary where there is one, with an ellipsis when cut.
func excerpt(text string) string {
	if utf8.RuneCountInString(text) <= excerptLen {
		return text
	}
	head, n := text, 0
	for i := range text {
		if n == excerptLen {
			head = text[:i]
			break
		}
		n++
	}
	if sp := strings.LastIndexByte(head, ' '); sp > len(head)/2 {
		head = head[:sp]
	}
	return strings.TrimRight(head, " ,;:.-") + "…"
}

// textToHTML escapes plain text into HTML paragraphs: blank lines
// separate paragraphs, single line breaks become <br>.
func textToHTML(text string) string {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	var b strings.Builder
	var para []string
	flush := func() {
		if len(para) > 0 {
			b.WriteString("<p>" + strings.Join(para, "<br>") + "</p>")
			para = para[:0]
		}
	}
	for line := range strings.SplitSeq(text, "\n") {
		if line = strings.TrimSpace(line); line == "" {
			flush()
		} else {
			para = append(para, html.EscapeString(line))
		}
	}
	flush()
	return b.String()
}
