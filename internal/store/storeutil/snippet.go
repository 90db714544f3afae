package storeutil

import (
	"strings"
	"unicode"

	"github.com/storyline/storyline"
)

// Ellipsis marks where a snippet's passage was cut from its text.
const Ellipsis = "…"

// SnippetBuilder assembles a storyline.Snippet part by part; its zero
// value is an empty snippet.
type SnippetBuilder struct {
	parts storyline.Snippet
}

// Add appends s as a match or as text between matches. An empty s adds
// nothing, and s joins the last part when that is of the same kind.
func (b *SnippetBuilder) Add(s string, match bool) {
	if s == "" {
		return
	}
	if n := len(b.parts); n > 0 && b.parts[n-1].Match == match {
		b.parts[n-1].Text += s
		return
	}
	b.parts = append(b.parts, storyline.SnippetPart{Text: s, Match: match})
}

// Snippet returns the parts added so far, nil when there are none.
func (b *SnippetBuilder) Snippet() storyline.Snippet {
	return b.parts
}

// CollapseSpace replaces each run of white space in s by one space.
func CollapseSpace(s string) string {
	if !strings.ContainsAny(s, "\n\t\r") && !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}
