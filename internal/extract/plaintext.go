package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// CleanText drops from plain text what Extract drops from a page's text:
// the title repeated and dateline lines at the start, teaser and sharing
// lines, and at the end a boilerplate section ("Related Articles",
// "Comments", "Hashtags", an "AI features" promotion…) with everything
// after it, then short boilerplate lines. Paragraphs are separated by
// blank lines, or by line breaks when the text has no blank line. Short
// last lines are kept (a page's furniture, a text's "More soon."). Text
// from which nothing is dropped comes back as it was; so does text that
// would lose everything.
func (e *Extractor) CleanText(title, text string) string {
	sep := "\n\n"
	if !strings.Contains(text, sep) {
		sep = "\n"
	}
	var blocks []block
	for p := range strings.SplitSeq(text, sep) {
		if p = strings.TrimSpace(p); p != "" {
			blocks = append(blocks, block{node: &html.Node{Type: html.ElementNode, DataAtom: atom.P, Data: "p"}, paras: []string{p}})
		}
	}
	n := len(blocks)
	kept := dropLeadChrome(blocks, newPageHints(title))
	kept = dropTrailingLines(cutEndSection(dropTeasers(kept)), false)
	if len(kept) == n || len(kept) == 0 {
		return text
	}
	out := make([]string, len(kept))
	for i, b := range kept {
		out[i] = b.text()
	}
	return strings.Join(out, sep)
}
