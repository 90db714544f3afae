package importer

import (
	"errors"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// decodeText emits a plain-text or Markdown file as one document: its
// first non-blank line is the title, the rest the body.
func (d Decoder) decodeText(path string, markdown bool, emit func(Item)) error {
	data, err := readFile(path, d.maxBytes())
	if err != nil {
		return err
	}
	if looksBinary(data) {
		return ErrBinary
	}
	text, err := utf8Text(data)
	if err != nil {
		return err
	}
	title, body, err := splitTitle(text, markdown)
	if err != nil {
		return err
	}
	emit(Item{Doc: &Document{Origin: path, Title: title, Text: body}})
	return nil
}

var (
	mdImage    = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	mdLink     = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdEmphasis = regexp.MustCompile(`(\*\*|__|\*|_|~~|` + "`" + `)([^*_~` + "`" + `\n]+)(\*\*|__|\*|_|~~|` + "`" + `)`)
	mdHeading  = regexp.MustCompile(`^#{1,6}\s+`)
	mdListItem = regexp.MustCompile(`^\s*([-*+]|\d+[.)])\s+`)
	mdQuote    = regexp.MustCompile(`^>\s?`)
	mdRule     = regexp.MustCompile(`^\s*([-*_]\s*){3,}$`)
)

// splitTitle returns the first non-blank line as the title and the rest as
// paragraphs separated by blank lines, with hard-wrapped lines joined (in
// a text that writes paragraphs on long lines, each line is one). For
// Markdown, headings, emphasis, links and images are reduced to their text.
// A first line that is no title (see looksLikeTitle) is text, and the
// title is drawn from the first paragraph (see titleFromText).
func splitTitle(text string, markdown bool) (title, body string, err error) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	lines := strings.Split(text, "\n")
	i := 0
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	if i == len(lines) {
		return "", "", ErrEmpty
	}
	title = strings.TrimSpace(lines[i])
	heading := markdown && mdHeading.MatchString(title)
	if markdown {
		title = cleanMarkdownLine(title)
	}
	next := ""
	if i+1 < len(lines) {
		next = strings.TrimSpace(lines[i+1])
	}
	if !heading && !looksLikeTitle(title, next) {
		title, i = "", i-1 // the first line is text: the title is drawn from it below
	}
	wrapped := hardWrapped(lines[i+1:])
	var paras []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, strings.Join(cur, " "))
			cur = cur[:0]
		}
	}
	for _, line := range lines[i+1:] {
		line = strings.TrimSpace(line)
		if markdown {
			if mdRule.MatchString(line) {
				flush()
				continue
			}
			if mdHeading.MatchString(line) || mdListItem.MatchString(line) {
				flush() // headings and list items stand on their own
				line = cleanMarkdownLine(line)
				if line != "" {
					paras = append(paras, line)
				}
				continue
			}
			line = cleanMarkdownLine(line)
		}
		if line == "" {
			flush()
			continue
		}
		cur = append(cur, line)
		if !wrapped {
			flush() // each line is a paragraph
		}
	}
	flush()
	if title == "" && len(paras) > 0 {
		title = titleFromText(paras[0])
	}
	if title == "" {
		return "", "", errors.New("no title on the first line")
	}
	if len(paras) == 0 {
		return "", "", errors.New("no text after the title line")
	}
	return title, strings.Join(paras, "\n\n"), nil
}

// cleanMarkdownLine reduces one Markdown line to its text.
func cleanMarkdownLine(line string) string {
	line = mdHeading.ReplaceAllString(line, "")
	line = mdListItem.ReplaceAllString(line, "")
	line = mdQuote.ReplaceAllString(line, "")
	line = mdImage.ReplaceAllString(line, "")
	line = mdLink.ReplaceAllString(line, "$1")
	line = mdEmphasis.ReplaceAllString(line, "$2")
	return strings.TrimSpace(line)
}

// maxWrappedLine is the longest line of a hard-wrapped text (wrapped at
// 72 or 80 columns, say); a text with many longer lines writes each
// paragraph on one line, and its line breaks part paragraphs.
const maxWrappedLine = 100

// hardWrapped reports whether lines are a hard-wrapped text: at most one
// in ten of its lines is longer than maxWrappedLine.
func hardWrapped(lines []string) bool {
	var n, long int
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			n++
			if utf8.RuneCountInString(l) > maxWrappedLine {
				long++
			}
		}
	}
	return long*10 <= n
}

// Title shapes.
const (
	maxTitleWords   = 20 // a first line with more words is text
	wrappedLineLen  = 60 // a first line this long, its sentence going on on the next line, is a wrapped paragraph
	drawnTitleWords = 12 // words of a title drawn from text that has no short first sentence
)

// looksLikeTitle reports whether line, the first of a text file, is its
// title: short, not ending a sentence with a period, and not the first
// line of a hard-wrapped paragraph (a long line whose sentence goes on,
// in lower case, on the next).
func looksLikeTitle(line, next string) bool {
	words := len(strings.Fields(line))
	switch {
	case words == 0 || words > maxTitleWords:
		return false
	case strings.HasSuffix(line, ".") && !strings.HasSuffix(line, "..."):
		return false
	case utf8.RuneCountInString(line) >= wrappedLineLen && continuesLower(next):
		return false
	}
	return true
}

// continuesLower reports whether a line starts with a lower-case letter:
// it goes on with the sentence of the line before.
func continuesLower(line string) bool {
	r, _ := utf8.DecodeRuneInString(line)
	return unicode.IsLower(r)
}

// titleFromText draws a title from a paragraph: its first sentence when
// that is short, else its first words and "…".
func titleFromText(para string) string {
	first := para
	for i, r := range para {
		if (r == '.' || r == '!' || r == '?') && (i+1 == len(para) || para[i+1] == ' ') {
			first = para[:i+1]
			break
		}
	}
	words := strings.Fields(first)
	if len(words) <= maxTitleWords {
		return strings.TrimSuffix(strings.Join(words, " "), ".")
	}
	return strings.Join(strings.Fields(para)[:drawnTitleWords], " ") + "…"
}
