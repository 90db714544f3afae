package extract

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// storyParagraphs is article text long enough to be extracted, about a
// fictional event.
var storyParagraphs = []string{
	"The lighthouse on Grell Head was switched back on at dusk on Friday, three years after a lightning strike cracked its lens and left the northern approach to the bay in darkness.",
	"Volunteers from the island rowing club carried the new lens up the 112 steps in four pieces, wrapped in blankets, while a crowd of about two hundred people waited on the rocks below.",
	"The keeper's cottage has been turned into a small museum with logbooks going back to 1871, including an entry about a whale that followed the supply boat for a whole afternoon.",
	"The coast authority says the light can be seen from twenty-two nautical miles away and will be checked every month by a technician who travels over on the Tuesday ferry.",
}

// storyPage returns a page whose <head> holds head and whose body holds
// the story paragraphs, each wrapped by wrap (a format with one %s).
func storyPage(head, wrap string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html>\n<head>\n")
	b.WriteString(head)
	b.WriteString("\n</head>\n<body>\n<div class=\"content\">\n<h1>Grell Head light shines again</h1>\n")
	for _, p := range storyParagraphs {
		fmt.Fprintf(&b, wrap+"\n", p)
	}
	b.WriteString("</div>\n</body>\n</html>\n")
	return b.String()
}

// parseFragment parses an HTML fragment into the children of a <div>.
func parseFragment(t testing.TB, s string) *html.Node {
	t.Helper()
	div := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(s), div)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range nodes {
		div.AppendChild(n)
	}
	return div
}
