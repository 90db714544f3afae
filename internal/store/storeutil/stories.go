package storeutil

import (
	"cmp"
	"slices"
	"time"

	"github.com/storyline/storyline"
)

// How related stories are chosen. A store ranks the other stories by
// the weight of the terms they share with a story (its top terms, each
// weighed by its IDF, as unit vectors: a cosine), one term counting for at
// most RelatedTermShare of the weight; PickRelated keeps those whose
// weight, lowered for stories far apart in time, reaches MinRelatedScore
// and RelatedCut of the best's.
const (
	// MinRelatedScore is the least weight of shared terms that makes two
	// stories related; below it they share only common words. Calibrated
	// with `storyline eval related` on the keyphrase set's categories.
	MinRelatedScore = 0.12
	// RelatedTermShare is the largest share of the weight one term may
	// carry: two stories that share only one word (a name, "talks") are
	// not related by it, however rare the word.
	RelatedTermShare = 0.5
	// RelatedCut is the share of the best related story's weight the
	// others must reach to be shown with it: better one good one than
	// four coincidences after it.
	RelatedCut = 0.8
	// RelatedNear is how far apart two stories may be in time for their
	// weight to count in full; RelatedFade is how much further apart
	// halves it (a third at twice as far), so that a story months later is
	// shown only when clearly a follow-up.
	RelatedNear = 14 * 24 * time.Hour
	RelatedFade = 30 * 24 * time.Hour
)

// RelatedCandidates is how many of the best-scoring stories a store
// reads for a related list of limit: more than shown, since PickRelated
// lowers the weight of those far apart in time.
func RelatedCandidates(limit int) int { return 4 * RelatedLimit(limit) }

// RelatedHit is a story related to another, as a store's query finds
// it: the story's ID and the weight of the terms they share.
type RelatedHit struct {
	ID    int64   // the related story
	Score float64 // the weight of the shared terms
}

// RelatedIDs returns the story IDs of hits, in their order.
func RelatedIDs(hits []RelatedHit) []int64 {
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	return ids
}

// PickRelated returns the related stories of base to show, at most limit
// (RelatedLimit), best first: hits, with the stories read for them, each
// weight divided by 1 + how far the stories lie apart beyond RelatedNear
// over RelatedFade, kept when it reaches MinRelatedScore and RelatedCut
// of the best. Hits whose story was not read (deleted or merged
// meanwhile) are left out. The list is never nil.
func PickRelated(base *storyline.Story, hits []RelatedHit, stories map[int64]*storyline.Story, limit int) []storyline.RelatedStory {
	list := make([]storyline.RelatedStory, 0, len(hits))
	for _, h := range hits {
		s := stories[h.ID]
		if s == nil || s.ID == base.ID {
			continue
		}
		score := h.Score
		if far := apart(base, s) - RelatedNear; far > 0 {
			score /= 1 + float64(far)/float64(RelatedFade)
		}
		if score >= MinRelatedScore {
			list = append(list, storyline.RelatedStory{Story: s, Score: score})
		}
	}
	slices.SortStableFunc(list, func(a, b storyline.RelatedStory) int { return cmp.Compare(b.Score, a.Score) })
	for i, r := range list {
		if i == RelatedLimit(limit) || r.Score < RelatedCut*list[0].Score {
			return list[:i]
		}
	}
	return list
}

// apart is the time between the spans of stories a and b: 0 when they
// overlap.
func apart(a, b *storyline.Story) time.Duration {
	switch {
	case b.FirstSeen.After(a.LastUpdated):
		return b.FirstSeen.Sub(a.LastUpdated)
	case a.FirstSeen.After(b.LastUpdated):
		return a.FirstSeen.Sub(b.LastUpdated)
	}
	return 0
}

// CopyCandidate is what LinkNearCopy weighs of a canonical article.
type CopyCandidate struct {
	ID        int64     // the canonical article
	Words     int64     // its word count
	Published time.Time // zero when unknown
}

// PreferCanonical reports whether b rather than a is the canonical
// article of two copies, the one the other becomes a copy of: the one
// published first when both dates are known; otherwise, or on ties, the
// more complete (more words); then the one with the lower ID.
func PreferCanonical(a, b CopyCandidate) bool {
	switch {
	case PublishedBefore(a.Published, b.Published):
		return false
	case PublishedBefore(b.Published, a.Published):
		return true
	case a.Words != b.Words:
		return b.Words > a.Words
	}
	return b.ID < a.ID
}

// PublishedBefore reports whether an article published at a was
// published before one published at b; unknown (zero) times are never
// before or after anything.
func PublishedBefore(a, b time.Time) bool {
	return !a.IsZero() && !b.IsZero() && a.Before(b)
}
