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
	// A story with no label on half its documents is judged by its most
	// common one: story 6 is "x", not "y".
	labels = [][]string{{"x"}, {"x"}, {"y"}, {"z"}, {"w"}, {"x"}, {"y"}}
	stories = []int64{6, 6, 6, 6, 6, 7, 8}
	sc, err = ScoreRelated(labels, stories, map[int64][]int64{6: {7, 8}})
	if err != nil || sc.Right != 1 || sc.Shown != 2 {
		t.Errorf("ScoreRelated of a mixed story = %+v, %v; want 1 of 2 right", sc, err)
	}
	if _, err := ScoreRelated([][]string{{"a"}}, nil, nil); err == nil {
		t.Error("mismatched lengths: no error")
	}
	if sc, _ := ScoreRelated(nil, nil, nil); sc != (RelatedScores{}) {
		t.Errorf("no documents: %+v", sc)
	}
}
