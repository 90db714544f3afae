package ask

import (
	"slices"
	"testing"
)

// TestMerge checks that copies of a sentence across reports make one
// passage citing each report once, first report first, and that
// sentences telling different things stay apart.
func TestMerge(t *testing.T) {
	reports := []Report{
		{ID: 7, Text: "BERLIN (Wire) - The ministers met in Berlin on Monday to discuss gas prices for the coming winter. Prices rose."},
		{ID: 3, Text: "The ministers met in Berlin on Monday to discuss gas prices for the coming winter, officials said. Prices rose. Prices rose again."},
		{ID: 9, Text: "The ministers met in Paris on Friday to discuss electricity prices for next summer. The ministers met in Berlin on Monday to discuss gas prices for the coming winter."},
		{ID: 7, Text: "The ministers met in Berlin on Monday to discuss gas prices for the coming winter."},
	}
	ix := New(reports, "en")
	want := []struct {
		text string
		ids  []int64
	}{
		{"The ministers met in Berlin on Monday to discuss gas prices for the coming winter.", []int64{7, 3, 9}},
		{"The ministers met in Paris on Friday to discuss electricity prices for next summer.", []int64{9}},
	}
	if len(ix.passages) != len(want) {
		t.Fatalf("%d passages, want %d: %+v", len(ix.passages), len(want), ix.passages)
	}
	for i, w := range want {
		if p := ix.passages[i]; p.text != w.text || !slices.Equal(p.ids, w.ids) {
			t.Errorf("passage %d = %q citing %v, want %q citing %v", i, p.text, p.ids, w.text, w.ids)
		}
	}
}

// TestNear checks the similarity bound on small sets.
func TestNear(t *testing.T) {
	tests := []struct {
		a, b []int32
		want bool
	}{
		{[]int32{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, []int32{1, 2, 3, 4, 5, 6, 7, 8, 9, 11}, true}, // 9/11
		{[]int32{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, []int32{1, 2, 3, 4, 5, 6, 7, 8, 11, 12}, false},
		{[]int32{1, 2, 3, 4}, []int32{1, 2, 3, 4, 5, 6, 7, 8}, false},
		{[]int32{1, 2, 3, 4}, []int32{1, 2, 3, 4}, true},
	}
	for _, tt := range tests {
		if got := near(tt.a, tt.b); got != tt.want {
			t.Errorf("near(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
	for n := 1; n < 40; n++ {
		if p := prefixLen(n); p < 1 || p > n {
			t.Errorf("prefixLen(%d) = %d", n, p)
		}
	}
}
