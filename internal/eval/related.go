package eval

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// RelatedScores is how the related stories shown for a set of labelled
// documents agree with their labels (news categories, or gold events): a
// related story is right when it shares a label with the story, a story's
// labels being those at least half its documents carry (when none is
// carried by that many, those carried by the most: a story whose articles
// the clustering gathered from several labels is judged by its main one).
type RelatedScores struct {
	Stories   int     // stories of the documents
	Showing   int     // stories that show at least one related story
	Shown     int     // related stories shown, in all
	Right     int     // of them, sharing a label with the story
	TopRight  int     // stories whose first related story is right
	Precision float64 // Right / Shown (0 when none are shown)
	TopPrec   float64 // TopRight / Showing
	Share     float64 // Showing / Stories
}

// ScoreRelated scores related stories: labels[i] are document i's labels
// (a document may be filed under several), stories[i] its story,
// related[s] the stories shown as related to story s, best first.
func ScoreRelated(labels [][]string, stories []int64, related map[int64][]int64) (RelatedScores, error) {
	if len(labels) != len(stories) {
		return RelatedScores{}, fmt.Errorf("score related stories: %d labels for %d documents", len(labels), len(stories))
	}
	votes := map[int64]map[string]int{}
	docs := map[int64]int{}
	for i, s := range stories {
		if votes[s] == nil {
			votes[s] = map[string]int{}
		}
		docs[s]++
		for _, l := range labels[i] {
			votes[s][l]++
		}
	}
	held := make(map[int64]map[string]bool, len(votes))
	for s, v := range votes {
		most := 0
		for _, c := range v {
			most = max(most, c)
		}
		held[s] = map[string]bool{}
		for l, c := range v {
			if 2*c >= docs[s] || c == most {
				held[s][l] = true
			}
		}
	}
	share := func(a, b int64) bool {
		for l := range held[a] {
			if held[b][l] {
				return true
			}
		}
		return false
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
			if share(s, r) {
				sc.Right++
				if i == 0 {
					sc.TopRight++
				}
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
