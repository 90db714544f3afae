package ask

import (
	"strings"

	"github.com/storyline/storyline/internal/text"
)

// maxReportBytes bounds the text read of one report: a longer one is cut
// (at a line or a space), so that a runaway page costs no more than a
// long article.
const maxReportBytes = 1 << 20

// reportSentences returns the sentences of a report's text (at most its
// first maxReportBytes), a sentence broken by a line break mended: a
// line that starts in lower case after one that ended no sentence
// continues it. Fragments are kept: answerable tells them.
func reportSentences(body string) []string {
	body = cut(body, maxReportBytes)
	raw := text.Sentences(body)
	type span struct{ start, end, from int }
	spans := make([]span, 0, len(raw))
	for i, s := range raw {
		if n := len(spans); n > 0 && startsLower(s.Text) && !endsSentence(raw[spans[n-1].end-1].Text) {
			spans[n-1].end = i + 1
			continue
		}
		spans = append(spans, span{i, i + 1, i})
	}
	out := make([]string, 0, len(spans))
	for _, sp := range spans {
		t := raw[sp.start].Text
		if sp.end-sp.start > 1 {
			t = strings.Join(strings.Fields(body[raw[sp.start].Start:raw[sp.end-1].End]), " ")
		}
		out = append(out, t)
	}
	return out
}

// cut returns s cut to at most n bytes, at the last line break or space
// before n when there is one, else at a character's start.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	if i := strings.LastIndexAny(s[:n], "\n "); i > n/2 {
		return s[:i]
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
