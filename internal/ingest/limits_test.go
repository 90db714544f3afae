package ingest

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/extract"
	"github.com/storyline/storyline/internal/importer"
)

func TestLimitFields(t *testing.T) {
	huge := strings.Repeat("Harbour news ", 800_000) // ~10 MB
	a := &storyline.Article{Title: huge, Source: strings.Repeat("Ö", 300), Byline: "By A. Reporter"}
	limitFields(a)
	if n := utf8.RuneCountInString(a.Title); n > maxTitleRunes || n < maxTitleRunes*4/5 ||
		!(strings.HasSuffix(a.Title, "news…") || strings.HasSuffix(a.Title, "Harbour…")) {
		t.Errorf("title cut to %d runes ending %q", n, a.Title[len(a.Title)-12:])
	}
	if n := utf8.RuneCountInString(a.Source); n != maxNameRunes || !utf8.ValidString(a.Source) {
		t.Errorf("outlet cut to %d runes (valid UTF-8: %v)", n, utf8.ValidString(a.Source))
	}
	if a.Byline != "By A. Reporter" {
		t.Errorf("a short byline changed: %q", a.Byline)
	}
	short := &storyline.Article{Title: "Short", Source: "Bay Post"}
	limitFields(short)
	if short.Title != "Short" || short.Source != "Bay Post" {
		t.Errorf("a short article was cut: %+v", short)
	}
}

func FuzzCutRunes(f *testing.F) {
	for _, s := range []string{"", "a b c d e", "ÖÖÖÖÖ", strings.Repeat("word ", 50)} {
		f.Add(s, 10)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		if max < 2 || max > 1000 {
			return
		}
		got, ok := cutRunes(s, max)
		if !ok {
			if got != s {
				t.Fatalf("not cut but changed: %q", got)
			}
			return
		}
		if utf8.RuneCountInString(got) > max {
			t.Fatalf("cutRunes(%q, %d) = %q: %d runes", s, max, got, utf8.RuneCountInString(got))
		}
	})
}

// A record whose title and outlet are megabytes long is stored with both
// cut, through the import's builder.
func TestBuilderLimitsFields(t *testing.T) {
	b := Builder{Extractor: extract.New(extract.Options{})}
	a, err := b.Article(&importer.Document{URL: "https://bay.example/a", Title: strings.Repeat("Headline ", 200_000),
		Source: strings.Repeat("Outlet ", 100), Text: "The harbour reopened on Monday after the storm."})
	if err != nil {
		t.Fatal(err)
	}
	if utf8.RuneCountInString(a.Title) > maxTitleRunes || utf8.RuneCountInString(a.Source) > maxNameRunes {
		t.Errorf("title %d runes, outlet %d runes", utf8.RuneCountInString(a.Title), utf8.RuneCountInString(a.Source))
	}
}
