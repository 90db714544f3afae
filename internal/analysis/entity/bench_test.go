package entity

import (
	"os"
	"strings"
	"testing"
)

// benchArticle returns a news article of 600 words: the paragraphs of
// three labelled articles about one story, cut at 600 words.
func benchArticle(b *testing.B) (title, text string) {
	b.Helper()
	var out strings.Builder
	n := 0
	for _, f := range []string{"talks-reuters.txt", "talks-ap.txt", "talks-bbc.txt"} {
		raw, err := os.ReadFile("testdata/labelled/" + f)
		if err != nil {
			b.Fatal(err)
		}
		_, body, _ := strings.Cut(string(raw), "\n\n")
		for _, para := range strings.Split(body, "\n\n") {
			fs := strings.Fields(para)
			if n+len(fs) > 600 {
				fs = fs[:600-n]
			}
			out.WriteString(strings.Join(fs, " "))
			out.WriteString("\n\n")
			if n += len(fs); n == 600 {
				return "Iran and US to resume nuclear talks in Oman next week, Araghchi says", out.String()
			}
		}
	}
	b.Fatalf("only %d words", n)
	return "", ""
}

func BenchmarkExtract(b *testing.B) {
	x := New()
	title, text := benchArticle(b)
	b.SetBytes(int64(len(title) + len(text)))
	b.ReportAllocs()
	for b.Loop() {
		x.Extract(title, text)
	}
}

func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		New()
	}
}
