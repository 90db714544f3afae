package storeutil

import (
	"time"

	"github.com/storyline/storyline"
)

// How the coverage of one event in other languages is found
// (OtherLanguages). Stories keep to one language, so a report in German
// and one in Spanish of the same event are two stories; they share
// little of their words but, entities being named alike across languages,
// their entities. A store lists the live stories of another known
// language that share at least MinSharedEntities entity keys with a
// story (fewer when either story names fewer) and whose spans lie within
// OtherLanguageNear of its span, best first by the weight of the
// entities they share: the sum of the products of their weights.
const (
	// EntityTermPrefix starts the entity keys among a story's terms (the
	// analysis's cluster.EntityPrefix); EntityTermEnd is the least term
	// after them, so that the entity keys are the terms t with
	// EntityTermPrefix <= t < EntityTermEnd.
	EntityTermPrefix = "\x00"
	EntityTermEnd    = "\x01"
	// MinSharedEntities is how many entities two stories must share to be
	// one event: one place or person in common is a coincidence, unless
	// it is all a story names.
	MinSharedEntities = 2
	// OtherLanguageNear is how far apart in time two stories may lie
	// (between the end of one's span and the start of the other's) and
	// still be one event.
	OtherLanguageNear = 3 * 24 * time.Hour
)

// OtherLanguageWindow returns the times a story's span must reach into to
// lie within OtherLanguageNear of base's: a story whose first_seen is at
// or before to and whose last_updated is at or after from. ok is false
// when base has no span (no article) or no known language, and has no
// coverage in other languages.
func OtherLanguageWindow(base *storyline.Story) (from, to time.Time, ok bool) {
	if base.Language == "" || base.FirstSeen.IsZero() || base.LastUpdated.IsZero() {
		return time.Time{}, time.Time{}, false
	}
	return base.FirstSeen.Add(-OtherLanguageNear), base.LastUpdated.Add(OtherLanguageNear), true
}

// OtherLanguage reports whether story s may be base's event in another
// language, as far as the stories themselves tell: another story, of a
// known language other than base's, whose span lies within
// OtherLanguageNear of base's. The shared entities are the store's to
// count.
func OtherLanguage(base, s *storyline.Story) bool {
	from, to, ok := OtherLanguageWindow(base)
	return ok && s.ID != base.ID && s.Language != "" && s.Language != base.Language &&
		!s.FirstSeen.IsZero() && !s.FirstSeen.After(to) && !s.LastUpdated.Before(from)
}

// PickOtherLanguages returns the stories of hits (best first, as a
// store's query ranked them by shared entity weight) that OtherLanguage
// still accepts once read, at most RelatedLimit(limit). Hits whose story
// was not read (deleted or merged meanwhile) are left out. The list is
// never nil.
func PickOtherLanguages(base *storyline.Story, hits []RelatedHit, stories map[int64]*storyline.Story, limit int) []storyline.RelatedStory {
	list := make([]storyline.RelatedStory, 0, min(len(hits), RelatedLimit(limit)))
	for _, h := range hits {
		if len(list) == RelatedLimit(limit) {
			break
		}
		if s := stories[h.ID]; s != nil && OtherLanguage(base, s) {
			list = append(list, storyline.RelatedStory{Story: s, Score: h.Score})
		}
	}
	return list
}
