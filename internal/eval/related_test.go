package eval

import (
	"strings"
	"testing"
)

func TestScoreRelated(t *testing.T) {
	labels := [][]string{{"sport"}, {"sport"}, {"sport"}, {"tech"}, {"tech", "crime"}, {"crime"}}
	stories := []int64{1, 1, 2, 3, 4, 5}
	related := map[int64][]int64{
		1: {2, 3}, // right, wrong
		3: {4},    // right
		4: {5},    // right: story 4's one document is filed under crime too
		5: {99},   // a story with no labelled document: wrong
	}
	sc, err := ScoreRelated(labels, stories, related)
	if err != nil {
		t.Fatal(err)
	}
	want := RelatedScores{Stories: 5, Showing: 4, Shown: 5, Right: 3, TopRight: 3, Precision: 0.6, TopPrec: 0.75, Share: 0.8}
	if sc != want {
		t.Errorf("ScoreRelated = %+v, want %+v", sc, want)
	}
	var b strings.Builder
	if err := sc.Print(&b, "category"); err != nil || !strings.Contains(b.String(), "0.600") {
		t.Errorf("Print: %q, %v", b.String(), err)
	}
	if _, err := ScoreRelated([][]string{{"a"}}, nil, nil); err == nil {
		t.Error("mismatched lengths: no error")
	}
	if sc, _ := ScoreRelated(nil, nil, nil); sc != (RelatedScores{}) {
		t.Errorf("no documents: %+v", sc)
	}
}
