package modelbrief

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/storyline/storyline/internal/text"
)

// citation matches one bracketed group of article numbers: "[2]",
// "[1, 3]", "[1-3]".
var citation = regexp.MustCompile(`\[\s*(\d{1,3}(?:\s*[,;–-]\s*\d{1,3}){0,20})\s*\]`)

// leadingCitations matches the citation groups a sentence starts with,
// which belong to the sentence before ("… in Muscat. [1][2] The …").
var leadingCitations = regexp.MustCompile(`^(?:\s*\[\s*\d{1,3}(?:\s*[,;–-]\s*\d{1,3}){0,20}\s*\])+`)

// cited is one sentence of a model's answer with the article numbers it
// cites (1-based, as given; not yet checked against the prompt).
type cited struct {
	text    string
	numbers []int
}

// splitCited cuts a model's cleaned answer into sentences and their
// citations. Citations written after a sentence's final stop are moved
// back to it.
func splitCited(s string) []cited {
	var out []cited
	for _, sen := range text.Sentences(s) {
		t := strings.TrimSpace(sen.Text)
		if lead := leadingCitations.FindString(t); lead != "" && len(out) > 0 {
			out[len(out)-1].numbers = append(out[len(out)-1].numbers, citationNumbers(lead)...)
			t = strings.TrimSpace(t[len(lead):])
		}
		if t == "" {
			continue
		}
		out = append(out, cited{text: stripCitations(t), numbers: citationNumbers(t)})
	}
	return out
}

// citationNumbers returns the article numbers cited in s, in order, each
// once; a range "1-3" gives 1, 2, 3 (at most 20 numbers in all).
func citationNumbers(s string) []int {
	var out []int
	seen := map[int]bool{}
	add := func(n int) {
		if !seen[n] && len(out) < 20 {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, m := range citation.FindAllStringSubmatch(s, -1) {
		for _, part := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ',' || r == ';' }) {
			lo, hi, isRange := strings.Cut(strings.ReplaceAll(part, "–", "-"), "-")
			a, errA := strconv.Atoi(strings.TrimSpace(lo))
			if errA != nil {
				continue
			}
			b := a
			if isRange {
				if v, err := strconv.Atoi(strings.TrimSpace(hi)); err == nil && v >= a && v-a < 20 {
					b = v
				}
			}
			for n := a; n <= b; n++ {
				add(n)
			}
		}
	}
	return out
}

// stripCitations removes the citation groups from a sentence and tidies
// the spaces they leave before punctuation.
func stripCitations(s string) string {
	s = citation.ReplaceAllString(s, "")
	s = strings.Join(strings.Fields(s), " ")
	for _, p := range []string{".", ",", ";", ":", "!", "?", "。", "，", "！", "？"} {
		s = strings.ReplaceAll(s, " "+p, p)
	}
	return strings.TrimSpace(s)
}
