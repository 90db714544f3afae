package synth

import (
	"strings"
	"testing"
	"time"
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

func TestEvent(t *testing.T) {
	g := New(3, 5000)
	at := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	e := g.Event(7, 4, 50, at)
	if len(e.Articles) != 4 || e.Title == "" || e.Summary == "" || len(e.Tags) != 3 || len(e.Entities) != 3 || len(e.Terms) == 0 {
		t.Fatalf("event %+v", e)
	}
	outlets := map[string]bool{}
	for k, a := range e.Articles {
		outlets[a.Source] = true
		if !a.Published.Equal(at.Add(time.Duration(k) * 20 * time.Minute)) {
			t.Errorf("article %d published %v", k, a.Published)
		}
	}
	if len(outlets) != 4 {
		t.Errorf("outlets %v: want 4 distinct", outlets)
	}
	if n := len(g.Event(8, 9, 3, at).Articles); n != 3 {
		t.Errorf("size capped at outlets: got %d articles", n)
	}
}
