package ask

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// story is a test fixture: the reports of one story and its language.
type story struct {
	lang    string
	reports []Report
}

// loadStory reads testdata/name: comment lines ("#") and "lang: xx"
// first, then reports, each a line "=== id | outlet | language", a line
// "Title: …" and its text.
func loadStory(tb testing.TB, name string) story {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	var s story
	var body []string
	flush := func() {
		if n := len(s.reports); n > 0 {
			s.reports[n-1].Text = strings.TrimSpace(strings.Join(body, "\n"))
		}
		body = nil
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		switch {
		case strings.HasPrefix(line, "=== "):
			flush()
			f := strings.Split(strings.TrimPrefix(line, "=== "), "|")
			if len(f) != 3 {
				tb.Fatalf("%s: bad report line %q", name, line)
			}
			id, err := strconv.ParseInt(strings.TrimSpace(f[0]), 10, 64)
			if err != nil {
				tb.Fatalf("%s: %v", name, err)
			}
			s.reports = append(s.reports, Report{ID: id, Source: strings.TrimSpace(f[1]), Lang: strings.TrimSpace(f[2])})
		case len(s.reports) == 0:
			if l, ok := strings.CutPrefix(line, "lang:"); ok {
				s.lang = strings.TrimSpace(l)
			}
		case strings.HasPrefix(line, "Title: ") && len(body) == 0:
			s.reports[len(s.reports)-1].Title = strings.TrimPrefix(line, "Title: ")
		default:
			body = append(body, line)
		}
	}
	flush()
	if len(s.reports) == 0 {
		tb.Fatalf("%s: no reports", name)
	}
	return s
}
