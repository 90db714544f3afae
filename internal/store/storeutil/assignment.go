package storeutil

import (
	"encoding/json"
	"fmt"

	"github.com/storyline/storyline"
)

// EncodeFolds encodes an assignment's folds for a text column:
// [[into, from], …] in order.
func EncodeFolds(folds []storyline.StoryFold) string {
	pairs := make([][2]int64, len(folds))
	for i, f := range folds {
		pairs[i] = [2]int64{f.Into, f.From}
	}
	b, _ := json.Marshal(pairs) // pairs of integers always encode
	return string(b)
}

// DecodeFolds decodes what EncodeFolds wrote: pairs of story IDs.
func DecodeFolds(s string) ([]storyline.StoryFold, error) {
	var pairs [][]int64
	if err := json.Unmarshal([]byte(s), &pairs); err != nil {
		return nil, fmt.Errorf("stored folds %q: %w", s, err)
	}
	var folds []storyline.StoryFold
	for _, p := range pairs {
		if len(p) != 2 || p[0] <= 0 || p[1] <= 0 {
			return nil, fmt.Errorf("stored folds %q: %v is not a pair of story IDs", s, p)
		}
		folds = append(folds, storyline.StoryFold{Into: p[0], From: p[1]})
	}
	return folds, nil
}

// CheckAssignment checks an assignment and its analysis before they are
// saved.
func CheckAssignment(a *storyline.Analysis, rec *storyline.Assignment) error {
	switch {
	case a == nil || rec == nil || a.ArticleID <= 0:
		return storyline.Errorf(storyline.EINVALID, "save assignment: no article")
	case rec.ArticleID != a.ArticleID:
		return storyline.Errorf(storyline.EINVALID, "save assignment: entry of article %d with the analysis of article %d", rec.ArticleID, a.ArticleID)
	case !rec.NearCopy && (rec.Joined <= 0 || rec.Story <= 0):
		return storyline.Errorf(storyline.EINVALID, "save assignment of article %d: no story", a.ArticleID)
	}
	return nil
}

// FoldSources lists the stories an assignment folds away.
func FoldSources(folds []storyline.StoryFold) []int64 {
	from := make([]int64, len(folds))
	for i, f := range folds {
		from[i] = f.From
	}
	return from
}
