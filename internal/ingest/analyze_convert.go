package ingest

import (
	"cmp"
	"math"
	"slices"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/analysis/entity"
	"github.com/storyline/storyline/internal/analysis/keyphrase"
)

// toKeyphrases converts the keyphrase package's phrases to the domain's.
func toKeyphrases(ps []keyphrase.Phrase) []storyline.Keyphrase {
	out := make([]storyline.Keyphrase, len(ps))
	for i, p := range ps {
		out[i] = storyline.Keyphrase{Text: p.Text, Hashtag: p.Hashtag, Score: p.Score}
	}
	return out
}

// fromKeyphrases converts stored keyphrases back.
func fromKeyphrases(ks []storyline.Keyphrase) []keyphrase.Phrase {
	out := make([]keyphrase.Phrase, len(ks))
	for i, k := range ks {
		out[i] = keyphrase.Phrase{Text: k.Text, Hashtag: k.Hashtag, Score: k.Score}
	}
	return out
}

// toEntities converts the entity package's entities to the domain's.
func toEntities(es []entity.Entity) []storyline.Entity {
	out := make([]storyline.Entity, len(es))
	for i, e := range es {
		out[i] = storyline.Entity{Name: e.Name, Kind: storyline.EntityKind(e.Kind), Count: e.Count}
	}
	return out
}

// fromEntities converts stored entities back.
func fromEntities(es []storyline.Entity) []entity.Entity {
	out := make([]entity.Entity, len(es))
	for i, e := range es {
		out[i] = entity.Entity{Name: e.Name, Kind: entity.Kind(e.Kind), Count: e.Count}
	}
	return out
}

// sortByWeight sorts xs by weight, heaviest first, then by key.
func sortByWeight[T any](xs []T, weight func(T) float64, key func(T) string) {
	slices.SortFunc(xs, func(a, b T) int {
		if c := cmp.Compare(weight(b), weight(a)); c != 0 {
			return c
		}
		return cmp.Compare(key(a), key(b))
	})
}

// sqrt is math.Sqrt, 1 for 0 so that dividing by it is safe.
func sqrt(x float64) float64 {
	if x <= 0 {
		return 1
	}
	return math.Sqrt(x)
}
