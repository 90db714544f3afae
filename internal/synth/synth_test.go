package synth

import (
	"strings"
	"testing"
)

func TestDeterministic(t *testing.T) {
	a := New(7, 5000).Article(3, 300, 10)
	b := New(7, 5000).Article(3, 300, 10)
	if a.Text != b.Text || a.Title != b.Title || a.URL != b.URL {
		t.Error("same seed gave different articles")
	}
	if c := New(8, 5000).Article(3, 300, 10); c.Text == a.Text {
		t.Error("different seeds gave the same text")
	}
}

func TestZipfShape(t *testing.T) {
	g := New(1, 20000)
	counts := map[string]int{}
	for range 100_000 {
		counts[g.Word()]++
	}
	if counts["the"] < counts["police"] || counts["the"] < 1000 {
		t.Errorf("frequent words are not frequent: the=%d police=%d", counts["the"], counts["police"])
	}
	if len(counts) < 3000 {
		t.Errorf("only %d distinct words in 100k draws", len(counts))
	}
	a := g.Article(1, 300, 5)
	if a.WordCount < 300 || !strings.Contains(a.Text, "\n\n") || a.Source == "" {
		t.Errorf("article %+v", a)
	}
}
