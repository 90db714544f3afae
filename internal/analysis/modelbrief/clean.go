package modelbrief

import (
	"regexp"
	"strings"
)

// Patterns of what a model's plain-text answer must not carry.
var (
	htmlTag      = regexp.MustCompile(`</?[A-Za-z][^<>]{0,300}>`)
	mdLink       = regexp.MustCompile(`\[([^\[\]]{1,300})\]\([^()\s]{0,1000}\)`)
	bareURL      = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s<>()\[\]]+`)
	listMarker   = regexp.MustCompile(`^\s*(?:[-*•·]|\d{1,2}[.)]|#{1,6})\s+`)
	wideCitation = regexp.MustCompile(`[［【〔]\s*([0-9０-９,，、\s]{1,40})\s*[］】〕]`)
)

// cleanOutput turns a model's answer into plain text: HTML tags, Markdown
// emphasis, headings, list markers and links taken out (a Markdown link
// keeps its words), full-width citation brackets made ASCII, and lines
// joined into paragraphs.
func cleanOutput(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = htmlTag.ReplaceAllString(s, " ")
	s = mdLink.ReplaceAllString(s, "$1")
	s = bareURL.ReplaceAllString(s, "")
	s = wideCitation.ReplaceAllStringFunc(s, func(m string) string {
		inner := wideCitation.FindStringSubmatch(m)[1]
		return "[" + strings.Map(asciiDigit, inner) + "]"
	})
	for _, mark := range []string{"**", "__", "`"} {
		s = strings.ReplaceAll(s, mark, "")
	}
	var paras []string
	var cur []string
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(listMarker.ReplaceAllString(line, ""))
		if line == "" {
			if len(cur) > 0 {
				paras = append(paras, strings.Join(cur, " "))
				cur = nil
			}
			continue
		}
		cur = append(cur, line)
	}
	if len(cur) > 0 {
		paras = append(paras, strings.Join(cur, " "))
	}
	return strings.Join(paras, "\n\n")
}

// asciiDigit maps full-width digits and CJK commas to their ASCII forms.
func asciiDigit(r rune) rune {
	switch {
	case r >= '０' && r <= '９':
		return '0' + (r - '０')
	case r == '，' || r == '、':
		return ','
	}
	return r
}
