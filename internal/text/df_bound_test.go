package text

import (
	"fmt"
	"testing"
)

func TestDocFreqLimit(t *testing.T) {
	d := NewDocFreq()
	for i := range 100 {
		terms := []string{"common", fmt.Sprintf("rare%d", i)}
		if i%2 == 0 {
			terms = append(terms, "half")
		}
		d.Add(terms)
	}
	tests := []struct {
		max       int
		wantTerms int
		kept      []string
		gone      []string
	}{
		{max: 0, wantTerms: 102, kept: []string{"common", "half", "rare7"}},
		{max: 500, wantTerms: 102, kept: []string{"common", "half", "rare7"}},
		{max: 50, wantTerms: 2, kept: []string{"common", "half"}, gone: []string{"rare7"}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.max), func(t *testing.T) {
			c := NewDocFreq()
			b, _ := d.MarshalJSON()
			if err := c.UnmarshalJSON(b); err != nil {
				t.Fatal(err)
			}
			c.Limit(tt.max)
			if c.Terms() != tt.wantTerms {
				t.Errorf("Terms() = %d, want %d", c.Terms(), tt.wantTerms)
			}
			for _, k := range tt.kept {
				if c.Count(k) != d.Count(k) {
					t.Errorf("Count(%q) = %d, want %d", k, c.Count(k), d.Count(k))
				}
			}
			for _, g := range tt.gone {
				if c.Count(g) != 0 || c.IDF(g) != c.IDF("never seen") {
					t.Errorf("%q kept (count %d)", g, c.Count(g))
				}
			}
			if c.Docs() != 100 {
				t.Errorf("Docs() = %d, want 100", c.Docs())
			}
		})
	}
}

func TestDocFreqShrink(t *testing.T) {
	tests := []struct {
		keep      float64
		docs      int
		common    int
		twice     int
		wantTerms int
	}{
		{keep: 1, docs: 100, common: 100, twice: 2, wantTerms: 2},
		{keep: 0.5, docs: 50, common: 50, twice: 1, wantTerms: 2},
		{keep: 0.2, docs: 20, common: 20, twice: 0, wantTerms: 1},
		{keep: -1, docs: 0, common: 0, twice: 0, wantTerms: 0},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.keep), func(t *testing.T) {
			d := NewDocFreq()
			for i := range 100 {
				terms := []string{"common"}
				if i < 2 {
					terms = append(terms, "twice")
				}
				d.Add(terms)
			}
			idf := d.IDF("common")
			d.Shrink(tt.keep)
			if d.Docs() != tt.docs || d.Count("common") != tt.common || d.Count("twice") != tt.twice || d.Terms() != tt.wantTerms {
				t.Errorf("after Shrink(%v): docs %d, common %d, twice %d, terms %d; want %d, %d, %d, %d", tt.keep,
					d.Docs(), d.Count("common"), d.Count("twice"), d.Terms(), tt.docs, tt.common, tt.twice, tt.wantTerms)
			}
			if tt.keep > 0 && d.IDF("common") != idf {
				t.Errorf("IDF(common) = %v after Shrink, want %v", d.IDF("common"), idf)
			}
		})
	}
}
