package storeutil

import (
	"time"

	"github.com/storyline/storyline"
)

// MinRelatedScore is the least weight of shared terms (of unit-length
// term vectors: a cosine over the stories' top terms) that makes two
// stories related; below it they merely share common words.
const MinRelatedScore = 0.1

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

// RelatedStories returns hits as related stories, in their order, with
// the stories read for them; hits whose story was not read (deleted or
// merged meanwhile) are left out. The list is never nil.
func RelatedStories(hits []RelatedHit, stories map[int64]*storyline.Story) []storyline.RelatedStory {
	list := make([]storyline.RelatedStory, 0, len(hits))
	for _, h := range hits {
		if s := stories[h.ID]; s != nil {
			list = append(list, storyline.RelatedStory{Story: s, Score: h.Score})
		}
	}
	return list
}

// CopyCandidate is what LinkNearCopy weighs of a canonical article.
type CopyCandidate struct {
	ID    int64     // the canonical article
	Words int64     // its word count
	At    time.Time // published, or stored when unknown
}

// MoreComplete reports whether b is the more complete article of a and
// b, the one the other becomes a copy of: the one with more words; the
// earlier on ties, then the one with the lower ID.
func MoreComplete(a, b CopyCandidate) bool {
	return b.Words > a.Words || (b.Words == a.Words && (b.At.Before(a.At) || (b.At.Equal(a.At) && b.ID < a.ID)))
}
