package eval

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// RelatedScores is how the related stories shown for a set of labelled
// documents agree with their labels (a category, or a gold event): a
// related story is right when its documents' label (the most common) is
// its story's.
type RelatedScores struct {
	Stories   int     // stories of the documents
	Showing   int     // stories that show at least one related story
	Shown     int     // related stories shown, in all
	Right     int     // of them, with the story's label
	TopRight  int     // stories whose first related story is right
	Precision float64 // Right / Shown (0 when none are shown)
	TopPrec   float64 // TopRight / Showing
	Share     float64 // Showing / Stories
}

// ScoreRelated scores related stories: labels[i] is document i's label,
// stories[i] its story, related[s] the stories shown as related to story
// s, best first.
func ScoreRelated(labels []string, stories []int64, related map[int64][]int64) (RelatedScores, error) {
	if len(labels) != len(stories) {
		return RelatedScores{}, fmt.Errorf("score related stories: %d labels for %d documents", len(labels), len(stories))
	}
	votes := map[int64]map[string]int{}
	for i, s := range stories {
		if votes[s] == nil {
			votes[s] = map[string]int{}
		}
		votes[s][labels[i]]++
	}
	label := make(map[int64]string, len(votes))
	for s, v := range votes {
		best, n := "", -1
		for l, c := range v {
			if c > n || c == n && l < best {
				best, n = l, c
			}
		}
		label[s] = best
	}
	var sc RelatedScores
	sc.Stories = len(votes)
	for s := range votes {
		list := related[s]
		if len(list) == 0 {
			continue
		}
		sc.Showing++
		for i, r := range list {
			sc.Shown++
			l, known := label[r]
			right := known && l == label[s]
			if right {
				sc.Right++
			}
			if i == 0 && right {
				sc.TopRight++
			}
		}
	}
	if sc.Shown > 0 {
		sc.Precision = float64(sc.Right) / float64(sc.Shown)
		sc.TopPrec = float64(sc.TopRight) / float64(sc.Showing)
	}
	if sc.Stories > 0 {
		sc.Share = float64(sc.Showing) / float64(sc.Stories)
	}
	return sc, nil
}

// Print writes the scores as a table.
func (sc RelatedScores) Print(w io.Writer, what string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%s\tstories\tshowing any\tshare\tshown\tprecision\ttop-1 precision\t\n", "labels")
	fmt.Fprintf(tw, "%s\t%d\t%d\t%.3f\t%d\t%.3f\t%.3f\t\n", what, sc.Stories, sc.Showing, sc.Share, sc.Shown, sc.Precision, sc.TopPrec)
	return tw.Flush()
}
